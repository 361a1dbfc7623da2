"""The checking engine: prepare the claims once, run every selected check, stack the findings.

>>> import factlib                                               # doctest: +SKIP
>>> findings = factlib.check(factlib.claims_frame(docs))         # doctest: +SKIP

``reference=None`` uses the shipped official figures; pass a DataFrame from
``factlib.load_reference(paths, include_default=...)`` to use others (an empty frame: none).
``checks`` selects checks by name, ``Check`` object or plain function; default: all registered.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from factlib.claims.speed import collector_paused
from factlib.checks.columns import factorize
from factlib.checks.prepare import CheckContext, prepare_claims
from factlib.checks.findings import FINDING_COLUMNS, empty_findings, finalize
from factlib.checks.registry import REGISTRY, Check, CheckRegistry
from factlib.checks.verdicts import rank_column
from factlib.vocab.lexicon import MetricLexicon, default_lexicon

__all__ = ["check"]

def check(
    claims: pd.DataFrame,
    reference: pd.DataFrame | None = None,
    checks: Iterable[str | Check] | None = None,
    *,
    documents: Iterable | Mapping | None = None,
    lexicon: MetricLexicon | None = None,
    registry: CheckRegistry | None = None,
    options: dict | None = None,
) -> pd.DataFrame:
    """Cross-check a claims frame (columns of ``factlib.claims_frame``); return findings.

    ``documents`` (Documents or a ``doc_id -> date`` mapping) supplies document dates when the
    claims have no ``doc_date`` column; the temporal check needs them.  Findings are sorted by
    verdict (``checks.verdicts.ORDER``: contradicted first), check and id; the columns are ``FINDING_COLUMNS``.

    Python's cyclic garbage collector is paused while it runs (``claims.speed.collector_paused``):
    the checks make millions of short-lived acyclic objects that reference counting frees, and the
    collector's passes over them were a tenth of the time at a million claims.
    """
    with collector_paused():
        return _check(claims, reference, checks, documents=documents, lexicon=lexicon, registry=registry,
                      options=options)


def _check(claims, reference, checks, *, documents, lexicon, registry, options) -> pd.DataFrame:
    lexicon = lexicon or default_lexicon()
    if reference is None:
        from factlib.figures.load import load_reference

        reference = load_reference(lexicon=lexicon)
    registry = registry or REGISTRY
    selected = registry.resolve(checks)
    prepared = prepare_claims(claims, lexicon, documents)
    ctx = CheckContext(claims=prepared, reference=reference, lexicon=lexicon, options=dict(options or {}))
    frames = [finalize(chk(ctx), chk.name, context=ctx) for chk in selected] if len(prepared) else []
    frames = [f for f in frames if len(f)]
    del ctx, prepared  # the findings hold what they render from (claim_arrays), not the prepared frame
    if not frames:
        return empty_findings()
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out.take(_order(out)).reset_index(drop=True)[list(FINDING_COLUMNS)]


def _order(findings: pd.DataFrame) -> np.ndarray:
    """Row positions sorted by verdict rank, check and finding id (a stable sort), keeping the
    first row of each finding id.  Ids of the usual form (``f-`` and 16 hex digits) sort as the
    64-bit numbers they spell (the same order as the strings); checks by the rank of their name."""
    rank = rank_column(findings["verdict"]).to_numpy(dtype=np.int64)
    codes, names = factorize(findings["check"].to_numpy(dtype=object))
    name_rank = np.empty(len(names), dtype=np.int64)
    name_rank[np.argsort(np.asarray(names, dtype=object).astype(str), kind="stable")] = np.arange(len(names))
    checks = name_rank[codes]
    id_objects = findings["finding_id"].to_numpy(dtype=object)
    keys = _hex_keys(id_objects)
    if keys is None:  # fixed-width unicode arrays sort in C, in the order of Python's string comparison
        ids = id_objects.astype(str)
        order = np.lexsort((ids, checks, rank))  # the last key is the primary one
        first = ~pd.Series(id_objects[order], dtype=object).duplicated().to_numpy()
        return order[first]
    order = np.lexsort((keys, checks, rank))
    return order[~pd.Series(keys[order]).duplicated().to_numpy()]


_HEX = np.full(256, 255, dtype=np.uint8)
_HEX[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint8)


def _hex_keys(ids: np.ndarray) -> np.ndarray | None:
    """The 64-bit numbers of ids ``f-`` + 16 lowercase hex digits, or None when any id is not of
    that form."""
    n = len(ids)
    if n == 0:
        return None
    text = ids.astype(str)  # fixed-width unicode: '<U18' when the longest id has 18 characters
    if text.dtype != np.dtype("<U18"):
        return None
    points = text.view(np.uint32).reshape(n, 18)
    if (points > 127).any():  # (a shorter id is padded with code 0, which is no hex digit either)
        return None
    raw = points.astype(np.uint8)
    if not ((raw[:, 0] == ord("f")) & (raw[:, 1] == ord("-"))).all():
        return None
    digits = _HEX[raw[:, 2:]]
    if (digits == 255).any():
        return None
    octets = np.ascontiguousarray((digits[:, 0::2] << 4) | digits[:, 1::2])  # (n, 8) bytes, most significant first
    return octets.view(">u8").reshape(n).astype(np.uint64)
