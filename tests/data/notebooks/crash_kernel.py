# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# Test notebook: kills its kernel, as a segfaulting extension would.

# %% tags=["parameters"]
code = 1

# %%
import os

os._exit(code)
