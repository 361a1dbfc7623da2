"""Reports: parameterised notebooks, papermill batches, HTML a fact-checker reads in a browser.

    >>> import factlib
    >>> result = factlib.run_report("seeds/", "reports/", jobs=2)   # doctest: +SKIP
    >>> result.ok, result.index                                      # doctest: +SKIP
    (True, PosixPath('reports/index.html'))

The notebooks in ``notebooks/`` stay thin; what they call lives here:

- :mod:`~factlib.report.context` — load a corpus once (claims, findings) and the tables
  the notebooks show;
- :mod:`~factlib.report.charts` — matplotlib figures with a CJK font (:mod:`~factlib.report.fonts`);
- :mod:`~factlib.report.html` — escaped HTML: highlighted documents, tables, the index;
- :mod:`~factlib.report.record` — named results a notebook records for tests and the index;
- :mod:`~factlib.report.batch` — plan, parallel execution in long-lived kernels, atomic writes;
- :mod:`~factlib.report.export` / :mod:`~factlib.report.tabular` — HTML and CSV/Parquet output.

Names below are imported on first use, so ``import factlib.report`` stays cheap.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    # context and tables
    "ReportContext": "factlib.report.context",
    "load_context": "factlib.report.context",
    "documents_table": "factlib.report.context",
    "claims_by_kind": "factlib.report.context",
    "sort_findings": "factlib.report.context",
    "findings_for_doc": "factlib.report.context",
    "findings_for_metric": "factlib.report.context",
    "metric_keys": "factlib.report.context",
    "metric_label": "factlib.report.context",
    "translation_pairs": "factlib.report.context",
    "alignment_table": "factlib.report.context",
    "overview_summary": "factlib.report.context",
    "headline_claims": "factlib.report.context",
    "as_list": "factlib.report.context",
    # charts
    "claims_by_kind_chart": "factlib.report.charts",
    "findings_by_verdict_chart": "factlib.report.charts",
    "metric_timeline": "factlib.report.charts",
    "show": "factlib.report.charts",
    "save_png": "factlib.report.charts",
    "register_cjk_fonts": "factlib.report.fonts",
    # html
    "esc": "factlib.report.html",
    "heading": "factlib.report.html",
    "highlight_document": "factlib.report.html",
    "table_html": "factlib.report.html",
    "claims_table_html": "factlib.report.html",
    "findings_table_html": "factlib.report.html",
    "document_header_html": "factlib.report.html",
    "legend_html": "factlib.report.html",
    "reference_table_html": "factlib.report.html",
    "verdict_badge": "factlib.report.html",
    "attention_cards_html": "factlib.report.html",
    "claim_verdicts": "factlib.report.views",
    "finding_views": "factlib.report.views",
    "human_number": "factlib.checks.humanize",
    "human_percent": "factlib.checks.humanize",
    # jupyter and notebook parameters
    "styled": "factlib.report.jupyter",
    "document_html": "factlib.report.jupyter",
    "corpus_html": "factlib.report.jupyter",
    "resolve_path": "factlib.report.params",
    "resolve_paths": "factlib.report.params",
    "require_documents": "factlib.report.params",
    "require_metric": "factlib.report.params",
    "ParameterError": "factlib.report.params",
    # records: imported below, not lazily (see there)
    # batch
    "ReportResult": "factlib.report.batch",
    "plan_jobs": "factlib.report.batch",
    "execute_jobs": "factlib.report.batch",
}

# ``record`` is both a function here and the name of its submodule: imported lazily, the function
# would be shadowed for good by the submodule whenever ``factlib.report.record`` happened to be
# imported first (by the batch, an export, a warm kernel).  The module is small (json only).
from factlib.report.record import read_records, record  # noqa: E402

__all__ = sorted([*_EXPORTS, "read_records", "record", "run_report"])


def run_report(corpus: Any, out_dir: Any = "reports", **kwargs: Any) -> Any:
    """Execute the report notebooks over ``corpus`` and write ``out_dir/index.html``.

    See :func:`factlib.report.batch.run_report` for the keyword arguments (``jobs``,
    ``reference``, ``kinds``, ``notebook_folder``, ``progress``).  Returns a
    :class:`~factlib.report.batch.ReportResult`; ``result.ok`` is False when a
    notebook failed.
    """
    from factlib.report.batch import run_report as _run

    return _run(corpus, out_dir, **kwargs)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factlib.report' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
