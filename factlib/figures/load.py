"""Official reference figures: the shipped tables plus any user tables of the same schema.

>>> ref = load_reference()
>>> row = ref[(ref.metric_key == "internet_users") & (ref.period == "2022-12")].iloc[0]
>>> (float(row.low), float(row.high))
(1066500000.0, 1067500000.0)

The shipped tables are every ``*.csv`` in ``factlib/data/reference/`` (see the README there):
``official_figures.csv`` (internet and digital-economy statistics) and ``government_reports.csv``
(figures stated by the State Council's and the provinces' government work reports).

Each row asserts an interval.  Its precision is read from the quote when the value can be found
there (``10.67亿`` → half of 0.01亿; numbers parsed by :mod:`factlib.claims.numbers`), else from the
value's significant digits; the qualifier shapes it (``lower`` → [v, inf), ``upper`` → (-inf, v],
``approx`` → at least ±5 %).  A running total named ``…(1-6月累计)`` gets the period
``YYYY-01/YYYY-06``, the form the extractor gives ``2023年上半年`` / ``1至6月``.  A change row
carries ``base_period/period``.

Optional columns (derived when absent): ``metric_key`` (from the lexicon), ``kind``, ``unit_code``
(from the unit table, :mod:`factlib.vocab.units`), ``base_period``, ``area`` (``CN``), ``tier``
(``primary`` | ``secondary`` | ``trusted``; rows without one are ``secondary`` when the source name
says ``via``/``secondary``/``tertiary``, else ``primary``), ``published`` (the day the source
published the figure: the vintage a claim dated before a revision is held to) and ``vintage``.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from factlib.claims.intervals import bounds
from factlib.claims.numbers import NUMBER_RE, parse_number
from factlib.vocab.lexicon import MetricLexicon, default_lexicon
from factlib.vocab.t2s import to_simplified
from factlib.vocab.tables import TableError, read_table
from factlib.vocab.units import default_units

__all__ = ["REFERENCE_COLUMNS", "OPTIONAL_COLUMNS", "TIERS", "load_reference", "default_reference_path",
           "default_reference_paths", "reference_dir"]

#: columns a reference CSV must have
REFERENCE_COLUMNS = (
    "metric_zh", "metric_en", "period", "value", "unit", "qualifier",
    "source_name", "source_url", "quote",
)
#: columns a reference CSV may have; derived when absent (see the module docstring)
OPTIONAL_COLUMNS = ("metric_key", "kind", "unit_code", "base_period", "area", "tier", "published", "vintage")
#: source tiers: the publisher's own page or document, a reprint, a document the user trusts
TIERS = ("primary", "secondary", "trusted")

_NUMBER = re.compile(NUMBER_RE)
_CUMULATIVE = re.compile(r"(\d{1,2})\s*-\s*(\d{1,2})月累计")
_REPRINT = re.compile(r"secondary|tertiary|\bvia\b|reprint|aggregator|mirror|rendering", re.I)
#: sources labelled lower-tier aggregators in their name: a disagreement with them alone is reviewed
_LOWER_TIER = re.compile(r"secondary|tertiary", re.I)
_GROWTH = re.compile(r"增速|增长|同比|growth|y/y", re.I)
#: kind of a level by unit code, where it is not a count
_KIND_BY_UNIT = {"pp": "pp_change", "edition": "ordinal", "届": "ordinal", "year": "year"}


def reference_dir() -> Path:
    """The folder of the shipped reference tables."""
    return Path(str(resources.files("factlib") / "data" / "reference"))


def default_reference_path() -> Path:
    """The shipped ``official_figures.csv`` (the first shipped table)."""
    return reference_dir() / "official_figures.csv"


def default_reference_paths() -> list[Path]:
    """Every shipped reference table, in name order (``official_figures.csv`` first)."""
    paths = sorted(reference_dir().glob("*.csv"), key=lambda p: (p.name != "official_figures.csv", p.name))
    return paths


def _read(path: Path) -> pd.DataFrame:
    rows = read_table(path, required=REFERENCE_COLUMNS)
    for n, row in enumerate(rows, start=1):
        if not _finite_number(row.get("value") or ""):
            raise TableError(f"{path}: row {n}: value {(row.get('value') or '').strip()!r} is not a finite number")
    frame = pd.DataFrame(list(rows), dtype=object)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in REFERENCE_COLUMNS})
    frame["origin"] = str(path)
    return frame


def _finite_number(text: str) -> bool:
    """True for a decimal number that is finite as a float too (``abc`` and ``1e999`` are not)."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return False
    return number.is_finite() and math.isfinite(float(number))


def _norm(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text or ""))


def _value_precision(target: Decimal) -> Decimal:
    """Half a unit of the last significant digit of a value written out in full
    (``1067000000`` → 500000: trailing zeros of an integer are not significant; ``5.2`` → 0.05)."""
    exponent = target.normalize().as_tuple().exponent
    return Decimal(1).scaleb(int(exponent)) / 2


def _precision(quote: str, value: str, kind: str) -> Decimal:
    """Half a unit of the last digit with which ``value`` is stated in ``quote``."""
    if kind in {"year", "ordinal"}:
        return Decimal(0)
    try:
        target = Decimal(value)
    except InvalidOperation:
        return Decimal(0)
    if not target.is_finite():
        return Decimal(0)
    for m in _NUMBER.finditer(_norm(quote)):
        parsed = parse_number(re.sub(r"\s+", "", m.group()) if " " in m.group() else m.group())
        if parsed is not None and parsed.value == target:
            return parsed.precision
    return _value_precision(target)


def _period(period: str, metric_zh: str, base_period: str) -> str:
    m = _CUMULATIVE.search(metric_zh)
    if m and re.fullmatch(r"\d{4}-\d{2}", period):
        year = period[:4]
        return f"{year}-{int(m.group(1)):02d}/{year}-{int(m.group(2)):02d}"
    if base_period and "/" not in period:
        return f"{base_period}/{period}"
    return period


def _ref_id(metric_zh: str, period: str, value: str, url: str, quote: str) -> str:
    raw = "\x1f".join((metric_zh, period, value, url, quote))
    return "ref-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=256)
def _unit_code(unit: str) -> str:
    unit = unit.strip()
    found = default_units().lookup(unit)
    if found is not None:
        return found.code
    return unit if unit in default_units().codes else ""


def _complete(frame: pd.DataFrame, lexicon: MetricLexicon) -> pd.DataFrame:
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.fillna("").astype({c: object for c in frame.columns})
    for column in frame.columns:
        frame[column] = frame[column].map(lambda v: v.strip() if isinstance(v, str) else v)
    missing_key = frame["metric_key"] == ""
    if missing_key.any():
        by_zh = frame.loc[missing_key, "metric_zh"].map(lexicon.key_for)
        by_en = frame.loc[missing_key, "metric_en"].map(lexicon.key_for)
        frame.loc[missing_key, "metric_key"] = by_zh.fillna(by_en).fillna("")
    key_unit = frame["metric_key"].map(lambda k: lexicon.info(k).unit if k in lexicon else "")
    unit_code = frame["unit"].map(_unit_code)
    unit_code = unit_code.where(unit_code != "", key_unit)
    frame["unit_code"] = frame["unit_code"].where(frame["unit_code"] != "", unit_code.where(unit_code != "", frame["unit"]))
    growth = frame["metric_zh"].str.contains(_GROWTH) | frame["metric_en"].str.contains(_GROWTH)
    by_unit = frame["unit_code"].map(_KIND_BY_UNIT)
    money = frame["unit_code"].map(lambda u: (_dimension(u) == "money"))
    derived = np.where(frame["unit_code"] == "%", np.where(growth, "growth_rate", "percent"),
                       np.where(by_unit.notna(), by_unit.fillna(""), np.where(money, "amount", "count")))
    frame["kind"] = frame["kind"].where(frame["kind"] != "", derived)
    frame["area"] = frame["area"].where(frame["area"] != "", "CN")
    tier = np.where(frame["source_name"].str.contains(_REPRINT), "secondary", "primary")
    frame["tier"] = frame["tier"].where(frame["tier"] != "", tier)
    return frame


def _dimension(code: str) -> str:
    unit = default_units().codes.get(code)
    return unit.dimension if unit else ""


def load_reference(
    paths: Iterable[str | Path] | str | Path | None = None,
    include_default: bool = True,
    lexicon: MetricLexicon | None = None,
    frames: Iterable[pd.DataFrame] = (),
) -> pd.DataFrame:
    """Reference figures as a DataFrame with intervals.

    Columns: the CSV's own (:data:`REFERENCE_COLUMNS` and :data:`OPTIONAL_COLUMNS`) with ``value``
    as float and ``period`` normalised, plus ``value_text`` (the exact decimal string),
    ``precision``, ``low``, ``high``, ``lower_tier`` (a secondary source), ``ref_id`` (stable) and
    ``origin`` (the file).  User rows without ``metric_key`` get it from the lexicon.  ``frames``
    are further rows already in memory (trusted releases, imported data) with the same columns.

    The table read from files with the default lexicon (no ``frames``) is kept in the cache folder
    (:mod:`factlib.vocab.cache`), keyed by the bytes of every file read and the code and data of
    the whole package (:func:`_cached`): a later process reads it back instead of working out each
    row's precision, period and id again (0.2–0.5 s).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = (default_reference_paths() if include_default else []) + [Path(p) for p in (paths or [])]
    frames = list(frames)
    if not frames and (lexicon is None or lexicon is default_lexicon()):
        return _cached(files, lambda: _load(files, None, ()))
    return _load(files, lexicon, frames)


# ---- the table kept in the cache folder ---------------------------------------------------------

#: the layout of a cached table (:func:`_encode`); part of its key
_CACHE_LAYOUT = "reference-2"


class _NotStored(Exception):
    """A table built on a cache miss that is not to be stored (see :func:`_cached`)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        super().__init__("not stored")
        self.frame = frame


def _digests(files: list[Path]) -> list[str]:
    """Each file's name (as given: it becomes the ``origin`` column) and the SHA-256 of its bytes."""
    return [f"{path}\x01{hashlib.sha256(Path(path).read_bytes()).hexdigest()}" for path in files]


def _library_versions() -> str:
    """What else a row depends on: Python and its Unicode data (NFKC), pandas and numpy (the
    column types), OpenCC (traditional → simplified)."""
    import sys

    from factlib.vocab.t2s import opencc_version

    return "\x00".join((sys.version, unicodedata.unidata_version, pd.__version__, np.__version__, opencc_version()))


def _cached(files: list[Path], build) -> pd.DataFrame:
    """``build()``, or the table an earlier process built from exactly the same bytes of ``files``
    with exactly the same package (every ``.py`` and ``.csv`` of factlib: this loader, the number
    parser, the lexicon and unit tables it reads) and libraries.  Any other difference (a row
    edited, a file added, another version of the code) is a miss.  A table is stored only when it
    is read back equal to what was built (values and column types) and its files did not change
    while it was built; a cache file that cannot be read is a miss, and a cache folder that is off
    or unwritable only costs the time it saved."""
    from factlib.vocab import cache

    if cache.cache_dir() is None:
        return build()
    try:
        digests = _digests(files)
        key = "\x00".join((_CACHE_LAYOUT, cache.package_hash(), _library_versions(), *digests))
    except Exception:  # noqa: BLE001 - a file that cannot be read: the loader says why
        return build()
    made: list[pd.DataFrame] = []

    def make():
        frame = build()
        made.append(frame)
        value = _encode(frame)
        try:
            packed = _pack(value) if value is not None else None
            same = (packed is not None and _same(_unpack(packed), frame) and _digests(files) == digests
                    and _rows_as_on_disk(files))
        except Exception:  # noqa: BLE001
            same = False
        if not same:
            raise _NotStored(frame)
        return packed

    try:
        value = cache.built("reference", key, make)
    except _NotStored as exc:
        return exc.frame
    if made:  # built here (and stored when it could be)
        return made[0]
    try:
        frame = _unpack(value)
    except Exception:  # noqa: BLE001 - a damaged entry: build afresh
        return build()
    if cache._verifying():  # FACTLIB_CACHE_VERIFY=1 (tests): what was read back must be what builds
        fresh = build()
        if not _same(frame, fresh):
            raise cache.VerifyError("reference table read back from the cache differs from a fresh build")
    return frame


def _rows_as_on_disk(files: list[Path]) -> bool:
    """Whether the rows :func:`read_table` gave this process for ``files`` are those the files hold
    now: it keeps a table's rows for the process's life, so a file edited after it was first read
    here is loaded as it was, and that table must not be stored under the new bytes' key."""
    from factlib.vocab.tables import _read_rows

    return all(read_table(path, required=REFERENCE_COLUMNS) == _read_rows(path)[1] for path in files)


def _pack(value) -> tuple[str, bytes]:
    """An encoded table as stored: its marshal bytes with their SHA-256, so that a file damaged
    on disk in a way marshal still reads (a changed digit) is a miss, not a wrong figure."""
    import marshal

    data = marshal.dumps(value)
    return hashlib.sha256(data).hexdigest(), data


def _unpack(stored) -> pd.DataFrame:
    import marshal

    digest, data = stored
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError("a cached reference table whose bytes do not match their digest")
    return _decode(marshal.loads(data))


def _encode(frame: pd.DataFrame):
    """The table as marshal-able values: its length and, per column, name, type and values
    (None: a table of another shape, which is not stored)."""
    index = frame.index
    if not isinstance(index, pd.RangeIndex) or index.start != 0 or index.step != 1 or not frame.columns.is_unique:
        return None
    columns = []
    for name in frame.columns:
        series = frame[name]
        dtype = series.dtype
        if not isinstance(name, str):
            return None
        if isinstance(dtype, pd.StringDtype):
            kind = f"str:{dtype.storage}:{'nan' if dtype.na_value is not pd.NA else 'NA'}"
        elif dtype == object:
            kind = "object"
        elif dtype == np.float64:
            kind = "float64"
        elif dtype in (np.bool_, np.int64):
            kind = str(dtype)
        else:
            return None
        columns.append((name, kind, series.tolist()))
    return (len(frame), tuple(columns))


def _decode(value) -> pd.DataFrame:
    length, columns = value
    data = {}
    for name, kind, values in columns:
        if len(values) != length:
            raise ValueError("a cached reference column of another length")
        if kind.startswith("str:"):
            _, storage, na = kind.split(":")
            dtype = pd.StringDtype(storage=storage, na_value=np.nan if na == "nan" else pd.NA)
            data[name] = pd.Series(values, dtype=dtype)
        elif kind == "object":
            data[name] = pd.Series(values, dtype=object)
        elif kind in ("float64", "int64", "bool"):
            data[name] = pd.Series(np.array(values, dtype=kind))
        else:
            raise ValueError(f"a cached reference column of unknown type {kind!r}")
    return pd.DataFrame(data, index=pd.RangeIndex(length))


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same table: columns, column types, index and values (NaN equal to NaN, each value of
    an object column of the same type)."""
    if list(a.columns) != list(b.columns):
        return False
    if any(x != y for x, y in zip(a.dtypes, b.dtypes)) or not a.index.equals(b.index):
        return False
    if not a.equals(b):
        return False
    for name in a.columns:
        if a[name].dtype == object and [type(v) for v in a[name]] != [type(v) for v in b[name]]:
            return False
    return True


def _load(files: list[Path], lexicon: MetricLexicon | None, frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """:func:`load_reference` without the cache."""
    lexicon = lexicon or default_lexicon()
    parts = [_read(p) for p in files]
    for extra in frames:
        extra = extra.copy()
        if "origin" not in extra.columns:
            extra["origin"] = "<memory>"
        parts.append(extra.astype(object))
    if not parts:
        parts = [pd.DataFrame({c: pd.Series(dtype=object) for c in (*REFERENCE_COLUMNS, "origin")})]
    ref = pd.concat(parts, ignore_index=True)
    missing = [c for c in REFERENCE_COLUMNS if c not in ref.columns]
    if missing:
        from factlib.vocab.tables import TableError

        raise TableError(f"reference rows: missing column(s) {', '.join(missing)}")
    ref = _complete(ref, lexicon)
    ref["value_text"] = ref["value"].astype(str)
    ref["qualifier"] = ref["qualifier"].replace("", "exact")
    precision = [_precision(q, v, k) for q, v, k in zip(ref["quote"], ref["value_text"], ref["kind"])]
    ref["precision"] = pd.Series([float(p) for p in precision], index=ref.index, dtype=float)
    ref["value"] = pd.to_numeric(ref["value_text"], errors="coerce")
    ref["period"] = [_period(p, m, b) for p, m, b in zip(ref["period"], ref["metric_zh"], ref["base_period"])]
    lo, hi = bounds(ref["value"], ref["qualifier"], ref["precision"])
    ref["low"], ref["high"] = lo, hi
    ref["lower_tier"] = ref["source_name"].str.contains(_LOWER_TIER).astype(bool)
    ref["ref_id"] = [
        _ref_id(m, p, str(v), u, q)
        for m, p, v, u, q in zip(ref["metric_zh"], ref["period"], ref["value"], ref["source_url"], ref["quote"])
    ]
    for column in ref.columns:
        if ref[column].dtype == object and column not in ("value",):
            if all(isinstance(v, str) for v in ref[column]):
                ref[column] = ref[column].astype(str)
    return ref
