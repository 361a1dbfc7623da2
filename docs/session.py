# %% [markdown]
# # A short JupyterLab session with factlib
#
# Load a corpus, get its numeric claims, cross-check them, plot one metric.
# Run from the repository root (`python docs/session.py`), or open this file in
# JupyterLab as a notebook (jupytext) and run the cells; `tests/test_report_session.py`
# executes it.

# %%
import factlib
from factlib.report import metric_timeline, styled

corpus = factlib.load_corpus("seeds/")               # a folder, a glob or a list of files
corpus                                                # in Jupyter: a summary table, not the full texts

# %%
claims = factlib.claims_frame(corpus)                 # one row per numeric claim
claims[["doc_id", "surface", "value", "kind", "unit", "metric_key", "period"]].head(10)

# %%
reference = factlib.load_reference()                  # the shipped official figures
findings = factlib.check(claims, reference=reference)
findings[["check", "verdict", "metric_key", "period", "explanation"]].head(10)

# %%
findings["verdict"].value_counts()

# %%
styled(findings, claims=claims, reference=reference)  # verdict colours, numbers for humans, sources

# %%
corpus[3]                                             # the text with its claims highlighted by verdict

# %%
timeline = metric_timeline(claims, reference, "internet_users")  # every claim over the official series
timeline.figure
