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
# # Translation alignment / 译文数字对照
#
# The numeric claims of a document (A) and its translation (B) side by side, as the
# `translation` check aligned them; claims without a partner are marked. `corpus`
# (optional) is the corpus both came from; None checks the two documents alone.

# %% tags=["parameters"]
doc_a: str = "seeds/000_6795ef89a86ceb71.txt"  # document A (usually the Chinese original), relative to where you run
doc_b: str = "seeds/002_a3bb30e09669c420.txt"  # document B, its translation
reference: "Optional[str]" = None  # an extra official-figures CSV added to the shipped table; None: the shipped figures only
corpus: "Optional[str]" = None  # the corpus both came from; None: check the two documents alone
context_file: "Optional[str]" = None  # set by `factlib report` (claims and findings computed once for the batch); leave None

# %%
import factlib.report as fr
from IPython.display import HTML, display

doc_a, doc_b = fr.resolve_path(doc_a, "doc_a"), fr.resolve_path(doc_b, "doc_b")
corpus, reference = fr.resolve_paths(corpus, "corpus"), fr.resolve_paths(reference, "reference")
scope = corpus if corpus is not None else [doc_a, doc_b]
ctx = fr.load_context(scope, reference, context_file=context_file)
a, b = ctx.document_by_path(doc_a), ctx.document_by_path(doc_b)
table = fr.alignment_table(ctx, a.id, b.id)
aligned = int((table["status"] == "aligned").sum()) if len(table) else 0
only_a = int(table["status"].str.startswith("only in A").sum()) if len(table) else 0
only_b = int(table["status"].str.startswith("only in B").sum()) if len(table) else 0
contradicted = int((table["verdict"] == "contradicted").sum()) if len(table) else 0
fr.record("title", f"{a.title or a.id} ↔ {b.title or b.id}")
fr.record("aligned", aligned)
fr.record("only_a", only_a)
fr.record("only_b", only_b)
fr.record("contradicted", contradicted)
fr.record("summary", f"{aligned} aligned, {only_a} only in A, {only_b} only in B, {contradicted} contradicted")
display(HTML(fr.heading(f"A: {a.title or a.id} ({a.lang})", 3)))
display(HTML(fr.heading(f"B: {b.title or b.id} ({b.lang})", 3)))

# %% [markdown]
# ## Aligned claims / 对照

# %%
classes = ["verdict-" + str(v) if v else "verdict-unverifiable" for v in table["verdict"]] if len(table) else []
display(HTML(fr.table_html(
    table, ["status", "a_surface", "a_value", "b_surface", "b_value", "kind", "verdict", "rel_diff", "explanation"],
    row_classes=classes,
)))
