"""Browse a claim store in Datasette: claims, findings and documents with facets and labels.

``factlib serve --store PATH`` (needs the ``serve`` extra: ``pip install 'factlib[serve]'``)
reads the store read-only, runs the checks on its claims and writes a snapshot database
(``claims`` with each claim's verdict, ``findings`` with flat columns, ``documents``) next
to nothing of the user's: a temporary folder, or ``--db FILE``.  Datasette opens it with
the metadata of :func:`metadata`: facets on verdict, metric and document, and a label for
every column a reader may not guess.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from factlib.report.files import atomic_write, atomic_write_with

__all__ = ["COLUMN_LABELS", "build_database", "is_snapshot", "metadata"]

COLUMN_LABELS = {
    "claims": {
        "surface": "the words in the document", "value": "value (exact, in base units)",
        "low": "lowest value the claim allows", "high": "highest value the claim allows",
        "metric_key": "what is measured", "period": "when (ISO 8601)", "verdict": "most urgent verdict",
        "sentence": "sentence quoted", "doc_id": "document",
    },
    "findings": {
        "verdict": "contradicted / needs_review / unverifiable / consistent", "check": "which check",
        "observed_value": "what the document says", "expected_value": "what it was checked against",
        "rel_diff": "relative difference", "explanation": "why (Chinese, then English)",
        "claim_ids": "claims involved (; separated)", "doc_ids": "documents involved (; separated)",
    },
    "documents": {"doc_id": "document", "n_claims": "claims found", "path": "file"},
}


def metadata(db_name: str = "factlib") -> dict[str, Any]:
    """Datasette metadata: titles, facets on verdict / metric / document, column labels."""
    tables = {
        "claims": {"facets": ["verdict", "metric_key", "doc_id"], "sort_desc": "verdict",
                   "description": "Every numeric claim with the most urgent verdict a check gave it."},
        "findings": {"facets": ["verdict", "check", "metric_key", "doc_ids"],
                     "description": "What the checks found; contradicted and needs_review need a person."},
        "documents": {"facets": ["lang"], "description": "The documents in the store."},
    }
    for name, labels in COLUMN_LABELS.items():
        tables[name]["columns"] = labels
    return {"title": "factlib claim store", "description": "Claims, findings and documents (read-only snapshot).",
            "databases": {db_name: {"tables": tables}}}


def _flat(frame: Any) -> Any:
    from factlib.report.tabular import flat_frame

    out = flat_frame(frame)
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: v if v is None or isinstance(v, (str, int, float)) else str(v))
    return out


SNAPSHOT_TABLES = frozenset({"claims", "findings", "documents"})


def is_snapshot(db: str | Path) -> bool:
    """True when ``db`` is a snapshot this module wrote: an SQLite file holding exactly the
    claims, findings and documents tables (so ``--db`` may replace it, and nothing else)."""
    path = Path(db)
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        return False
    return names == SNAPSHOT_TABLES


def build_database(store: str | Path, db: str | Path, reference: Any = None) -> Path:
    """Write the snapshot database ``db`` from the claim store ``store`` (opened read-only)."""
    from factlib.checks import check
    from factlib.figures.load import load_reference
    from factlib.report.views import claim_verdicts
    from factlib.run.store import ClaimStore

    with ClaimStore(store, readonly=True) as st:
        claims = st.claims_frame()
        con = sqlite3.connect(str(Path(store)))
        try:
            documents = __import__("pandas").read_sql_query(
                "SELECT doc_id, title, date, lang, n_chars, n_claims, path, error FROM documents", con)
        finally:
            con.close()
    ref = load_reference(reference) if reference else load_reference()
    findings = check(claims, reference=ref)
    verdicts = claim_verdicts(findings)
    claims = claims.assign(verdict=[verdicts.get(str(c), "") for c in claims["claim_id"]])
    db = Path(db)
    if db.exists() and os.path.samefile(db, store):
        raise ValueError(f"--db {db} is the claim store itself; give the snapshot another name")
    if db.exists() and not is_snapshot(db):
        raise ValueError(f"--db {db} exists and is not a factlib snapshot; give the snapshot a new name "
                         "(an earlier snapshot is replaced, any other file is left alone)")

    def write(tmp: Path) -> None:  # the snapshot is built aside and renamed: a crash leaves the old one
        con = sqlite3.connect(str(tmp))
        try:
            _flat(claims).to_sql("claims", con, index=False)
            _flat(findings).to_sql("findings", con, index=False)
            documents.to_sql("documents", con, index=False)
            con.executescript("CREATE INDEX claims_verdict ON claims(verdict);"
                              "CREATE INDEX findings_verdict ON findings(verdict);")
            con.commit()
        finally:
            con.close()

    atomic_write_with(db, write)
    atomic_write(db.with_suffix(".metadata.json"), json.dumps(metadata(db.stem), ensure_ascii=False, indent=2))
    return db
