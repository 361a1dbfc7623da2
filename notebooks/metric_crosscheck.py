# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Metric cross-check / 指标核查
#
# Every claim of one metric on a timeline over the official series: a point per claim
# at the end of its period, a bar for the interval of a qualified or rounded claim (an
# arrow when it is open, as in 超…), one marker per document, each labelled with its
# words. The findings about the metric follow.

# %% tags=["parameters"]
metric_key: str = "internet_users"  # the metric to plot (a key of factlib/data/metrics.csv, e.g. online_retail_sales)
corpus: str = "seeds"  # the documents: a folder, glob or file, relative to where you run (or the repository root)
reference: "Optional[str]" = None  # an extra official-figures CSV added to the shipped table; None: the shipped figures only
context_file: "Optional[str]" = None  # set by `factlib report` (claims and findings computed once for the batch); leave None

# %%
import factlib.report as fr
from IPython.display import HTML, display

corpus, reference = fr.resolve_paths(corpus, "corpus"), fr.resolve_paths(reference, "reference")
ctx = fr.load_context(corpus, reference, context_file=context_file)
fr.require_documents(ctx, corpus)
fr.require_metric(metric_key, ctx.claims, ctx.reference)
label = fr.metric_label(metric_key)
claims = ctx.claims[ctx.claims["metric_key"] == metric_key]
findings = fr.findings_for_metric(ctx.findings, metric_key)
fr.record("title", f"Metric {label}")
display(HTML(fr.heading(label, 2)))

# %%
timeline = fr.metric_timeline(claims, ctx.reference, metric_key, title=label)
fr.record("plotted_claims", len(timeline.plotted))
fr.record("skipped_claims", len(timeline.skipped))
fr.record("reference_points", len(timeline.reference))
fr.show(timeline.figure)

# %% [markdown]
# ## Claims / 声明

# %%
verdicts = fr.claim_verdicts(findings)
display(HTML(fr.claims_table_html(
    claims, ["doc_id", "surface", "value", "range", "qualifier", "period", "sentence", "verdict"],
    link_text=False, verdicts=verdicts,
)))
if len(timeline.skipped):
    display(HTML(fr.heading("Not on the chart / 未绘制", 3)))
    display(HTML(fr.table_html(timeline.skipped, ["doc_id", "surface", "kind", "unit", "period", "reason"])))

# %% [markdown]
# ## Official figures / 官方数据

# %%
display(HTML(fr.reference_table_html(timeline.reference)))

# %% [markdown]
# ## Findings / 核查结果

# %%
fr.record("findings", len(findings))
contradicted = int((findings["verdict"] == "contradicted").sum()) if len(findings) else 0
fr.record(
    "summary",
    f"{len(claims)} claims ({len(timeline.plotted)} plotted), {len(timeline.reference)} official figures, "
    f"{len(findings)} findings ({contradicted} contradicted)",
)
display(HTML(fr.findings_table_html(findings, claims=ctx.claims, reference=ctx.reference)))
