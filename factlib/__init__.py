"""factlib: pull numeric claims out of Chinese and English texts and cross-check them.

The public surface is small: load documents, extract claims, check them, report.

    >>> import factlib
    >>> docs = factlib.load_corpus("seeds/")                # doctest: +SKIP
    >>> claims = factlib.claims_frame(docs)                 # doctest: +SKIP
    >>> findings = factlib.check(claims)                    # doctest: +SKIP
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# name -> module that defines it; imported on first use so `factlib --help` stays fast.
_EXPORTS = {
    "Document": "factlib.documents.load",
    "Sentence": "factlib.documents.load",
    "LoadError": "factlib.documents.load",
    "load_document": "factlib.documents.load",
    "load_corpus": "factlib.documents.load",
    "Claim": "factlib.claims.record",
    "extract_claims": "factlib.claims.extract",
    "claims_frame": "factlib.claims.frame",
    "check": "factlib.checks",
    "load_reference": "factlib.figures.load",
    "run_report": "factlib.report",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factlib' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__


def _register_jupyter() -> None:
    """Inside IPython/Jupyter: show documents and corpora as HTML (see factlib.report.jupyter)."""
    import sys

    if "IPython" not in sys.modules:
        return
    try:
        from factlib.report.jupyter import register

        register()
    except Exception:  # pragma: no cover - display niceties must never break an import
        pass


_register_jupyter()
