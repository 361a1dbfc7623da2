"""Numbers for humans: values in a document's own style, rounded differences, years as years.

Reports show figures as a reader would write them — ``10.67亿人``, ``13.79万亿元``,
``1.07 billion`` — never ``62.00000000000001``, ``-0``, ``1.1e-16`` or ``2,022``.  The
exact value stays available (:func:`exact_number`, shown on hover by the report pages
and kept unrounded in the data files).  Arithmetic goes through :class:`~decimal.Decimal`
from the float's shortest repr, so rounding never adds float noise.

>>> human_number(1067000000, "人", lang="zh-Hans")
'10.67亿人'
>>> human_number(13790000000000, "元", lang="zh-Hant")
'13.79萬億元'
>>> human_number(1070000000, lang="en")
'1.07 billion'
>>> human_number(62.00000000000001, "%")
'62%'
>>> human_number(2022.0, kind="year")
'2022'
>>> human_percent(1.1e-16), human_percent(-0.0421)
('0%', '−4.2%')
"""
from __future__ import annotations

import math
from functools import lru_cache
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

__all__ = [
    "difference_words",
    "exact_number",
    "human_number",
    "human_percent",
    "implied_interval",
    "interval_words",
    "scaled_figure",
    "unit_text",
]

_ZH_MAGNITUDES = ((Decimal(10) ** 12, "万亿", "萬億"), (Decimal(10) ** 8, "亿", "億"), (Decimal(10) ** 4, "万", "萬"))
_EN_MAGNITUDES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))

#: unit codes of the claims table → how a Chinese / English text writes them
_UNIT_WORDS = {
    "person": ("人", "people"),
    "person_time": ("人次", "person-times"),
    "CNY": ("元", "yuan"),
    "USD": ("美元", "US dollars"),
    "%": ("%", "%"),
    "pp": ("个百分点", "percentage points"),
    "country": ("个国家", "countries"),
    "km": ("公里", "km"),
    "minute": ("分钟", "minutes"),
    "year": ("年", "years"),
}
#: Chinese unit surfaces of the reference table → English words
_ZH_TO_EN = {zh: en for zh, en in _UNIT_WORDS.values()} | {"百分点": "percentage points", "个": ""}


def _decimal(value: Any) -> Decimal | None:
    """``value`` as a finite Decimal (floats via their shortest repr), else None."""
    if value is None or isinstance(value, bool):
        return None
    if hasattr(value, "item"):
        value = value.item()
    try:
        if isinstance(value, float):
            if not math.isfinite(value):
                return None
            return Decimal(repr(value))
        d = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return d if d.is_finite() else None


def _plain(d: Decimal, *, grouping: bool = False) -> str:
    """``d`` without exponent, trailing zeros or a negative zero."""
    if d == 0:
        return "0"
    d = d.normalize()
    text = f"{d:,f}" if grouping else f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", "−", 1) if text.startswith("-") else text


def _significant(d: Decimal, digits: int) -> Decimal:
    """``d`` rounded to ``digits`` significant digits (never fewer than its integer part)."""
    if d == 0:
        return Decimal(0)
    exponent = d.adjusted() - digits + 1
    if exponent < 0:
        return d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    return d.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)


def _is_zh(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().startswith("zh")


def _is_hant(lang: str | None) -> bool:
    return bool(lang) and "hant" in str(lang).lower()


def unit_text(unit: Any, lang: str | None = "zh-Hans") -> str:
    """How a text in ``lang`` writes ``unit`` (a code such as ``person`` or a surface such as ``人``)."""
    if unit is None or (isinstance(unit, float) and math.isnan(unit)):
        return ""
    unit = str(unit).strip()
    if unit in _UNIT_WORDS:
        zh, en = _UNIT_WORDS[unit]
        return zh if _is_zh(lang) else en
    if not _is_zh(lang) and unit in _ZH_TO_EN:
        return _ZH_TO_EN[unit]
    return unit


def human_number(value: Any, unit: Any = "", *, lang: str | None = "zh-Hans", kind: str | None = None,
                 digits: int = 4) -> str:
    """``value`` with ``unit`` as a text in ``lang`` would write it (empty for a missing value).

    Large numbers take the language's magnitude words (万/亿/万亿, 萬/億/萬億 for zh-Hant,
    million/billion/trillion in English) and at most ``digits`` significant digits; years
    and dates stay bare integers; percentages keep at most two decimals.
    """
    d = _decimal(value)
    if d is None:
        return ""
    if kind in ("year", "ordinal", "rank") or str(unit) == "year" and kind is None and 1000 <= d <= 2999:
        return _plain(d.to_integral_value()) if d == d.to_integral_value() else _plain(d)
    words = unit_text(unit, lang)
    if words in ("%", "个百分点", "百分点", "percentage points") or kind in ("percent", "growth_rate", "pp_change"):
        rounded = d.quantize(Decimal("0.01")) if abs(d) >= 1 else _significant(d, 2)
        if rounded.as_tuple().exponent < -6:
            rounded = rounded.quantize(Decimal("0.000001"))
        number = _plain(rounded)
        sep = "" if _is_zh(lang) or words == "%" else " "
        return f"{number}{sep}{words}"
    zh = _is_zh(lang)
    scaled, word = d, ""
    if zh:
        for size, hans, hant in _ZH_MAGNITUDES:
            if abs(d) >= size:
                scaled, word = d / size, hant if _is_hant(lang) else hans
                break
    else:
        for size, name in _EN_MAGNITUDES:
            if abs(d) >= size:
                scaled, word = d / size, name
                break
    if word:
        number = _plain(_significant(scaled, digits))
    else:
        rounded = d if d == d.to_integral_value() else (
            d.quantize(Decimal("0.01")) if abs(d) >= 1 else _significant(d, digits))
        if rounded.as_tuple().exponent < -6:  # nothing a report states is finer than a millionth
            rounded = rounded.quantize(Decimal("0.000001"))
        number = _plain(rounded, grouping=not zh or abs(d) >= 10**4)
    if zh:
        return f"{number}{word}{words}"
    return " ".join(p for p in (number, word, words) if p)


def scaled_figure(value: Any, lang: str | None = "zh-Hans", *, smallest: int = 10**6,
                  decimals: int | None = None) -> str | None:
    """``value`` exactly, at the largest magnitude word of ``lang`` that writes it with at most
    ``decimals`` decimal places (Chinese 2, English 3), from ``smallest`` on: 10.67亿, 1256万,
    216784亿 (not 21.6784万亿), 1.067 billion.  None when no scale writes it so (26337, 1234567.891):
    the caller keeps its digits.  Unlike :func:`human_number` nothing is rounded (the check's
    explanations quote an official figure)."""
    d = _decimal(value)
    if d is None:
        return None
    zh = _is_zh(lang)
    if decimals is None:
        decimals = 2 if zh else 3
    if zh:
        scales = [(size, hant if _is_hant(lang) else hans) for size, hans, hant in _ZH_MAGNITUDES]
    else:
        scales = [(size, " " + name) for size, name in _EN_MAGNITUDES]
    for size, word in scales:
        if abs(d) < max(size, smallest):
            continue
        scaled = (d / size).normalize()
        if -scaled.as_tuple().exponent <= decimals:
            return (f"{scaled:f}" if zh else f"{scaled:,f}") + word
    return None


def implied_interval(low: Any, high: Any, precision: Any = None, lang: str | None = "zh-Hans") -> str:
    """An interval computed from stated numbers (an implied earlier value), as ``[a, b]`` with each
    end written by :func:`scaled_figure` (``[4948.6亿, 4948.8亿]``, ``[494.86 billion, 494.88
    billion]``), else in grouped digits; an open end is ``-inf`` / ``+inf``.

    The ends are exact Decimals of the floats with float noise (beyond 12 significant digits)
    removed, then widened to a multiple of the unit of the last digit the level states — the power
    of ten at or below twice its ``precision`` (``9323.1亿``, precision 0.05亿, states 0.1亿) — the
    low end down, the high end up, so the interval claims no more than its inputs.  Without a
    usable precision the ends are written as computed."""
    return _implied_interval(*(_float_or_none(x) for x in (low, high, precision)), lang)


def _float_or_none(x: Any) -> float | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if x == x else None  # NaN: unknown, as _decimal reads it (and a key the cache can find)


@lru_cache(maxsize=1 << 16)
def _implied_interval(low: float | None, high: float | None, precision: float | None, lang: str | None) -> str:
    # (written once per distinct interval and language: findings of replicated claims repeat them)
    p = _decimal(precision)
    q = Decimal(1).scaleb((2 * p).adjusted()) if p is not None and p > 0 else None
    ends = []
    for value, rounding, open_text in ((low, ROUND_FLOOR, "-inf"), (high, ROUND_CEILING, "+inf")):
        d = _decimal(value)
        if d is None:
            ends.append(open_text)
            continue
        if d != 0:
            d = d.quantize(Decimal(1).scaleb(d.adjusted() - 11), rounding=ROUND_HALF_EVEN)
        if q is not None:
            d = (d / q).to_integral_value(rounding=rounding) * q
        text = scaled_figure(d, lang)
        ends.append(text if text is not None else _plain(d, grouping=True).replace("−", "-"))
    return f"[{ends[0]}, {ends[1]}]"


def exact_number(value: Any) -> str:
    """The exact value with thousands separators and no float noise (for a hover title)."""
    d = _decimal(value)
    if d is None:
        return ""
    # floats carry ~15 significant digits: more is noise (62.00000000000001 → 62)
    if d != 0 and len(d.normalize().as_tuple().digits) > 15:
        d = _significant(d, 15)
    return _plain(d, grouping=True)


def human_percent(fraction: Any, *, signed: bool = True) -> str:
    """A relative difference as a percentage: 1 decimal above 1 %, 2 significant digits below,
    ``0%`` for float noise (|x| < 1e-9).  ``signed`` puts + or − in front."""
    d = _decimal(fraction)
    if d is None:
        return ""
    pct = d * 100
    if abs(pct) < Decimal("1e-7"):
        return "0%"
    rounded = pct.quantize(Decimal("0.1")) if abs(pct) >= 1 else _significant(pct, 2)
    text = _plain(abs(rounded))
    sign = ("+" if rounded > 0 else "−" if rounded < 0 else "") if signed else ""
    return f"{sign}{text}%"


def interval_words(low: Any, high: Any, value: Any = None, unit: Any = "", *, lang: str | None = "zh-Hans",
                   kind: str | None = None) -> str:
    """A figure given as a value or an interval: ``10.67亿人``, ``至少 40万个`` / ``at least …``,
    ``10.665亿–10.675亿人``."""
    if _decimal(value) is not None:
        return human_number(value, unit, lang=lang, kind=kind)
    lo, hi = _decimal(low), _decimal(high)
    zh = _is_zh(lang)
    kw = {"lang": lang, "kind": kind, "digits": 6}
    if lo is not None and hi is not None:
        if lo == hi:
            return human_number(lo, unit, **kw)
        return f"{human_number(lo, '', **kw)}–{human_number(hi, unit, **kw)}"
    if lo is not None:
        return ("至少 " if zh else "at least ") + human_number(lo, unit, **kw)
    if hi is not None:
        return ("不超过 " if zh else "at most ") + human_number(hi, unit, **kw)
    return ""


def difference_words(rel_diff: Any, verdict: str | None = None, *, lang: str | None = "en",
                     against: str = "the figure checked against") -> str:
    """The difference between a claim and the figure it is checked against, in words."""
    d = _decimal(rel_diff)
    zh = _is_zh(lang)
    if d is None:
        return ""
    pct = human_percent(abs(d), signed=False)
    if pct == "0%":
        return "与核对数字相同" if zh else f"same as {_the(against)}"
    if zh:
        return f"比核对数字{'高' if d > 0 else '低'} {pct}"
    return f"{pct} {'higher' if d > 0 else 'lower'} than {_the(against)}"


def _the(noun: str) -> str:
    return noun if noun.startswith("the ") else f"the {noun}"
