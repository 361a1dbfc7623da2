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
    """
    lexicon = lexicon or default_lexicon()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = (default_reference_paths() if include_default else []) + [Path(p) for p in (paths or [])]
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
