"""The findings table: flat columns, stable ids, evidence and bilingual explanations.

A findings frame is columnar (issue 16): what a finding observed and expected are six float
columns (``observed_value/low/high``, ``expected_value/low/high``; ``±inf`` for an open bound,
NaN for an unknown one) plus optional texts (``observed_text``, ``expected_text``: a date or a
count as the check states it), and its evidence is three columns parallel to ``claim_ids``
(``evidence_doc_ids``, ``evidence_starts``, ``evidence_ends``: the span of each claim).  No cell
holds a dict.  The lists and the explanation are rendered when read (:mod:`factlib.checks.lazy`):
a check names its claims by position (``_pos0``, ``_pos1`` columns) and gives its explanation as a
renderer over columns, so a million findings hold integers, not a million strings and lists.  :func:`nested_records` gives the older nested view (``observed``/``expected``
dicts, ``evidence`` as ``[{doc_id, start, end}]``) for writers and readers that want it: it is
what ``factlib check --format jsonl`` prints.

A check returns *partial* findings: any subset of the columns, with the flat columns (see
:func:`interval_columns` and :func:`evidence_columns`) or — for checks not yet converted — the
nested ``observed``/``expected``/``evidence`` cells, which :func:`finalize` flattens.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from factlib.checks.columns import factorize, per_distinct
from factlib.checks.humanize import scaled_figure
from factlib.checks.lazy import Block, LazyColumn, LazyDtype, literal, objects, register_dask

__all__ = [
    "FINDING_COLUMNS", "INTERVAL_PARTS", "empty_findings", "finalize", "interval_columns", "evidence_columns",
    "evidence_for", "nested_records", "nested_frame", "flat_frame", "NESTED_COLUMNS", "interval_view", "fmt_number", "fmt_figure_zh", "fmt_figure_en", "fmt_interval", "quote",
]

#: the parts of an observed or expected quantity, each a column ``<side>_<part>``
INTERVAL_PARTS = ("value", "low", "high", "text")

#: the columns of a findings frame, in order
FINDING_COLUMNS = (
    "finding_id", "check", "verdict", "claim_ids", "doc_ids", "metric_key", "period",
    "observed_value", "observed_low", "observed_high", "observed_text",
    "expected_value", "expected_low", "expected_high", "expected_text",
    "rel_diff", "tolerance", "explanation",
    "evidence_doc_ids", "evidence_starts", "evidence_ends",
)

#: the columns of the nested (pre-columnar) view, in order; ``factlib check`` prints these
NESTED_COLUMNS = (
    "finding_id", "check", "verdict", "claim_ids", "doc_ids", "metric_key", "period", "observed",
    "expected", "rel_diff", "tolerance", "explanation", "evidence",
)

_FLOAT_COLUMNS = tuple(
    f"{side}_{part}" for side in ("observed", "expected") for part in ("value", "low", "high")
) + ("rel_diff", "tolerance")
_TEXT_COLUMNS = ("observed_text", "expected_text")
_LIST_COLUMNS = ("claim_ids", "doc_ids", "evidence_doc_ids", "evidence_starts", "evidence_ends")


def empty_findings() -> pd.DataFrame:
    """A findings frame with no rows and the right columns (floats typed float)."""
    global _EMPTY
    register_dask()  # a Dask engine asking for its meta frame can build sample lazy columns
    if _EMPTY is None:
        _EMPTY = pd.DataFrame({
            c: pd.Series(dtype=float) if c in _FLOAT_COLUMNS
            else pd.Series(LazyColumn._from_sequence([], dtype=LazyDtype("list" if c in _LIST_COLUMNS else "text")))
            if c in _LIST_COLUMNS or c == "explanation" else pd.Series(dtype=object)
            for c in FINDING_COLUMNS
        })
    return _EMPTY.copy()


_EMPTY: pd.DataFrame | None = None


# ---------------------------------------------------------------------------------------------
# building blocks for checks

def interval_columns(side: str, value, low, high, text=None) -> dict[str, np.ndarray]:
    """``{side}_value/low/high`` (float arrays) and ``{side}_text`` (object, None where absent)
    for ``out.assign(**interval_columns("observed", v, lo, hi))``."""
    cols = {f"{side}_{p}": np.asarray(x, dtype=float) for p, x in (("value", value), ("low", low), ("high", high))}
    n = len(cols[f"{side}_value"])
    cols[f"{side}_text"] = np.full(n, None, dtype=object) if text is None else np.asarray(text, dtype=object)
    return cols


def evidence_columns(claims: pd.DataFrame, rows: Sequence[Sequence[int]]) -> dict[str, list]:
    """Evidence of each finding (a list of claim row labels) as three columns parallel to its
    ``claim_ids``: ``evidence_doc_ids``, ``evidence_starts``, ``evidence_ends``."""
    doc = claims["doc_id"].to_numpy(dtype=object)
    if not per_distinct(lambda d: type(d) is str, doc, dtype=bool).all():
        doc = np.array([str(d) for d in doc], dtype=object)
    start = claims["start"].to_numpy().astype(np.int64, copy=False)
    end = claims["end"].to_numpy().astype(np.int64, copy=False)
    # row labels of the prepared claims are their positions; findings of one length at a time
    # are a 2-D take, and ``tolist`` makes the lists (of str and int) in C
    rows = [list(r) for r in rows]
    out: dict[str, list] = {"evidence_doc_ids": [None] * len(rows), "evidence_starts": [None] * len(rows),
                            "evidence_ends": [None] * len(rows)}
    by_length: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        by_length.setdefault(len(r), []).append(i)
    for length, members in by_length.items():
        if length == 0:
            for i in members:
                out["evidence_doc_ids"][i], out["evidence_starts"][i], out["evidence_ends"][i] = [], [], []
            continue
        pos = np.array([rows[i] for i in members], dtype=np.int64).reshape(len(members), length)
        for name, values in (("evidence_doc_ids", doc[pos].tolist()), ("evidence_starts", start[pos].tolist()),
                             ("evidence_ends", end[pos].tolist())):
            if len(members) == len(rows):
                out[name] = values
                continue
            column = out[name]
            for i, v in zip(members, values):
                column[i] = v
    return out


def evidence_take(claims: pd.DataFrame, *positions) -> dict[str, list]:
    """:func:`evidence_columns` for findings that all cite the same number of claims, given as one
    array of claim row positions per place (``evidence_take(c, part_rows, whole_rows)``): one
    2-D take per column, the lists made in C."""
    pos = np.stack([np.asarray(p, dtype=np.int64) for p in positions], axis=1)
    doc = claims["doc_id"].to_numpy(dtype=object)
    taken = doc[pos]
    if not all(type(d) is str for d in pd.unique(taken.ravel())):
        taken = np.array([[str(d) for d in row] for row in taken], dtype=object).reshape(pos.shape)
    start = claims["start"].to_numpy().astype(np.int64, copy=False)
    end = claims["end"].to_numpy().astype(np.int64, copy=False)
    return {"evidence_doc_ids": taken.tolist(), "evidence_starts": start[pos].tolist(),
            "evidence_ends": end[pos].tolist()}


def id_lists(*columns) -> list[list]:
    """Row-wise lists of the values of ``columns`` (``[[a0, b0], [a1, b1], …]``), built in C."""
    return np.stack([np.asarray(c, dtype=object) for c in columns], axis=1).tolist()


def evidence_for(claims: pd.DataFrame, rows: Sequence[Sequence[int]]) -> list[list[dict]]:
    """``[{doc_id, start, end}, …]`` for each list of claim row positions (the nested form;
    :func:`finalize` flattens it — new code uses :func:`evidence_columns`)."""
    doc = claims["doc_id"].to_numpy()
    start = claims["start"].to_numpy()
    end = claims["end"].to_numpy()
    return [[{"doc_id": str(doc[i]), "start": int(start[i]), "end": int(end[i])} for i in idx] for idx in rows]


# ---------------------------------------------------------------------------------------------
# finalize: partial findings -> the findings frame

def _as_list(c) -> list:
    return list(c) if isinstance(c, (list, tuple, np.ndarray)) else [c]


def _flatten_nested(out: pd.DataFrame) -> pd.DataFrame:
    """Turn nested ``observed``/``expected`` dict cells and ``evidence`` dict lists into the flat
    columns (for checks that still return them)."""
    for side in ("observed", "expected"):
        if side not in out.columns:
            continue
        cells = out[side].tolist()
        for part in ("value", "low", "high"):
            name = f"{side}_{part}"
            if name not in out.columns:
                out[name] = np.array([_part(d, part) for d in cells], dtype=float)
        if f"{side}_text" not in out.columns:
            out[f"{side}_text"] = np.array(
                [d.get("text") if isinstance(d, dict) else None for d in cells], dtype=object)
        out = out.drop(columns=side)
    if "evidence" in out.columns:
        ev = [e if isinstance(e, (list, tuple)) else [] for e in out["evidence"].tolist()]
        out["evidence_doc_ids"] = [[str(x["doc_id"]) for x in e] for e in ev]
        out["evidence_starts"] = [[int(x["start"]) for x in e] for e in ev]
        out["evidence_ends"] = [[int(x["end"]) for x in e] for e in ev]
        out = out.drop(columns="evidence")
    return out


def _part(d, part: str) -> float:
    if isinstance(d, dict):
        x = d.get(part)
    elif part == "value":
        x = d  # a bare number
    else:
        return math.nan
    if x is None:
        return math.nan
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def finding_ids(check: str, claim_ids: Sequence[Sequence[str]], extra: Sequence[str]) -> list[str]:
    """``f-`` + 16 hex digits of SHA-1 over the check, the sorted claim ids and ``extra``."""
    sha1 = hashlib.sha1
    prefix = check + "\x1f"
    raws = [f"{prefix}{ids[0]!s}\x1f{e}" if len(ids) == 1 else "\x1f".join([check, *sorted(map(str, ids)), e])
            for ids, e in zip(claim_ids, extra)]
    return ["f-" + sha1(raw.encode("utf-8")).hexdigest()[:16] for raw in raws]


def _doc_list(d) -> list:
    """The sorted distinct document ids of a cell (a list, or one id)."""
    if type(d) is list:
        if len(d) == 1:
            return d
        if len(d) == 2:
            a, b = d
            return [a, b] if a < b else ([b, a] if b < a else [a])
    if isinstance(d, (list, tuple, np.ndarray)):
        return sorted(set(d))
    return [d]


def finalize(partial: pd.DataFrame, check: str, claims: pd.DataFrame | None = None,
             arrays: dict[str, np.ndarray] | None = None, context=None) -> pd.DataFrame:
    """Complete a check's partial findings: flatten nested cells, fill missing columns, set
    ``check``, compute the stable ``finding_id`` from the check name, the claim ids and an
    optional ``id_extra`` column.

    A check may name its claims by position instead of lists: integer columns ``_pos0``,
    ``_pos1``, … (row positions in the prepared ``claims``; ``arrays`` is
    :func:`claim_arrays` of them, or ``context.arrays`` of a ``CheckContext``).  Then ``claim_ids``, ``doc_ids`` and the evidence columns are
    rendered from the positions when read (:mod:`factlib.checks.lazy`) and the ids are hashed
    from whole columns."""
    if partial is None or len(partial) == 0:
        return empty_findings()
    out = _flatten_nested(partial.reset_index(drop=True))
    n = len(out)
    extra = per_distinct(str, out["id_extra"].to_numpy(dtype=object)) if "id_extra" in out.columns \
        else np.full(n, "", dtype=object)
    positions = sorted((c for c in out.columns if c.startswith("_pos")), key=lambda c: int(c[4:]))
    columns: dict[str, object] = {}
    if positions:
        if arrays is None:
            arrays = context.arrays if context is not None else claim_arrays(claims)
        pos = [out[c].to_numpy(dtype=np.int64) for c in positions]
        columns.update(positional_lists(arrays, pos))
        columns["finding_id"] = finding_ids_at(check, arrays["claim_id"], pos, extra)
        out = out.drop(columns=positions)
    if "finding_id" not in columns:
        for column in ("claim_ids", "doc_ids"):
            if column not in out.columns:
                out[column] = objects([[] for _ in range(n)])
        claim_ids = out["claim_ids"].tolist()
        if not all(type(c) is list for c in claim_ids):
            claim_ids = [_as_list(c) for c in claim_ids]
        doc_ids = [_doc_list(d) for d in out["doc_ids"].tolist()]
        columns["claim_ids"] = _lazy_lists(claim_ids)
        columns["doc_ids"] = _lazy_lists(doc_ids)
        columns["finding_id"] = objects(finding_ids(check, claim_ids, extra.tolist()))
    for column in FINDING_COLUMNS:
        if column in out.columns or column in columns or column in ("finding_id", "check"):
            continue
        if column in _FLOAT_COLUMNS:
            columns[column] = np.full(n, np.nan)
        elif column in _LIST_COLUMNS:
            columns[column] = _lazy_lists([[] for _ in range(n)])
        elif column == "explanation":
            columns[column] = LazyColumn._from_sequence(np.full(n, None, dtype=object), dtype=LazyDtype("text"))
        else:
            columns[column] = np.full(n, None, dtype=object)
    columns["check"] = np.full(n, check, dtype=object)
    out = out.assign(**{k: _series(v, out.index) for k, v in columns.items()})
    return _typed(out)


def _series(values, index) -> pd.Series:
    """A column as given: object arrays stay object (no inference of Arrow strings)."""
    if isinstance(values, pd.Series):
        return values.set_axis(index)
    if isinstance(values, LazyColumn):
        return pd.Series(values, index=index, copy=False)
    arr = values if isinstance(values, np.ndarray) else objects(values)
    return pd.Series(arr, index=index, dtype=arr.dtype, copy=False)


def claim_arrays(claims: pd.DataFrame) -> dict[str, np.ndarray]:
    """The prepared claims' columns findings point into (copies: holding them keeps no frame alive):
    ``claim_id``, ``doc_id`` (str objects), ``start``, ``end`` (int64), ``surface``, ``metric_key``,
    ``period``."""
    out = {c: np.array(claims[c].to_numpy(dtype=object), dtype=object, copy=True)
           for c in ("claim_id", "doc_id", "surface", "metric_key", "period")}
    if not all(type(d) is str for d in pd.unique(out["doc_id"])):
        out["doc_id"] = np.array([str(d) for d in out["doc_id"]], dtype=object)
    for c in ("start", "end"):
        out[c] = claims[c].to_numpy().astype(np.int64, copy=True)
    return out


def _lists_render(*, values, **pos):
    """Rows of ``values`` at the positions ``p0``, ``p1``, … as lists (made in C by ``tolist``)."""
    return np.stack([values[pos[k]] for k in sorted(pos, key=lambda k: int(k[1:]))], axis=1).tolist()


def _doc_lists_render(*, values, **pos):
    """The sorted distinct documents of each row's claims."""
    if len(pos) == 1:
        return values[pos["p0"]][:, None].tolist()
    return [_doc_list(r) for r in _lists_render(values=values, **pos)]


def positional_lists(arrays: dict[str, np.ndarray], pos: list[np.ndarray]) -> dict[str, LazyColumn]:
    """``claim_ids``, ``doc_ids`` and the evidence columns of findings citing the claims at
    ``pos`` (one position array per place), rendered when read."""
    n = len(pos[0])
    columns = {f"p{i}": p for i, p in enumerate(pos)}

    def lazy(render, values):
        return LazyColumn.from_block(Block(render, columns, {"values": values}), n, "list")

    return {
        "claim_ids": lazy(_lists_render, arrays["claim_id"]),
        "doc_ids": lazy(_doc_lists_render, arrays["doc_id"]),
        "evidence_doc_ids": lazy(_lists_render, arrays["doc_id"]),
        "evidence_starts": lazy(_lists_render, arrays["start"]),
        "evidence_ends": lazy(_lists_render, arrays["end"]),
    }


def finding_ids_at(check: str, claim_id: np.ndarray, pos: list[np.ndarray], extra: np.ndarray) -> np.ndarray:
    """:func:`finding_ids` of findings citing the claims at ``pos``: the texts hashed are joined
    column-wise (object arrays), one SHA-1 per finding."""
    sep = "\x1f"
    fast = _sha1_ids_at(check, claim_id, pos, np.asarray(extra, dtype=object), sep)
    if fast is not None:
        return fast
    ids = [claim_id[p] for p in pos]
    if len(ids) == 2:
        first = ids[0] <= ids[1]
        ids = [np.where(first, ids[0], ids[1]), np.where(first, ids[1], ids[0])]
    elif len(ids) > 2:
        ids = list(np.sort(np.stack(ids, axis=1), axis=1).T)
    raw = np.full(len(pos[0]), check, dtype=object)
    for column in ids:
        raw = raw + sep + column
    raw = raw + sep + np.asarray(extra, dtype=object)
    sha1 = hashlib.sha1
    return np.fromiter(("f-" + sha1(r.encode("utf-8")).hexdigest()[:16] for r in raw), dtype=object, count=len(raw))


_HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def _arrow_strings(values: np.ndarray):
    """``values`` (an object array of str) as an Arrow string array."""
    import pyarrow as pa

    return pa.array(values, type=pa.string(), from_pandas=False)


def _sha1_ids_at(check: str, claim_id: np.ndarray, pos: list[np.ndarray], extra: np.ndarray,
                 sep: str) -> np.ndarray | None:
    """The same ids as the loop of :func:`finding_ids_at` for one or two claims per finding, the
    texts taken, ordered and joined by Arrow (UTF-8 bytes sort as the code points Python compares)
    and the digests written as hex by numpy: one ``sha1(bytes).digest()`` per finding is all that
    Python does.  None when it does not apply (the caller's loop handles it)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(extra)
    if n == 0 or len(pos) > 2:
        return None
    try:
        # the ids of the cited claims only (a few findings over a million claims convert a few ids)
        parts = [_arrow_strings(claim_id[p]) for p in pos]
        codes, uniques = factorize(extra)
        tail = _arrow_strings(np.asarray(uniques, dtype=object)).take(pa.array(codes))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if any(p.null_count for p in parts) or tail.null_count or (codes < 0).any():
        return None
    if len(parts) == 2:
        first = pc.less_equal(parts[0], parts[1])
        parts = [pc.if_else(first, parts[0], parts[1]), pc.if_else(first, parts[1], parts[0])]
    joined = pc.binary_join_element_wise(check, *parts, tail, sep).cast(pa.binary())
    sha1 = hashlib.sha1
    digests = np.frombuffer(b"".join([sha1(b).digest() for b in joined.to_pylist()]), dtype=np.uint8)
    first8 = digests.reshape(n, 20)[:, :8]
    text = np.empty((n, 18), dtype=np.uint8)
    text[:, 0], text[:, 1] = ord("f"), ord("-")
    text[:, 2::2] = _HEX_DIGITS[first8 >> 4]
    text[:, 3::2] = _HEX_DIGITS[first8 & 15]
    return text.view("S18").reshape(n).astype("U18").astype(object)


def _lazy_lists(values) -> LazyColumn:
    return LazyColumn.from_block(literal(objects(values)), len(values), "list")


def _objects(values: list) -> pd.Series | np.ndarray:
    """An object array of ``values`` (lists stay lists; strings are not turned into Arrow strings)."""
    return objects(values)


def _shared(values) -> np.ndarray:
    """A string column as an object array whose equal values share one ``str`` (NaN where missing)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = np.asarray(uniques, dtype=object)
    table[-1] = np.nan
    return table[codes]


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    """The findings columns in order, floats as float, texts as object (None where absent), the
    lists and the explanation as lazily rendered columns (``lazy[list]``, ``lazy[text]``)."""
    columns = {}
    for column in _FLOAT_COLUMNS:
        if out[column].dtype != np.float64:
            columns[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    for column in _TEXT_COLUMNS:
        values = out[column].to_numpy(dtype=object)
        if pd.isna(values).all():
            columns[column] = np.full(len(values), None, dtype=object)
        else:
            columns[column] = np.array([t if isinstance(t, str) else None for t in values], dtype=object)
    for column in ("finding_id", "check", "verdict", "metric_key", "period"):
        if out[column].dtype != object:
            columns[column] = _shared(out[column])
    for column, content in [(c, "list") for c in _LIST_COLUMNS] + [("explanation", "text")]:
        dtype = out[column].dtype
        if not (isinstance(dtype, LazyDtype) and dtype.content == content):
            columns[column] = LazyColumn.from_block(literal(out[column].to_numpy(dtype=object)), len(out), content)
    if columns:
        out = out.assign(**{k: _series(v, out.index) for k, v in columns.items()})
    return out[list(FINDING_COLUMNS)]


# ---------------------------------------------------------------------------------------------
# views: the nested layout, rendered from the columns when shown or written

def _json_float(x) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def _side_dicts(findings: pd.DataFrame, side: str) -> list[dict]:
    v, lo, hi = (findings[f"{side}_{p}"].tolist() for p in ("value", "low", "high"))
    text = findings[f"{side}_text"].tolist() if f"{side}_text" in findings.columns else [None] * len(v)
    out = []
    for a, b, c, t in zip(v, lo, hi, text):
        d = {"value": _json_float(a), "low": _json_float(b), "high": _json_float(c)}
        if isinstance(t, str):
            d["text"] = t
        out.append(d)
    return out


def interval_view(findings: pd.DataFrame, side: str) -> list[dict]:
    """``{"value", "low", "high"[, "text"]}`` per finding (None for unknown or open bounds)."""
    return _side_dicts(findings, side)


def _evidence_dicts(findings: pd.DataFrame) -> list[list[dict]]:
    return [
        [{"doc_id": d, "start": s, "end": e} for d, s, e in zip(ds, ss, es)]
        for ds, ss, es in zip(findings["evidence_doc_ids"], findings["evidence_starts"], findings["evidence_ends"])
    ]


def nested_records(findings: pd.DataFrame) -> list[dict]:
    """The findings as records of the nested view (``NESTED_COLUMNS``): ``observed`` and
    ``expected`` dicts, ``evidence`` as ``[{doc_id, start, end}]``, NaN and infinities as None."""
    n = len(findings)
    if n == 0:
        return []
    obs, exp, ev = _side_dicts(findings, "observed"), _side_dicts(findings, "expected"), _evidence_dicts(findings)
    cols = {c: findings[c].tolist() for c in NESTED_COLUMNS if c in findings.columns}
    rel = [_json_float(x) for x in cols["rel_diff"]]
    tol = [_json_float(x) for x in cols["tolerance"]]
    return [
        {
            "finding_id": fid, "check": chk, "verdict": ver, "claim_ids": list(ci), "doc_ids": list(di),
            "metric_key": mk, "period": per, "observed": o, "expected": e, "rel_diff": r, "tolerance": t,
            "explanation": ex, "evidence": v,
        }
        for fid, chk, ver, ci, di, mk, per, o, e, r, t, ex, v in zip(
            cols["finding_id"], cols["check"], cols["verdict"], cols["claim_ids"], cols["doc_ids"],
            cols["metric_key"], cols["period"], obs, exp, rel, tol, cols["explanation"], ev,
        )
    ]


def flat_frame(nested: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`nested_frame`: a frame in the nested layout (say, read back from
    ``factlib check --format jsonl``) with the flat columns (``FINDING_COLUMNS``).  Bounds the
    nested view wrote as None come back as NaN (the nested view cannot tell open from unknown)."""
    if len(nested) == 0:
        return empty_findings()
    return _typed(_flatten_nested(nested.reset_index(drop=True)))


def nested_frame(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings in the nested layout (``NESTED_COLUMNS``) as a DataFrame."""
    return pd.DataFrame(nested_records(findings), columns=list(NESTED_COLUMNS))


# ---------------------------------------------------------------------------------------------
# text helpers for explanations

def fmt_number(x: float | None) -> str:
    """A compact human rendering of a float (no exponent, no trailing zeros)."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def fmt_figure_zh(x: float | None) -> str:
    """A figure as Chinese text writes it: 10.67亿, 1256万, 13.79万亿, 216784亿; below a million, digits."""
    return scaled_figure(x, "zh-Hans") or fmt_number(x)


def fmt_figure_en(x: float | None) -> str:
    """A figure as English text writes it: 1.067 billion, 12.56 million; below a million, digits."""
    return scaled_figure(x, "en") or fmt_number(x)


def fmt_interval(lo: float, hi: float) -> str:
    """``[a, b]`` with open ends shown as ``-inf`` / ``+inf``."""
    a = "-inf" if not np.isfinite(lo) else fmt_number(lo)
    b = "+inf" if not np.isfinite(hi) else fmt_number(hi)
    return f"[{a}, {b}]"


def quote(surface: str) -> str:
    """A surface in Chinese quotation marks."""
    return f"“{surface}”"
