"""Notebook parameters: paths resolved from where the user runs, clear errors for bad input.

A notebook run with papermill from the repository root (``papermill
notebooks/corpus_overview.ipynb out.ipynb -p corpus seeds``), opened in JupyterLab (its
working directory is ``notebooks/``) or run by ``factlib report`` (absolute paths) must
find the same files.  A relative path is tried from the working directory first, then
from the folder above a ``notebooks/`` working directory, then from the report folder the
working directory lies in (the nearest folder above it holding factlib's manifest): the
executed notebooks ``factlib report`` writes name their files relative to the report folder
(``../seeds/a.txt``), so they run again from there or opened where they lie.  A missing corpus, a corpus
without documents or an unknown metric raises, so papermill exits non-zero with the
reason instead of reporting "0 documents".
"""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

__all__ = ["ParameterError", "require_documents", "require_metric", "resolve_path", "resolve_paths"]


class ParameterError(ValueError):
    """A notebook parameter names something that does not exist."""


def _candidates(path: str) -> list[Path]:
    p = Path(path).expanduser()
    if p.is_absolute():
        return [p]
    cwd = Path.cwd()
    out = [cwd / p]
    if cwd.name == "notebooks":
        out.append(cwd.parent / p)
    report = _report_folder(cwd)
    if report is not None and report != cwd:
        out.append(report / p)
    return out


def _report_folder(cwd: Path, depth: int = 3) -> Path | None:
    """The report folder ``cwd`` lies in (itself or one of ``depth`` folders above it that holds
    factlib's manifest: ``reports/notebooks/document/`` → ``reports/``), or None."""
    from factlib.documents.load import MANIFEST_NAME

    for folder in [cwd, *cwd.parents][: depth + 1]:
        if (folder / MANIFEST_NAME).is_file():
            return folder
    return None


def resolve_path(path: Any, what: str = "path") -> str:
    """``path`` as an absolute path that exists (a glob must match something)."""
    if path is None:
        raise ParameterError(f"{what} is required")
    text = str(path)
    for candidate in _candidates(text):
        if any(ch in text for ch in "*?[") and not candidate.exists():
            if glob.glob(str(candidate), recursive=True):
                return str(candidate)
        elif candidate.exists():
            return str(candidate) if Path(text).is_absolute() else str(candidate.resolve())
    tried = ", ".join(str(c) for c in _candidates(text))
    raise ParameterError(f"{what} {text!r} does not exist (looked for {tried})")


def resolve_paths(paths: Any, what: str = "corpus") -> Any:
    """:func:`resolve_path` on a path or each of a list of paths (None stays None)."""
    if paths is None:
        return None
    if isinstance(paths, (str, os.PathLike)):
        return resolve_path(paths, what)
    return [resolve_path(p, what) for p in paths]


def require_documents(ctx: Any, corpus: Any) -> None:
    """Raise when the corpus loaded no document (every file failed, or none was found)."""
    if len(ctx.documents):
        return
    errors = "; ".join(f"{getattr(e, 'path', e)}: {getattr(e, 'reason', e)}" for e in list(ctx.errors)[:5])
    raise ParameterError(f"corpus {corpus!r} has no document factlib can read" + (f" ({errors})" if errors else ""))


def require_metric(metric_key: str, claims: Any, reference: Any = None) -> None:
    """Raise when ``metric_key`` is neither in the metric lexicon nor among the claims or official figures."""
    from factlib.vocab.lexicon import default_lexicon

    def keys(frame: Any) -> set[str]:
        if frame is None or not len(frame) or "metric_key" not in frame:
            return set()
        return {str(k) for k in frame["metric_key"].dropna().unique() if k}

    claimed = keys(claims)
    if metric_key in claimed or metric_key in keys(reference) or metric_key in default_lexicon():
        return
    hint = ", ".join(sorted(claimed)[:15])
    raise ParameterError(f"unknown metric_key {metric_key!r}"
                         + (f"; metrics claimed in this corpus: {hint}" if hint else ""))
