# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# Test notebook: records its parameters, the kernel's pid and whether a variable from
# an earlier notebook leaked into this one.

# %% tags=["parameters"]
path = "default"
fail = False

# %%
import os

from factlib.report import record

leaked = "marker_from_previous_notebook" in globals()
marker_from_previous_notebook = True
record("path", path)
record("pid", os.getpid())
record("leaked", leaked)
record("summary", f"echo of {path}")
print(path)

# %%
if fail:
    raise ValueError(f"asked to fail for {path}")
