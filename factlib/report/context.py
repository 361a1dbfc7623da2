"""What a report notebook works on: a corpus, its claims, its findings, the reference.

:func:`load_context` runs the pipeline (load → extract → check) once and keeps the
result in a small per-process cache keyed by the corpus and reference files' names,
sizes and modification times.  The batch runs many notebooks in one long-lived kernel
per worker (see :mod:`factlib.report.batch`), so a corpus of 200 documents is loaded
and checked once per worker rather than once per document report; an edited file
changes the key and is picked up.  The other functions are the tables the notebooks
show, kept here so notebooks stay thin.
"""
from __future__ import annotations

import json
import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from factlib.report.rows import records

__all__ = [
    "VERDICT_ORDER",
    "ReportContext",
    "alignment_table",
    "as_list",
    "claims_by_kind",
    "clear_cache",
    "context_key",
    "documents_table",
    "findings_for_doc",
    "findings_for_metric",
    "headline_claims",
    "load_context",
    "metric_keys",
    "metric_label",
    "overview_summary",
    "save_context",
    "sort_findings",
    "translation_pairs",
]



def __getattr__(name: str) -> Any:
    # VERDICT_ORDER: the one verdict order (factlib.checks.verdicts.ORDER) as plain strings, read
    # on first use (importing factlib.checks loads pandas and every check)
    if name == "VERDICT_ORDER":
        from factlib.checks.verdicts import ORDER

        return tuple(v.value for v in ORDER)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class ReportContext:
    """A loaded corpus with its claims and findings (DataFrames with the documented columns)."""

    documents: list[Any]
    claims: Any
    findings: Any
    reference: Any = None
    errors: list[Any] = field(default_factory=list)       # LoadError of each file that could not be read
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, "warning: …") of files read
    skipped: str | None = None                             # what the corpus folders held but were not read

    def document(self, doc_id: str) -> Any:
        """The document with this id (KeyError when absent)."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def document_by_path(self, path: str | os.PathLike[str]) -> Any:
        """The document loaded from ``path`` (compared after resolving)."""
        want = Path(path).resolve()
        doc = self._documents_by_resolved_path().get(want)
        if doc is not None:
            return doc
        # a context loaded elsewhere (another working directory): fall back to the file name
        same_name = [d for d in self.documents if Path(d.path).name == want.name]
        if len(same_name) == 1:
            return same_name[0]
        raise KeyError(str(path))


    def _documents_by_resolved_path(self) -> dict[Path, Any]:
        """Resolved path → the first document loaded from it, built once per context (and working
        directory): a batch's document reports each look their document up among all of the
        corpus's, and resolving every path for each was a quarter of a report's own code at 200
        documents."""
        key = (os.getcwd(), id(self.documents), len(self.documents))
        cached = self.__dict__.get("_by_resolved_path")
        if cached is None or cached[0] != key:
            index: dict[Path, Any] = {}
            for doc in self.documents:
                index.setdefault(Path(doc.path).resolve(), doc)
            cached = self.__dict__["_by_resolved_path"] = (key, index)
        return cached[1]


# ----------------------------------------------------------------- cache

_CACHE: OrderedDict[tuple, ReportContext] = OrderedDict()
_CACHE_SIZE = 4


def clear_cache() -> None:
    """Forget every cached context."""
    _CACHE.clear()


def _corpus_files(spec: Any) -> list[str]:
    """Files a corpus spec names, exactly as :func:`factlib.documents.load.expand_paths` finds them."""
    from factlib.documents.load import expand_paths

    return expand_paths(spec)


def _fingerprint(paths: Iterable[str]) -> tuple:
    items = []
    for f in paths:
        try:
            st = os.stat(f)
            items.append((str(Path(f).resolve()), st.st_size, st.st_mtime_ns))
        except OSError:
            items.append((str(f), -1, -1))
    return tuple(items)


def _reference_paths(reference: Any) -> list[str] | None:
    if reference is None or reference == "" or reference == []:
        return None
    if isinstance(reference, (str, os.PathLike)):
        return [str(reference)]
    return [str(r) for r in reference]


def context_key(corpus: Any, reference: Any = None, include_default_reference: bool = True) -> tuple:
    """Cache key of a corpus and reference: every file's resolved path, size and mtime."""
    ref_paths = _reference_paths(reference)
    return (_fingerprint(_corpus_files(corpus)), _fingerprint(ref_paths or ()), include_default_reference)


def save_context(ctx: ReportContext, path: str | os.PathLike[str], key: tuple) -> Path:
    """Pickle ``ctx`` with its :func:`context_key` so kernels can skip the pipeline."""
    import pickle

    from factlib.report.files import atomic_write

    return atomic_write(path, pickle.dumps({"key": key, "context": ctx}, protocol=pickle.HIGHEST_PROTOCOL))


def _from_file(path: str, key: tuple) -> ReportContext | None:
    import pickle

    try:
        with open(path, "rb") as fh:
            payload = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(payload, dict) or payload.get("key") != key:
        return None  # made for other files (or older versions of them): compute afresh
    return payload["context"]


def _file_key(context_file: Any, corpus: Any, reference: Any, include_default_reference: bool) -> tuple | None:
    """Cache key of a context file as this notebook names it (None when it cannot be read)."""
    try:
        st = os.stat(context_file)
    except (OSError, TypeError, ValueError):
        return None
    return ("context_file", str(context_file), st.st_size, st.st_mtime_ns, repr(corpus), repr(reference),
            include_default_reference)


def load_context(
    corpus: Any,
    reference: Any = None,
    *,
    include_default_reference: bool = True,
    use_cache: bool = True,
    context_file: str | os.PathLike[str] | None = None,
    store: str | os.PathLike[str] | None = None,
    verify: bool = False,
) -> ReportContext:
    """Load ``corpus`` (folder, glob, file or list), extract its claims and check them.

    ``reference`` is None (the shipped official figures) or one or more CSV paths of
    the same schema added to them (``include_default_reference=False`` uses only them).
    ``context_file`` is a context ``factlib report`` computed once for the whole batch
    (:func:`save_context`); it is used only when it was made from exactly these files.
    ``store`` is a claim store (:mod:`factlib.run.store`): claims are read from it, and only new or
    changed files are extracted (and stored) first (``verify``: every file re-hashed).  Every
    file goes through :func:`factlib.run.loop.process`: one that cannot be read is an entry of
    ``ctx.errors`` and the others go on.
    """
    import factlib

    # a batch's notebooks share one context file: once it has been read (and found to match the
    # files), the next notebook gets it without fingerprinting every file of the corpus again
    # (10 ms a notebook for 200 files)
    file_key = _file_key(context_file, corpus, reference, include_default_reference) if context_file else None
    if use_cache and file_key in _CACHE:
        _CACHE.move_to_end(file_key)
        return _CACHE[file_key]
    key = context_key(corpus, reference, include_default_reference)
    if use_cache and key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    ctx = _from_file(str(context_file), key) if context_file else None
    if ctx is not None and use_cache and file_key is not None:
        _CACHE[file_key] = ctx
    if ctx is None:
        from factlib.documents.load import LoadError, Source, list_sources
        from factlib.run.local import extract_frame, results_frame
        from factlib.run.loop import process_all

        listing = list_sources(corpus)
        # with a store the claims come from it: here the documents are only loaded
        results = list(process_all(listing, extract=store is None, keep_documents=True))
        errors = [LoadError(r.path, r.error or "") for r in results if not r.ok]
        documents = [r.document for r in results if r.ok]
        if store is None:
            claims = results_frame(results).drop(columns=["doc_date"])
        else:  # read from the claim store; extract only new or changed files
            claims = extract_frame([Source(d.path, d.id) for d in documents], store=store, verify=verify)
        warnings = [m for r in results if r.ok for m in r.messages()]
        ref = factlib.load_reference(_reference_paths(reference), include_default=include_default_reference)
        findings = factlib.check(claims, reference=ref)
        ctx = ReportContext(documents=documents, claims=claims, findings=findings, reference=ref, errors=errors,
                            warnings=warnings, skipped=listing.summary())
    if use_cache:
        _CACHE[key] = ctx
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return ctx


# ----------------------------------------------------------------- helpers

def as_list(value: Any) -> list[Any]:
    """A list from a list-like cell (list, tuple, array, JSON text, '|'-joined text, None)."""
    if value is None:
        return []
    if isinstance(value, float) and value != value:
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            try:
                return list(json.loads(text))
            except ValueError:
                pass
        return [p for p in text.split("|") if p]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


_DOC_INDEX: list[Any] = [None, -1, None]  # [findings frame, its length, {doc_id: [positions]}] of the last frame


def _doc_rows(findings: Any) -> dict[str, list[int]]:
    """Row positions of the findings involving each document, built once per findings frame (a
    batch kernel asks for every document of the same frame in turn)."""
    if _DOC_INDEX[0] is not findings or _DOC_INDEX[1] != len(findings):
        index: dict[str, list[int]] = {}
        for pos, ids in enumerate(findings["doc_ids"]):
            for doc in dict.fromkeys(str(d) for d in as_list(ids)):
                index.setdefault(doc, []).append(pos)
        _DOC_INDEX[:] = [findings, len(findings), index]
    return _DOC_INDEX[2]


def _has_doc(findings: Any, doc_id: str) -> Any:
    import numpy as np

    mask = np.zeros(len(findings), dtype=bool)
    mask[_doc_rows(findings).get(str(doc_id), [])] = True
    return mask


def sort_findings(findings: Any) -> Any:
    """Findings ordered by verdict (contradicted first), then check, metric and period."""
    if len(findings) == 0:
        return findings
    from factlib.checks.verdicts import rank

    out = findings.assign(_rank=findings["verdict"].map(rank))
    cols = ["_rank"] + [c for c in ("check", "metric_key", "period", "finding_id") if c in out]
    return out.sort_values(cols, kind="stable", na_position="last").drop(columns="_rank").reset_index(drop=True)


def findings_for_doc(findings: Any, doc_id: str) -> Any:
    """Findings that involve the document ``doc_id``, sorted by verdict."""
    if len(findings) == 0:
        return findings
    return sort_findings(findings[_has_doc(findings, doc_id)])


def findings_for_metric(findings: Any, metric_key: str) -> Any:
    """Findings about ``metric_key``, sorted by verdict."""
    if len(findings) == 0:
        return findings
    return sort_findings(findings[findings["metric_key"] == metric_key])


def metric_keys(claims: Any) -> list[str]:
    """Metric keys that at least one claim carries, most claimed first."""
    if len(claims) == 0:
        return []
    counts = claims["metric_key"].dropna().astype(str)
    counts = counts[counts != ""].value_counts()
    return sorted(counts.index, key=lambda k: (-int(counts[k]), k))


def metric_label(metric_key: str) -> str:
    """'label_zh / label_en (key)' from the metric lexicon when it knows the key."""
    try:
        from factlib.vocab.lexicon import default_lexicon

        info = default_lexicon().info(metric_key)
    except Exception:  # lexicon absent or key unknown: the key is label enough
        return metric_key
    if not info:
        return metric_key
    get = info.get if isinstance(info, dict) else (lambda k, d=None: getattr(info, k, d))
    parts = [p for p in (get("label_zh", ""), get("label_en", "")) if p]
    return f"{' / '.join(parts)} ({metric_key})" if parts else metric_key


def documents_table(ctx: ReportContext) -> Any:
    """One row per document: id, title, date, lang, number of claims and of findings."""
    import pandas as pd

    claims, findings = ctx.claims, ctx.findings
    n_claims = claims.groupby("doc_id").size() if len(claims) else {}
    rows = []
    for doc in ctx.documents:
        involved = findings[_has_doc(findings, doc.id)] if len(findings) else findings
        rows.append(
            {
                "doc_id": doc.id,
                "title": doc.title or "",
                "date": doc.date.isoformat() if doc.date else "",
                "lang": doc.lang,
                "claims": int(n_claims.get(doc.id, 0)) if len(claims) else 0,
                "findings": len(involved),
                "contradicted": int((involved["verdict"] == "contradicted").sum()) if len(involved) else 0,
            }
        )
    return pd.DataFrame(
        rows, columns=["doc_id", "title", "date", "lang", "claims", "findings", "contradicted"]
    )


def claims_by_kind(claims: Any) -> Any:
    """Counts of claims by document (rows) and kind (columns), with totals."""
    import pandas as pd

    if len(claims) == 0:
        return pd.DataFrame()
    table = claims.groupby(["doc_id", "kind"]).size().unstack(fill_value=0)
    table = table.loc[:, table.sum().sort_values(ascending=False).index]
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def translation_pairs(findings: Any) -> list[tuple[str, str]]:
    """Document pairs the ``translation`` check aligned (each pair once, sorted)."""
    if len(findings) == 0:
        return []
    pairs = set()
    for ids in findings.loc[findings["check"] == "translation", "doc_ids"]:
        docs = sorted({str(d) for d in as_list(ids)})
        if len(docs) == 2:
            pairs.add((docs[0], docs[1]))
    return sorted(pairs)


def alignment_table(ctx: ReportContext, doc_a: str, doc_b: str) -> Any:
    """Claims of two documents side by side, from the ``translation`` findings.

    One row per aligned pair and one per claim without a partner (marked in
    ``status``): ``a_surface``, ``a_value``, ``b_surface``, ``b_value``, ``verdict``,
    ``rel_diff``, ``explanation``.  Claims of either document that no translation finding
    mentions are listed as unmatched too, so nothing silently disappears.
    """
    import pandas as pd

    claims = ctx.claims
    others: set[str] = set()  # claims of the other documents (a finding involving one is left out)
    if len(claims):  # only the two documents' claims become dicts (not the whole corpus's)
        mine = claims["doc_id"].isin([doc_a, doc_b])
        others = set(claims.loc[~mine, "claim_id"].astype(str))
        claims = claims[mine]
    by_id = {str(c["claim_id"]): c for c in records(claims)} if len(claims) else {}
    findings = ctx.findings
    rows, used = [], set()
    if len(findings):
        sel = findings[findings["check"] == "translation"]
        for f in records(sel):
            ids = [str(i) for i in as_list(f.get("claim_ids"))]
            members = [by_id[i] for i in ids if i in by_id]
            if not members or any(i in others for i in ids):
                continue
            a = next((m for m in members if m["doc_id"] == doc_a), None)
            b = next((m for m in members if m["doc_id"] == doc_b), None)
            if a is None and b is None:
                continue
            used.update(ids)
            rows.append(_alignment_row(a, b, f))
    for doc in (doc_a, doc_b):
        for c in (records(claims[claims["doc_id"] == doc]) if len(claims) else []):
            if str(c["claim_id"]) not in used:
                rows.append(_alignment_row(c if doc == doc_a else None, c if doc == doc_b else None, None))
    columns = ["status", "a_surface", "a_value", "b_surface", "b_value", "kind", "verdict",
               "rel_diff", "a_start", "b_start", "a_claim_id", "b_claim_id", "explanation"]
    table = pd.DataFrame(rows, columns=columns)
    if len(table):
        table["_order"] = table["a_start"].fillna(table["b_start"])
        table = table.sort_values(["_order", "b_start"], kind="stable", na_position="last")
        table = table.drop(columns="_order").reset_index(drop=True)
    return table


def _alignment_row(a: dict | None, b: dict | None, finding: dict | None) -> dict[str, Any]:
    if a is not None and b is not None:
        status = "aligned"
    elif a is not None:
        status = "only in A"
    else:
        status = "only in B"
    if finding is None:
        status += " (unchecked)"
    either = a or b or {}
    return {
        "status": status,
        "a_surface": a["surface"] if a else "",
        "a_value": a.get("value") if a else None,
        "b_surface": b["surface"] if b else "",
        "b_value": b.get("value") if b else None,
        "kind": either.get("kind"),
        "verdict": finding.get("verdict") if finding else "",
        "rel_diff": finding.get("rel_diff") if finding else None,
        "a_start": a.get("start") if a else None,
        "b_start": b.get("start") if b else None,
        "a_claim_id": a.get("claim_id") if a else None,
        "b_claim_id": b.get("claim_id") if b else None,
        "explanation": finding.get("explanation", "") if finding else "",
    }


def overview_summary(ctx: ReportContext) -> dict[str, Any]:
    """Counts for the overview's summary line (documents, claims, findings by verdict)."""
    from factlib.checks.verdicts import ORDER

    verdicts = ctx.findings["verdict"].value_counts().to_dict() if len(ctx.findings) else {}
    return {
        "documents": len(ctx.documents),
        "load_errors": len(ctx.errors),
        "claims": len(ctx.claims),
        "findings": len(ctx.findings),
        **{v.value: int(verdicts.get(v, 0)) for v in ORDER},
    }


def headline_claims(claims: Any, n: int = 3) -> list[str]:
    """Surfaces of the first ``n`` claims that state a level of a known metric, in text order
    (any claims when none has a metric) — the numbers a reader sees first on the index."""
    from factlib.report.charts import LEVEL_KINDS

    if len(claims) == 0:
        return []
    ordered = claims.sort_values("start", kind="stable")
    keys = ordered["metric_key"].astype("object").fillna("")
    known = ordered[(keys != "") & ordered["kind"].astype("object").isin(LEVEL_KINDS)]
    pick = known if len(known) else ordered
    return [str(s) for s in pick["surface"].head(n)]
