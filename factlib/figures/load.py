"""Official reference figures: the shipped table plus any user tables of the same schema.

>>> ref = load_reference()
>>> row = ref[(ref.metric_key == "internet_users") & (ref.period == "2022-12")].iloc[0]
>>> (float(row.low), float(row.high))
(1066500000.0, 1067500000.0)

Each row asserts an interval.  Its precision is read from the quote when the value can be found
there (``10.67亿`` → half of 0.01亿), else from the value's significant digits; the qualifier
shapes it (``lower`` → [v, inf), ``upper`` → (-inf, v], ``approx`` → at least ±5 %).  A running
total named ``…(1-6月累计)`` gets the period ``YYYY-01/YYYY-06``, the form the extractor gives
``2023年上半年`` / ``1至6月``.  A change row carries ``base_period/period``.
"""
from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from factlib.checks.intervals import bounds, precision_of
from factlib.vocab.lexicon import MetricLexicon, default_lexicon
from factlib.vocab.tables import TableError

__all__ = ["REFERENCE_COLUMNS", "load_reference", "default_reference_path"]

#: columns a reference CSV must have (metric_key, kind, unit_code and base_period are optional
#: in user tables: they are derived from the lexicon and the unit)
REFERENCE_COLUMNS = (
    "metric_zh", "metric_en", "period", "value", "unit", "qualifier",
    "source_name", "source_url", "quote",
)

_MAGNITUDE = {
    "万亿": 10**12, "萬億": 10**12, "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "千": 10**3,
    "trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3,
}
_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万亿|萬億|亿|億|万|萬|千|trillion|billion|million|thousand)?",
    re.I,
)
_CUMULATIVE = re.compile(r"(\d{1,2})\s*-\s*(\d{1,2})月累计")
_UNIT_CODE = {"元": "CNY", "人": "person", "%": "%", "百分点": "pp", "门": "course", "次": "visit",
              "人次": "person_time", "张": "card", "届": "edition", "年": "year"}
_KIND = {"元": "amount", "百分点": "pp_change", "届": "ordinal", "年": "year"}
_LOWER_TIER = re.compile(r"secondary|tertiary", re.I)


def default_reference_path() -> Path:
    """The shipped ``official_figures.csv``."""
    return Path(str(resources.files("factlib") / "data" / "reference" / "official_figures.csv"))


def _read_csv(path: Path) -> pd.DataFrame:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and lines[i].lstrip().startswith("#"):
        i += 1
    frame = pd.read_csv(io.StringIO("".join(lines[i:])), dtype=str, keep_default_na=False)
    missing = [c for c in REFERENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise TableError(f"{path}: missing column(s) {', '.join(missing)}")
    for n, value in enumerate(frame["value"]):
        if not _finite_number(value):
            line = i + 2 + n  # comment lines, the header, then rows (1-based; a quoted line break shifts it)
            raise TableError(f"{path}: row {n + 1} (line {line}): value {value.strip()!r} is not a finite number")
    frame["origin"] = str(path)
    return frame


def _finite_number(text: str) -> bool:
    """True for a decimal number that is finite as a float too (``1e999`` is not)."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return False
    return number.is_finite() and math.isfinite(float(number))


def _precision(quote: str, value: str, kind: str) -> Decimal:
    """Half a unit of the last digit with which ``value`` is stated in ``quote``."""
    if kind in {"year", "ordinal"}:
        return Decimal(0)
    try:
        target = Decimal(value)
    except InvalidOperation:
        return Decimal(0)
    for m in _NUMBER.finditer(quote or ""):
        number, mag = m.group(1), (m.group(2) or "").lower()
        try:
            stated = Decimal(number.replace(",", "")) * _MAGNITUDE.get(mag, 1)
        except InvalidOperation:
            continue
        if stated == target:
            return precision_of(number, _MAGNITUDE.get(mag, 1))
    # not found in the quote: the value's own significant digits
    return precision_of(format(target.normalize(), "f") if target == target.to_integral() else str(target))


def _period(period: str, metric_zh: str, base_period: str) -> str:
    m = _CUMULATIVE.search(metric_zh)
    if m and re.fullmatch(r"\d{4}-\d{2}", period):
        year = period[:4]
        return f"{year}-{int(m.group(1)):02d}/{year}-{int(m.group(2)):02d}"
    if base_period and "/" not in period:
        return f"{base_period}/{period}"
    return period


def _ref_id(row: pd.Series) -> str:
    raw = "\x1f".join(str(row[c]) for c in ("metric_zh", "period", "value", "source_url", "quote"))
    return "ref-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _complete(frame: pd.DataFrame, lexicon: MetricLexicon) -> pd.DataFrame:
    for column in ("metric_key", "kind", "unit_code", "base_period"):
        if column not in frame.columns:
            frame[column] = ""
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    frame[text_columns] = frame[text_columns].fillna("")
    missing_key = frame["metric_key"].str.strip() == ""
    if missing_key.any():
        by_zh = frame.loc[missing_key, "metric_zh"].map(lexicon.key_for)
        by_en = frame.loc[missing_key, "metric_en"].map(lexicon.key_for)
        frame.loc[missing_key, "metric_key"] = by_zh.fillna(by_en).fillna("")
    unit = frame["unit"].str.strip()
    growth = frame["metric_zh"].str.contains("增速|增长|同比", regex=True) | frame["metric_en"].str.contains(
        r"growth|y/y", case=False, regex=True
    )
    derived_kind = np.where(
        unit == "%", np.where(growth, "growth_rate", "percent"), unit.map(_KIND).fillna("count")
    )
    frame["kind"] = frame["kind"].where(frame["kind"].str.strip() != "", derived_kind)
    key_unit = frame["metric_key"].map(lambda k: lexicon.info(k).unit if k in lexicon else "")
    derived_unit = unit.map(_UNIT_CODE).fillna(key_unit)
    derived_unit = derived_unit.where(derived_unit != "", unit)
    frame["unit_code"] = frame["unit_code"].where(frame["unit_code"].str.strip() != "", derived_unit)
    return frame


def load_reference(
    paths: Iterable[str | Path] | str | Path | None = None,
    include_default: bool = True,
    lexicon: MetricLexicon | None = None,
) -> pd.DataFrame:
    """Reference figures as a DataFrame with intervals.

    Columns: the CSV's own (``metric_zh, metric_en, period, value, unit, qualifier, source_name,
    source_url, quote, metric_key, kind, unit_code, base_period``) with ``value`` as float and
    ``period`` normalised, plus ``value_text`` (the exact decimal string), ``precision``, ``low``,
    ``high``, ``lower_tier`` (source labelled secondary/tertiary), ``ref_id`` (stable) and
    ``origin`` (the file).  User rows without ``metric_key`` get it from the lexicon.
    """
    lexicon = lexicon or default_lexicon()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = ([default_reference_path()] if include_default else []) + [Path(p) for p in (paths or [])]
    frames = [_read_csv(p) for p in files]
    if not frames:
        frames = [pd.DataFrame({c: pd.Series(dtype=str) for c in (*REFERENCE_COLUMNS, "origin")})]
    ref = pd.concat(frames, ignore_index=True)
    ref = _complete(ref, lexicon)
    ref["value_text"] = ref["value"].str.strip()
    ref["qualifier"] = ref["qualifier"].str.strip().replace("", "exact")
    precision = [
        _precision(q, v, k) for q, v, k in zip(ref["quote"], ref["value_text"], ref["kind"])
    ]
    ref["precision"] = pd.Series([float(p) for p in precision], index=ref.index, dtype=float)
    ref["value"] = pd.to_numeric(ref["value_text"], errors="coerce")
    ref["period"] = [
        _period(p.strip(), m, b.strip()) for p, m, b in zip(ref["period"], ref["metric_zh"], ref["base_period"])
    ]
    lo, hi = bounds(ref["value"], ref["qualifier"], ref["precision"])
    ref["low"], ref["high"] = lo, hi
    ref["lower_tier"] = ref["source_name"].str.contains(_LOWER_TIER)
    ref["ref_id"] = ref.apply(_ref_id, axis=1) if len(ref) else pd.Series(dtype=str)
    return ref
