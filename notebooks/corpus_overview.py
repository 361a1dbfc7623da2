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
# # Corpus overview / 语料概览
#
# Every document of the corpus, its numeric claims by kind, and what the cross-checks
# found (contradicted first). Parameters: `corpus` (a folder, glob or list of files)
# and `reference` (None for the shipped official figures, or CSV paths to add).

# %% tags=["parameters"]
corpus: str = "seeds"  # the documents: a folder, glob or file, relative to where you run (or the repository root)
reference: "Optional[str]" = None  # an extra official-figures CSV added to the shipped table; None: the shipped figures only
context_file: "Optional[str]" = None  # set by `factlib report` (claims and findings computed once for the batch); leave None

# %%
import factlib.report as fr
from IPython.display import HTML, display

corpus, reference = fr.resolve_paths(corpus, "corpus"), fr.resolve_paths(reference, "reference")
ctx = fr.load_context(corpus, reference, context_file=context_file)
fr.require_documents(ctx, corpus)
counts = fr.overview_summary(ctx)
summary = (
    f"{counts['documents']} documents, {counts['claims']} claims, {counts['findings']} findings "
    f"({counts['contradicted']} contradicted, {counts['needs_review']} need review)"
)
fr.record("title", "Corpus overview / 语料概览")
fr.record("summary", summary)
fr.record("counts", counts)
display(HTML(fr.heading(summary, 3)))

# %% [markdown]
# ## Documents / 文档

# %%
docs = fr.documents_table(ctx)
fr.record("documents", len(docs))
display(HTML(fr.table_html(docs)))

# %% [markdown]
# ## Claims by kind / 数字声明类型

# %%
display(HTML(fr.table_html(fr.claims_by_kind(ctx.claims))))
fr.show(fr.claims_by_kind_chart(ctx.claims))

# %% [markdown]
# ## Findings / 核查结果
#
# Sorted by verdict: contradicted, needs review, consistent, unverifiable.

# %%
findings = fr.sort_findings(ctx.findings)
fr.record("findings", len(findings))
fr.record("verdicts", findings["verdict"].value_counts().to_dict() if len(findings) else {})
fr.show(fr.findings_by_verdict_chart(findings))
display(HTML(fr.findings_table_html(findings, claims=ctx.claims, reference=ctx.reference)))
