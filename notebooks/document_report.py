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
# # Document report / 文档报告
#
# The document's text with every numeric claim highlighted (click one to jump to its
# row; click a row's words to jump back), its claims table, and the findings that
# involve it. `corpus` gives the other documents it is checked against (None: the
# document's own folder).

# %% tags=["parameters"]
doc_path: str = "seeds/000_6795ef89a86ceb71.txt"  # the document to report on, relative to where you run (or the repository root)
reference: "Optional[str]" = None  # an extra official-figures CSV added to the shipped table; None: the shipped figures only
corpus: "Optional[str]" = None  # the documents it is checked against; None: the folder of doc_path
context_file: "Optional[str]" = None  # set by `factlib report` (claims and findings computed once for the batch); leave None

# %%
from pathlib import Path

import factlib.report as fr
from IPython.display import HTML, display

doc_path = fr.resolve_path(doc_path, "doc_path")
corpus, reference = fr.resolve_paths(corpus, "corpus"), fr.resolve_paths(reference, "reference")
scope = corpus if corpus is not None else str(Path(doc_path).parent)
ctx = fr.load_context(scope, reference, context_file=context_file)
doc = ctx.document_by_path(doc_path)
claims = ctx.claims[ctx.claims["doc_id"] == doc.id].sort_values("start")
findings = fr.findings_for_doc(ctx.findings, doc.id)
contradicted = int((findings["verdict"] == "contradicted").sum()) if len(findings) else 0
fr.record("title", doc.title or doc.id)
fr.record("doc_id", doc.id)
fr.record("claims", len(claims))
fr.record("findings", len(findings))
headline = ", ".join(fr.headline_claims(claims))
fr.record("summary", f"{doc.lang}, {len(claims)} claims ({headline}), {len(findings)} findings ({contradicted} contradicted)")
display(HTML(fr.document_header_html(doc)))

# %% [markdown]
# ## Text / 正文

# %%
display(HTML(fr.legend_html()))
display(HTML(fr.highlight_document(doc.text, claims.to_dict("records"), fr.claim_verdicts(findings))))

# %% [markdown]
# ## Claims / 数字声明

# %%
display(HTML(fr.claims_table_html(claims, verdicts=fr.claim_verdicts(findings))))

# %% [markdown]
# ## Findings / 核查结果

# %%
display(HTML(fr.findings_table_html(findings, claims=ctx.claims, reference=ctx.reference, claim_links=True)))
