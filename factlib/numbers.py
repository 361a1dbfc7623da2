"""Parse one number token into an exact :class:`~decimal.Decimal` with its stated precision.

A *token* is what :data:`NUMBER_RE` matches in a document's ``norm`` view (NFKC + simplified
Chinese): Arabic digits (``5,000``, ``-2.1``, ``12,345,678.9``), Chinese numerals (``十三亿``,
``二〇三五``, ``二百九十七亿九千六百万``, ``五四二点五亿``, ``三万八○六六``), mixed forms
(``10.67亿``, ``13.79万亿``, ``4亿5000万``), English magnitudes (``1.07 billion``, ``5bn``) and
English cardinal words (``three trillion``, ``twenty-two``).

>>> p = parse_number("10.67亿")
>>> p.value, p.precision, p.magnitude, p.digits
(Decimal('1067000000'), Decimal('5E+5'), Decimal('1E+8'), '10.67')
>>> parse_number("二百九十七亿九千六百万").value
Decimal('29796000000')
>>> parse_number("万") is None
True

The vocabularies are data: magnitude words come from ``factlib/data/magnitudes.csv`` and numeral
symbols from ``factlib/data/numerals.csv``; the regular expressions are generated from them.

Design notes
------------
* All arithmetic is in ``Decimal`` under a private context (:data:`_CTX`, 400 digits); the global
  decimal context is never touched, no float ever enters a value.
* Chinese numerals are parsed by a small positional grammar here rather than by ``cn2an`` at run
  time: the precision of ``二百九十七亿九千六百万`` (half of 百万) needs the structure anyway, and
  cn2an rejects forms found in real text (``卅四``, ``两兆``, ``三万八○六六``, ``一亿五``) and returns
  floats for decimals. The test-suite checks this parser against ``cn2an`` (its own ``an2cn``
  output and its transform pairs) wherever cn2an gives an answer.
* ``parse_number`` is cached (tokens repeat: ``5%``, ``2024年``), and the common case -- ASCII digits
  with an optional magnitude -- is one ``fullmatch`` and one or two Decimal operations.
* Not numbers: stacked magnitudes that are not a table row (``亿亿``, ``9999万亿亿``), a lone
  magnitude (``万``), ``1,2`` (a comma must be followed by exactly three digits), spaced digits
  (``1 234``; the extractor joins ``1 9 9 7`` runs itself), fractions (``三分之一``), percent words
  (``百分之六十五点九``) and 半 -- those belong to the claim extractor.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, DecimalException, Overflow, InvalidOperation, DivisionByZero
from functools import lru_cache

from factlib.tables import read_table

__all__ = [
    "ParsedNumber",
    "NUMBER_RE",
    "MAGNITUDE_RE",
    "parse_number",
    "parse_chinese_numeral",
    "to_decimal",
    "magnitude_factor",
    "magnitudes",
]

#: Private arithmetic context: wide enough for any accepted token (at most MAX_TOKEN characters).
_CTX = Context(prec=400, Emax=10**6, Emin=-(10**6), traps=[InvalidOperation, Overflow, DivisionByZero])
#: Longer tokens are not numbers (and would make exact arithmetic expensive).
MAX_TOKEN = 200

_ONE = Decimal(1)
_HALF = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """One parsed number token.

    ``value == Decimal(digits) * magnitude`` always holds; ``precision`` is half a unit of the last
    stated digit, so the exact number the writer rounded lies in ``value ± precision``.
    """

    value: Decimal  #: fully expanded: '10.67亿' -> Decimal('1067000000')
    precision: Decimal  #: '10.67亿' -> 500000; '3800' -> 0.5; '十三亿' -> 50000000
    magnitude: Decimal  #: the multiplier word applied: 亿 -> 1E+8, 'billion' -> 1E+9, none -> 1
    digits: str  #: the coefficient in ASCII, without separators: '10.67', '-2.1', '13'

    @property
    def low(self) -> Decimal:
        """Lower end of the interval the stated digits allow."""
        return _CTX.subtract(self.value, self.precision)

    @property
    def high(self) -> Decimal:
        """Upper end of the interval the stated digits allow."""
        return _CTX.add(self.value, self.precision)


# --------------------------------------------------------------------------------------------
# Vocabulary tables
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Magnitude:
    word: str
    lang: str
    factor: Decimal
    not_before: str


def _load_magnitudes() -> tuple[_Magnitude, ...]:
    rows = read_table("magnitudes", required=("word", "lang", "factor", "not_before"), key=("word",))
    return tuple(
        _Magnitude(r["word"], r["lang"], Decimal(r["factor"]), r["not_before"]) for r in rows
    )


def _load_numerals() -> dict[str, tuple[str, Decimal | None, bool]]:
    rows = read_table("numerals", required=("symbol", "kind", "value", "common"), key=("symbol",))
    return {
        r["symbol"]: (r["kind"], Decimal(r["value"]) if r["value"] else None, r["common"] == "1")
        for r in rows
    }


_MAGNITUDES = _load_magnitudes()
_NUMERALS = _load_numerals()
_FACTORS: dict[str, Decimal] = {m.word: m.factor for m in _MAGNITUDES}
for _m in _MAGNITUDES:  # English words may be capitalised at the start of a headline
    if _m.lang == "en":
        _FACTORS.setdefault(_m.word.capitalize(), _m.factor)


def magnitudes() -> dict[str, Decimal]:
    """Every magnitude word of ``magnitudes.csv`` with its factor (a copy)."""
    return {m.word: m.factor for m in _MAGNITUDES}


def magnitude_factor(word: str) -> Decimal | None:
    """The factor of a magnitude word (``'万亿'`` -> ``Decimal('1E+12')``), ``None`` if it is not one."""
    return _FACTORS.get(word)


# --------------------------------------------------------------------------------------------
# Regular expressions, generated from the tables
# --------------------------------------------------------------------------------------------

def _alt(words: list[str]) -> str:
    """Alternation of literal words, longest first (so 万亿 wins over 万)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _mag_alt(mags: list[_Magnitude], guarded: bool) -> str:
    """Magnitude alternation; ``guarded`` adds each row's not_before look-ahead."""
    parts = []
    for m in sorted(mags, key=lambda m: (-len(m.word), m.word)):
        word = re.escape(m.word)
        if m.lang == "en":
            first = m.word[0]
            word = f"[{first}{first.upper()}]{re.escape(m.word[1:])}"
        if guarded and m.not_before:
            word += f"(?![{re.escape(m.not_before)}])"
        parts.append(word)
    return "|".join(parts)


def _chars(kinds: set[str], common: bool | None = None) -> str:
    return "".join(
        re.escape(s)
        for s, (k, _v, c) in _NUMERALS.items()
        if k in kinds and len(s) == 1 and s not in ".-" and (common is None or c == common)
    )


_ZH_MAGS = [m for m in _MAGNITUDES if m.lang != "en"]
_EN_MAGS = [m for m in _MAGNITUDES if m.lang == "en"]
_ZH_MAG = _mag_alt(_ZH_MAGS, guarded=True)
_EN_MAG = _mag_alt(_EN_MAGS, guarded=False)

#: Regex source of one magnitude word as it follows a number (Chinese directly, English after an
#: optional space), e.g. for ranges such as ``3至5万``.
MAGNITUDE_RE = f"(?:{_ZH_MAG}|[ \u00a0]?(?:{_EN_MAG})(?![A-Za-z]))"

_BIG_NO_ZHAO = "".join(re.escape(s) for s, (k, _v, _c) in _NUMERALS.items() if k == "big" and s != "兆")
_CN_DIGIT = _chars({"digit"})
_CN_START = _chars({"digit", "unit", "tens"}, common=True)
_CN_BODY = _chars({"digit", "unit", "tens"}, common=True) + _chars({"unit"}, common=False).replace(
    "拾", "").replace("佰", "").replace("仟", "") + _BIG_NO_ZHAO
_FIN_START = "".join(
    re.escape(s) for s, (k, _v, c) in _NUMERALS.items() if k in {"digit", "unit"} and not c
    and s in "壹贰貳叁參肆伍陆陸柒捌玖拾"
)
_FIN_BODY = _FIN_START + "佰仟零〇" + _BIG_NO_ZHAO
_POINT = "点點."
_SIGN_CN = "负負"

_EN_WORDS = [s for s, (k, _v, _c) in _NUMERALS.items() if k in {"en_digit", "en_tens"}]
_EN_TENS = [s for s, (k, v, _c) in _NUMERALS.items() if k == "en_tens" and v is not None and v >= 20]
_EN_ONES = [s for s, (k, v, _c) in _NUMERALS.items() if k == "en_digit" and v is not None and 1 <= v <= 9]


def _cap_alt(words: list[str]) -> str:
    return "|".join(
        f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" for w in sorted(words, key=lambda w: (-len(w), w))
    )


NUMBER_RE: str = (
    # 1. Arabic digits with a Chinese section continuation: 4亿5000万, 1万2千
    r"(?:\d+[亿億]\d{1,4}[万萬](?![米克瓦])|\d+[万萬]\d[千仟](?![米克瓦伏卡焦帕赫兆字]))"
    # 2. Arabic digits: sign (not after a digit, letter or point: 2014-2015 is two numbers),
    #    thousands groups of exactly three digits, decimals, an optional magnitude word
    "|(?:(?<![0-9A-Za-z.])[-+\u2212])?(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?"
    f"(?:{MAGNITUDE_RE})?"
    # 3. Chinese numerals: lowercase forms; decimals with 点 or '.'; a trailing magnitude (两兆)
    f"|[{_SIGN_CN}]?[{_CN_START}][{_CN_BODY}]*(?:[{_POINT}][{_CN_DIGIT}]+)?(?:{_ZH_MAG})?"
    # 4. financial numerals: at least two characters (伍 alone is in 队伍, 陆 in 大陆)
    f"|[{_FIN_START}][{_FIN_BODY}]+"
    # 5. English cardinal words, compounds and a magnitude: three trillion, twenty-two
    f"|(?<![A-Za-z])(?:(?:{_cap_alt(_EN_TENS)})[- ](?:{_alt(_EN_ONES)})(?![A-Za-z])|(?:{_cap_alt(_EN_WORDS)}))"
    f"(?:[ ](?:{_EN_MAG}))?(?![A-Za-z])"
)
"""Regex source matching one number token in the norm view (no named groups, no flags needed)."""

_NUMBER_CRE = re.compile(NUMBER_RE)

# Fast path: ASCII digits + optional magnitude, matched against a whole token.
_FAST = re.compile(
    "([-+\u2212]?)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?"
    f"(?:[ \u00a0]?({_mag_alt(_EN_MAGS, False)})|({_mag_alt(_ZH_MAGS, False)}))?"
)
_PLAIN = re.compile("([-+\u2212]?)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?")
_EN_TOKEN = re.compile(
    f"({_alt(_EN_WORDS)})(?:[- ]({_alt(_EN_ONES)}))?(?:[ \u00a0]+({_alt([m.word for m in _EN_MAGS])}))?"
)


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------

def to_decimal(s: str) -> Decimal | None:
    """ASCII number -> Decimal: ``'5,000'`` -> 5000, ``'-1.5'``, ``'+5'``; ``None`` otherwise.

    Thousands separators must be ',' followed by exactly three digits (``'1,2'`` is not 12);
    spaces inside the number are not accepted (``'1 234'`` -> None).
    """
    if not isinstance(s, str):
        return None
    m = _PLAIN.fullmatch(s.strip())
    if m is None:
        return None
    sign, int_part, frac = m.groups()
    return Decimal(_coefficient(sign, int_part, frac))


def parse_chinese_numeral(s: str) -> Decimal | None:
    """Chinese numeral -> Decimal, ``None`` when ``s`` is not one.

    ``'一百二十万'`` -> 1200000, ``'二〇三五'`` -> 2035 (digit by digit), ``'十三'`` -> 13,
    ``'两千'`` -> 2000, ``'三万五'`` -> 35000, ``'五四二点五亿'`` -> 54250000000. Financial
    (``伍仟``) and traditional (``兩萬``) forms are accepted; ``百分之…`` and ``…分之…`` are not.
    """
    if not isinstance(s, str) or not s or len(s) > MAX_TOKEN:
        return None
    parsed = _parse_cn(s.strip())
    return None if parsed is None else parsed.value


@lru_cache(maxsize=65536)
def parse_number(token: str) -> ParsedNumber | None:
    """Parse one number token; ``None`` (never an exception) when it is not a number."""
    if not isinstance(token, str):
        return None
    token = token.strip()
    if not token or len(token) > MAX_TOKEN:
        return None
    try:
        m = _FAST.fullmatch(token)
        if m is not None:
            return _from_fast(m)
        if not token.isascii():
            token = unicodedata.normalize("NFKC", token)
            m = _FAST.fullmatch(token)
            if m is not None:
                return _from_fast(m)
            return _parse_cn(token)
        return _parse_en(token)
    except (DecimalException, ArithmeticError, ValueError):  # pragma: no cover - defensive
        return None


# --------------------------------------------------------------------------------------------
# Arabic digits
# --------------------------------------------------------------------------------------------

def _coefficient(sign: str, int_part: str, frac: str | None) -> str:
    digits = int_part.replace(",", "")
    if frac:
        digits = f"{digits}.{frac}"
    return f"-{digits}" if sign in ("-", "\u2212") else digits


def _integral(v: Decimal) -> Decimal:
    """Write integral values without an exponent (1.067E+9 -> 1067000000)."""
    if v.as_tuple().exponent > 0:  # type: ignore[operator]
        return v.quantize(_ONE, context=_CTX)
    return v


def _from_fast(m: re.Match[str]) -> ParsedNumber:
    sign, int_part, frac, en_mag, zh_mag = m.groups()
    digits = _coefficient(sign, int_part, frac)
    coeff = Decimal(digits)
    half = Decimal((0, (5,), -len(frac) - 1)) if frac else _HALF
    word = en_mag or zh_mag
    if word is None:
        return ParsedNumber(coeff, half, _ONE, digits)
    factor = _FACTORS[word] if word in _FACTORS else _FACTORS[word.lower()]
    value = _integral(_CTX.multiply(coeff, factor))
    return ParsedNumber(value, _integral(_CTX.multiply(half, factor)), factor, digits)


# --------------------------------------------------------------------------------------------
# English cardinal words
# --------------------------------------------------------------------------------------------

def _parse_en(token: str) -> ParsedNumber | None:
    m = _EN_TOKEN.fullmatch(token.lower())
    if m is None:
        return None
    first, second, mag = m.groups()
    kind, value, _c = _NUMERALS[first]
    assert value is not None
    place = Decimal(10) if kind == "en_tens" and value != 0 else _ONE
    if second is not None:
        if kind != "en_tens" or value < 20:
            return None  # "five-two" is not a number
        value = value + _NUMERALS[second][1]  # type: ignore[operator]
        place = _ONE
    factor = _FACTORS[mag] if mag else _ONE
    total = _integral(_CTX.multiply(value, factor))
    precision = _integral(_CTX.multiply(place * _HALF, factor))
    return ParsedNumber(total, precision, factor, str(value))


# --------------------------------------------------------------------------------------------
# Chinese numerals (positional, digit-by-digit, decimals, mixed with Arabic digits)
# --------------------------------------------------------------------------------------------

def _symbol(ch: str) -> tuple[str, Decimal | None]:
    if "0" <= ch <= "9":
        return "digit", Decimal(ord(ch) - 48)
    entry = _NUMERALS.get(ch)
    if entry is None:
        return "", None
    return entry[0], entry[1]


def _parse_cn(token: str) -> ParsedNumber | None:
    """Chinese (or mixed) numeral -> ParsedNumber, or None."""
    negative = False
    if token and _symbol(token[0])[0] == "sign":
        negative, token = True, token[1:]
    if not token:
        return None
    syms = [_symbol(ch) for ch in token]
    if any(kind == "" for kind, _v in syms):
        return None
    # Split a trailing run of big units (the magnitude) and an optional point + fraction digits.
    points = [i for i, (k, _v) in enumerate(syms) if k == "point"]
    if len(points) > 1:
        return None
    end = len(syms)
    trailing = _ONE
    while end > 0 and syms[end - 1][0] == "big":
        end -= 1
    trail_syms = syms[end:]
    if points:
        p = points[0]
        frac_syms = syms[p + 1:end]
        if not frac_syms or any(k != "digit" for k, _v in frac_syms):
            return None
        int_syms = syms[:p]
        if not int_syms:
            return None
        if trail_syms and any(k == "big" for k, _v in int_syms):
            return None  # 三万二点五亿
        frac_digits = "".join(str(v) for _k, v in frac_syms)
    else:
        int_syms = syms[:end] if end > 0 else []
        frac_digits = ""
    if trail_syms:
        stacked = _stack_bigs([v for _k, v in trail_syms])  # type: ignore[misc]
        if stacked is None:
            return None
        trailing = stacked
    if points or not int_syms:
        if not int_syms:
            return None
        head = _positional(int_syms)
        if head is None:
            return None
        int_value, place = head
        if frac_digits:
            coeff = Decimal(f"{int_value}.{frac_digits}")
            place = Decimal((0, (1,), -len(frac_digits)))
        else:
            coeff = Decimal(int_value)
    else:
        # no point: parse everything (including trailing bigs) positionally, then split the magnitude
        head = _positional(syms)
        if head is None:
            return None
        int_value, place = head
        coeff = Decimal(int_value)
        if trail_syms:
            coeff = _CTX.divide(coeff, trailing)
            place = _CTX.divide(place, trailing)
    if negative:
        coeff = -coeff
    value = _integral(_CTX.multiply(coeff, trailing))
    precision = _integral(_CTX.multiply(_CTX.multiply(place, _HALF), trailing))
    digits = format(coeff.normalize(_CTX) if coeff == coeff.to_integral_value() else coeff, "f")
    if digits == "-0":
        digits = "0"
    return ParsedNumber(value, precision, trailing, digits)


def _stack_bigs(units: list[Decimal]) -> Decimal | None:
    """万亿 -> 1E12. A stack must grow (万亿 yes, 亿万 / 亿亿 no)."""
    total = _ONE
    prev = Decimal(0)
    for u in units:
        if u <= prev:
            return None
        total *= u
        prev = u
    return total


def _positional(syms: list[tuple[str, Decimal | None]]) -> tuple[int, Decimal] | None:
    """Integer value and place of the last stated digit of a numeral without a point.

    Handles 一百二十万, 二百九十七亿九千六百万, 一百零一, 十三, 两千, 二〇三五 (digit by digit),
    三万五 / 一亿五 / 三千五 (abbreviated last digit), 三万八○六六, 4亿5000万, 廿三, 一万亿.
    """
    items: list[tuple[int, int, int]] = []  # closed sections: (amount, big unit, place of last digit)
    section = 0
    sec_place = 0  # place (within the section) of the last stated digit; 0 = none yet
    last_unit = 0  # last small unit seen in this section (10/100/1000); 0 = none
    run: list[int] = []
    zero_gap = False

    def flush_run(at_end_of_section: bool) -> bool:
        nonlocal section, sec_place, run, zero_gap
        if not run:
            return True
        if len(run) == 1 and not zero_gap and (last_unit or (not section and items)):
            # abbreviated: 三千五 = 3500, 三万五 = 35000 (the digit takes the next lower place)
            base = last_unit if last_unit else items[-1][1]
            if base < 10:
                return False
            place = base // 10
            section += run[0] * place
            sec_place = place
        else:
            if last_unit or section:
                if len(run) > 1 or not zero_gap and last_unit == 0:
                    return False
            if len(run) > 1 and last_unit:
                return False
            section += int("".join(map(str, run)))
            sec_place = 1
        run = []
        zero_gap = False
        return True

    for kind, value in syms:
        if kind == "tens":
            assert value is not None
            syms_expansion = [(int(value) // 10, 10)]
            digit, unit = syms_expansion[0]
            if run or (last_unit and last_unit <= unit):
                return None
            section += digit * unit
            sec_place, last_unit = unit, unit
            zero_gap = False
            continue
        if kind == "digit":
            assert value is not None
            d = int(value)
            if d == 0 and not run and (last_unit or items or section):
                zero_gap = True  # placeholder 零 in 一百零一
                continue
            run.append(d)
        elif kind == "unit":
            assert value is not None
            u = int(value)
            if last_unit and u >= last_unit:
                return None  # 一十百
            if len(run) > 1:
                return None  # 二三十 is a vague range, not a number
            if run:
                d = run[0]
                if d == 0:
                    return None
            elif u == 10 and not section and not last_unit:
                d = 1  # 十三, 一万十?
            else:
                return None  # 百 / 千 need a digit
            if section and not last_unit:
                return None
            section += d * u
            sec_place, last_unit = u, u
            run = []
            zero_gap = False
        elif kind == "big":
            assert value is not None
            big = int(value)
            if not flush_run(True):
                return None
            cur, place = section, sec_place
            if not place and not items:
                return None  # 万, 亿 with nothing before
            # stacking (一万亿): absorb closed sections with a smaller unit
            while items and items[-1][1] < big:
                amount, _u, p = items.pop()
                cur += amount
                place = p if not place else min(place, p)
            if not cur and not place:
                return None
            if items:
                top = items[-1][1]
                if top == big or cur >= top // big * big and False:
                    return None
                if top <= big:
                    return None
                if cur >= top // big:
                    return None  # 一亿二万万 …; a lower section must stay below the higher unit
            if place == 0:
                return None
            items.append((cur * big, big, place * big))
            section, sec_place, last_unit, run, zero_gap = 0, 0, 0, [], False
        else:
            return None
    if not flush_run(True):
        return None
    total = section + sum(a for a, _u, _p in items)
    places = [p for _a, _u, p in items] + ([sec_place] if sec_place else [])
    if not places:
        return None
    if items and section >= items[-1][1]:
        return None
    return total, Decimal(min(places))
