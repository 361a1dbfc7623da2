"""Parse one number token into an exact :class:`~decimal.Decimal` with its stated precision.

A *token* is what :data:`NUMBER_RE` matches in a document's ``norm`` view (NFKC + simplified
Chinese): Arabic digits (``5,000``, ``-2.1``, ``12,345,678.9``, ``10 000`` before a unit word),
exponents (``4e14``, ``2.48×10−5``), glued suffixes after a currency symbol or a decimal
(``$2.174T``, ``€10M``, ``0.5k``), fractions (``1/4``, ``2 1/2``, ``⅓`` = ``1⁄3`` after NFKC),
Chinese numerals (``十三亿``, ``二〇三五``, ``二百九十七亿九千六百万``, ``五四二点五亿``, ``三万八○六六``,
``零下四``, a magnitude alone: ``百万亿``, ``千亿``), mixed forms (``10.67亿``, ``13.79万亿``,
``4亿5000万``, ``2兆736億``, ``349.9 万`` with one space before the magnitude word), English
magnitudes (``1.07 billion``, ``5bn``) and English number phrases (``three trillion``,
``twenty-two``, ``a hundred and two``, ``three million, two hundred & forty``, ``two and a half``,
``one point six trillion``, ``a dozen``, ``two thirds``, ``a quarter of a trillion``).  Digits are
ASCII or fullwidth (NFKC); other scripts' digits (Arabic-Indic ``١٢``) are not numbers.

>>> p = parse_number("10.67亿")
>>> p.value, p.precision, p.magnitude, p.digits
(Decimal('1067000000'), Decimal('500000'), Decimal('1E+8'), '10.67')
>>> parse_number("二百九十七亿九千六百万").value
Decimal('29796000000')
>>> parse_number("２兆736億").value, parse_number("349.9 万").value
(Decimal('2073600000000'), Decimal('3499000'))
>>> parse_number("a hundred and two").value, parse_number("1/4").kind
(Decimal('102'), 'fraction')
>>> parse_number("万") is None, parse_number("١٢") is None, parse_number(["5"]) is None
(True, True, True)

The vocabularies are data: magnitude words and suffixes come from ``factlib/data/magnitudes.csv``,
numeral symbols, English number and fraction words from ``factlib/data/numerals.csv``; the regular
expressions are generated from them.

Chinese numerals: cn2an first, factlib's grammar for the rest
-----------------------------------------------------------
A Chinese numeral made only of plain digits, 十百千 and 万/亿 (any script or style: 两, 萬, 伍仟 are
mapped to cn2an's characters by the table) is read by ``cn2an.cn2an(token, "strict")`` (imported
on first use, cached per distinct token); its precision is the largest power of ten dividing the
integer (the place of the last stated digit).  factlib's own positional grammar reads what cn2an
rejects or gets wrong -- each form is covered by ``tests/test_number_forms.py``, which also runs
the differential test (cn2an vs the grammar on generated numerals, hypothesis):

* magnitude stacking on Arabic digits: ``13.79万亿``, ``4亿5000万``, ``2兆736億`` (cn2an: ValueError);
* the tens ligatures: ``卅四`` = 34, ``廿三`` = 23 (cn2an rejects 卅);
* digit-by-digit runs and mixed ○ zeros: ``二〇三五``, ``三万八○六六`` (strict cn2an rejects them;
  its normal mode misreads such sections: ``八三万三`` -> 113000);
* exact decimals: ``五四二点五亿``, ``一点五七`` (cn2an returns floats: ``1 + 0.57 = 1.5699…``);
* 兆 = 10^12 (``两兆``) and the archaic 万万 = 亿 (``六万万``);
* an abbreviated last digit after 亿: ``一亿五`` = 150000000 (cn2an: KeyError);
* a section starting with 十 after 万/亿: ``十亿十九万`` = 1000190000 (cn2an reads 1000090000);
* 零 before a unit (``一万零百``: cn2an reads 10100, the grammar rejects it);
* a magnitude alone: ``百万亿``, ``千亿``; 零下 (below zero): ``零下四`` = -4; 半 = 0.5.

Design notes
------------
* All arithmetic is in ``Decimal`` under a private context (:data:`_CTX`, 400 digits); the global
  decimal context is never touched, no float ever enters a value.  A fraction that does not
  terminate (⅓) is given to 28 significant digits, with precision 0.
* ``parse_number`` is cached (tokens repeat: ``5%``, ``2024年``; :func:`clear_cache` empties the
  cache); its argument is type-checked before the cached call, so an unhashable argument (a list)
  returns ``None`` too.  The common case -- ASCII digits with an optional magnitude -- is one
  ``fullmatch`` and one or two Decimal operations.
* Not numbers: stacked magnitudes that are not a table row (``亿亿``, ``9999万亿亿``), a lone
  magnitude (``万``), a lone unit (``百``), ``1,2`` (a comma must be followed by exactly three
  digits), slash fractions with a large denominator unless the numerator is 1 (``9/11``), improper
  slash fractions (``24/7``), percent words (``百分之六十五点九``) and Chinese fractions
  (``三分之一``) -- those two belong to the claim extractor.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from functools import lru_cache

from factlib.vocab.tables import read_table
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = [
    "ParsedNumber",
    "NUMBER_RE",
    "MAGNITUDE_RE",
    "parse_number",
    "parse_chinese_numeral",
    "to_decimal",
    "magnitude_factor",
    "magnitudes",
    "clear_cache",
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

    ``value == Decimal(digits) * magnitude`` holds for every ``kind == 'number'``; ``precision`` is
    half a unit of the last stated digit, so the exact number the writer rounded lies in
    ``value ± precision``.
    """

    value: Decimal  #: fully expanded: '10.67亿' -> Decimal('1067000000')
    precision: Decimal  #: '10.67亿' -> 500000; '3800' -> 0.5; '十三亿' -> 50000000
    magnitude: Decimal  #: the multiplier word applied: 亿 -> 1E+8, 'billion' -> 1E+9, none -> 1
    digits: str  #: the coefficient in ASCII, without separators: '10.67', '-2.1', '13' ('1/4' for a fraction)
    #: 'number', or 'fraction' for a/b, '2 1/2', '⅓', 'two thirds' (value = the quotient, to 28 digits
    #: when it does not terminate; ``digits`` then holds the fraction as written, ``precision`` is 0)
    kind: str = "number"

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


@dataclass(frozen=True, slots=True)
class _Numeral:
    symbol: str
    kind: str
    value: Decimal | None
    style: str


def _load_numerals() -> dict[str, _Numeral]:
    rows = read_table("numerals", required=("symbol", "kind", "value", "style"), key=("symbol",))
    return {
        r["symbol"]: _Numeral(r["symbol"], r["kind"], Decimal(r["value"]) if r["value"] else None, r["style"])
        for r in rows
    }


_MAGNITUDES = _load_magnitudes()
_NUMERALS = _load_numerals()
_FACTORS: dict[str, Decimal] = {m.word: m.factor for m in _MAGNITUDES}
for _m in _MAGNITUDES:  # English words may be capitalised at the start of a headline
    if _m.lang == "en" and _m.word[0].islower():
        _FACTORS.setdefault(_m.word.capitalize(), _m.factor)
#: Chinese symbols longer than one character (万万), matched before single characters.
_MULTI = {s: n for s, n in _NUMERALS.items() if len(s) > 1 and n.style != "en"}
#: signs written with more than one character (零下 = below zero)
_MULTI_SIGNS = tuple(s for s, n in _MULTI.items() if n.kind == "sign")
_MULTI_SIGN_FIRST = frozenset(w[0] for w in _MULTI_SIGNS)
#: 半 (half) and its value
_HALVES = {s: n.value for s, n in _NUMERALS.items() if n.kind == "half" and n.value is not None}
#: the characters written for a half (半): the extractor asks for a measure after them
HALVES = frozenset(_HALVES)
#: English cardinal words (one, twelve, twenty), fraction words (third, halves) and articles (a, an)
_EN_CARDINAL = {s: n for s, n in _NUMERALS.items() if n.kind in ("en_digit", "en_tens")}
_EN_FRACTION = {s: n for s, n in _NUMERALS.items() if n.kind == "en_fraction"}
_EN_ARTICLE = {s: n for s, n in _NUMERALS.items() if n.kind == "en_article"}


def magnitudes() -> dict[str, Decimal]:
    """Every magnitude word of ``magnitudes.csv`` with its factor (a copy)."""
    return {m.word: m.factor for m in _MAGNITUDES}


def magnitude_factor(word: str) -> Decimal | None:
    """The factor of a magnitude word (``'万亿'`` -> ``Decimal('1E+12')``), ``None`` if it is not one."""
    return _FACTORS.get(word)


# --------------------------------------------------------------------------------------------
# Regular expressions, generated from the tables
# --------------------------------------------------------------------------------------------

def _cls(chars: str) -> str:
    """A character class body with every character escaped."""
    return "".join(re.escape(c) for c in dict.fromkeys(chars))


def _cased(word: str) -> str:
    """``three`` -> ``[tT]hree`` (headline capitals), without needing the IGNORECASE flag."""
    return f"[{word[0]}{word[0].upper()}]{re.escape(word[1:])}"


def _by_length(words: list[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _mag_alt(mags: list[_Magnitude], guarded: bool) -> str:
    """Magnitude alternation, longest first (万亿 before 万); ``guarded`` adds each row's
    not_before look-ahead (千 not before 米: 5千米 is 5 km)."""
    parts = []
    for m in sorted(mags, key=lambda m: (-len(m.word), m.word)):
        word = _cased(m.word) if m.lang == "en" else re.escape(m.word)
        if guarded and m.not_before:
            word += f"(?![{_cls(m.not_before)}])"
        parts.append(word)
    if guarded and all(not m.word[0].isascii() for m in mags):
        # one class test before trying the words one by one (most numbers have no magnitude)
        return f"(?=[{_cls(''.join(sorted({m.word[0] for m in mags})))}])(?:" + "|".join(parts) + ")"
    return "|".join(parts)


def _symbols(kinds: set[str], styles: set[str]) -> str:
    return "".join(
        s for s, n in _NUMERALS.items()
        if n.kind in kinds and n.style in styles and len(s) == 1 and not s.isascii()
    )


_ZH_MAGS = [m for m in _MAGNITUDES if m.lang.startswith("zh")]
_EN_MAGS = [m for m in _MAGNITUDES if m.lang == "en"]
#: single letters glued to digits ($2.174T, €10M, 0.5k): taken after a currency symbol or a decimal
_SUFFIXES = {m.word: m.factor for m in _MAGNITUDES if m.lang == "en_suffix"}
_ZH_MAG = _mag_alt(_ZH_MAGS, guarded=True)
_EN_MAG = _mag_alt(_EN_MAGS, guarded=False)

#: Regex source of one magnitude word as it follows a number (Chinese directly, English after an
#: optional space), e.g. for the shared magnitude of a range such as ``3至5万``.
MAGNITUDE_RE = f"(?:{_ZH_MAG}|[ \u00a0]?(?:{_EN_MAG})(?![A-Za-z]))"


def _stacked_sections() -> str:
    """Arabic digits written in myriad sections after the first run of digits (already consumed).

    ``4亿5000万``, ``2兆736億`` (Taiwan: 2*10^12 + 736*10^8), ``2兆736億5000万``: each big unit of
    ``numerals.csv`` (single characters, lower style) is followed by one to four digits and a
    strictly smaller big unit, so the alternation is a finite nest (no per-character
    backtracking beyond the leading digit run).  ``1万2千`` is the one small-unit tail: a
    single digit and a thousands unit, guarded by 千's ``not_before`` (1万2千米 is not 12000).
    """
    levels: dict[Decimal, str] = {}
    for s, n in _NUMERALS.items():
        if n.kind == "big" and n.style == "lower" and len(s) == 1 and n.value is not None:
            levels[n.value] = levels.get(n.value, "") + s
    classes = [f"[{_cls(levels[v])}]" for v in sorted(levels, reverse=True)]

    def chain(lower: list[str]) -> str:  # digits, then one of the lower units, then maybe more
        alts = [c + (f"(?:{chain(lower[i + 1:])}|)" if lower[i + 1:] else "") for i, c in enumerate(lower)]
        return f"[0-9]{{1,4}}(?:{'|'.join(alts)})"

    heads = [c + chain(classes[i + 1:]) for i, c in enumerate(classes) if classes[i + 1:]]
    thousands = "".join(
        s for s, n in _NUMERALS.items() if n.kind == "unit" and n.value == 1000 and len(s) == 1
    )
    guard = next((m.not_before for m in _ZH_MAGS if m.word in thousands and m.not_before), "")
    myriad = levels.get(Decimal(10000), "")
    if thousands and myriad:
        heads.append(f"[{_cls(myriad)}][0-9][{_cls(thousands)}]" + (f"(?![{_cls(guard)}])" if guard else ""))
    return "|".join(heads)


def _cn_start() -> str:
    """Characters that start a Chinese numeral written with lower-case numerals: digits, 十, 廿/卅/卌."""
    ten = "".join(s for s, n in _NUMERALS.items() if n.kind == "unit" and n.value == 10 and n.style == "lower")
    return _symbols({"digit"}, {"lower"}) + ten + _symbols({"tens"}, {"lower"})


def _fin_start() -> str:
    """Characters that start a financial numeral: its digits and its ten (拾)."""
    fin_ten = "".join(s for s, n in _NUMERALS.items() if n.kind == "unit" and n.value == 10 and n.style == "financial")
    return _symbols({"digit"}, {"financial"}) + fin_ten


def signed_digits(token: str) -> bool:
    """Arabic digits after a sign word (``零下18``): read like Arabic digits, not a Chinese numeral."""
    if token[:1] not in _MULTI_SIGN_FIRST:
        return False  # the common case, one set test (the scan asks this of every Chinese numeral)
    return any(token.startswith(w) and token[len(w):len(w) + 1].isdigit() for w in _MULTI_SIGNS)


def chinese_initials() -> frozenset[str]:
    """Every character a Chinese number token can start with (numerals, financial numerals, 负)."""
    return frozenset(_cn_start() + _symbols({"sign"}, {"lower"}) + _fin_start())


def english_number_words() -> list[str]:
    """The English cardinal words of ``numerals.csv`` (one, twelve, twenty …), longest first."""
    return _by_length(list(_EN_CARDINAL))


def english_fraction_words() -> list[str]:
    """The English fraction words of ``numerals.csv`` (half, thirds, quarter …), longest first."""
    return _by_length(list(_EN_FRACTION))


def _en_words(words) -> str:
    """Alternation of lower-case English words, longest first, each ending at a word boundary."""
    return "(?:" + "|".join(re.escape(w) for w in _by_length(list(words))) + ")(?![A-Za-z])"


def _after_any(words) -> str:
    """A look-behind: the text so far ends with one of ``words`` (fixed-width each)."""
    return "(?:" + "|".join(f"(?<={re.escape(w)})" for w in _by_length(list(words))) + ")"


def _english_re() -> str:
    """English number phrases, the first letter already consumed (see :func:`_number_re`).

    ``three``, ``twenty-two``, ``a hundred and two``, ``three million, two hundred & forty``,
    ``two and a half miles``, ``one point six trillion``, ``a dozen``, fractions (``one sixth``,
    ``two thirds``, ``one-half``, ``a quarter of a trillion``, ``half a million``).  The grammar
    is checked by :func:`_parse_en`; this pattern only says which words may follow which.
    """
    card = _en_words(_EN_CARDINAL)
    frac = _en_words(_EN_FRACTION)
    mags = [m.word for m in _EN_MAGS]
    mag = _en_words(mags)
    ones = _en_words(w for w, n in _EN_CARDINAL.items() if n.kind == "en_digit" and n.value is not None and 1 <= n.value <= 9)
    digit = _en_words(w for w, n in _EN_CARDINAL.items() if n.kind == "en_digit" and n.value is not None and n.value <= 9)
    after_mag = _after_any(mags)
    after_frac = _after_any(_EN_FRACTION)
    join = (
        f"(?:[ ](?:{card}|{mag}|{frac}|point(?= {digit}))"  # three trillion, two thirds, one point six
        f"|-(?:{ones}|{frac})"  # twenty-two, one-half
        f"|{after_mag}(?:,? and |[ ]?&[ ]?){card}"  # a hundred and two, two hundred & forty
        f"|{after_mag}, (?={card}(?:[- ][a-z]+)? hundred){card}"  # three million, two hundred …
        "|[ ]and a half(?![A-Za-z])"  # two and a half
        f"|{after_frac}(?:[ ]of a|[ -]a)[ -]{mag}"  # a quarter of a trillion, half-a-billion
        ")"
    )

    def tail(word: str) -> str:  # the word after its (already consumed) first letter
        return f"(?<=[{word[0]}{word[0].upper()}]){re.escape(word[1:])}"

    firsts = [tail(w) + "(?![A-Za-z])" for w in _by_length(list(_EN_CARDINAL))]
    firsts += [tail(w) + f"(?=[ ](?:{mag}|{frac}))" for w in _by_length(list(_EN_ARTICLE))]
    firsts += [tail(w) + f"(?=[ -]a[ -]{mag})" for w in _by_length(list(_EN_FRACTION)) if w == "half"]
    return f"(?<![A-Za-z].)(?:{'|'.join(firsts)})(?:{join})*"


def _arabic_tail() -> str:
    """What may follow the integer digits of an Arabic number: decimals, then one of an exponent
    (``4e14``, ``2.48×10−5``), a glued suffix after a currency symbol or a decimal (``$2.174T``,
    ``0.5k``), a fraction (``1/4``, ``2 1/2``; ⅓ is ``1⁄3`` after NFKC) or a magnitude word."""
    suffix = _cls("".join(_SUFFIXES))
    where = [f"(?<=\\.[0-9]{{{n}}})" for n in (1, 2, 3)] + [f"(?<=[{_cls(_CURRENCY)}][0-9]{{{n}}})" for n in (1, 2, 3)]
    return (
        r"(?:\.[0-9]+|)(?:"
        "[eE][-+\u2212]?[0-9]{1,3}(?![0-9A-Za-z])"
        "|[ ]?\u00d7[ ]?10(?:\\^[-+\u2212]?|[-\u2212])[0-9]{1,2}(?![0-9])"
        f"|(?=[{suffix}])(?:{'|'.join(where)})[{suffix}](?![A-Za-z0-9])"
        "|(?:(?<![0-9]{4})[/\u2044]|[ ][1-9][/\u2044])[1-9][0-9]{0,2}(?![0-9/\u2044])"  # not 2010/11
        f"|[ \u00a0]?(?:{_ZH_MAG}|(?:{_EN_MAG})(?![A-Za-z]))"
        "|)"
    )


def _spaced_guard() -> str:
    """Thousands grouped by spaces (``10 000 dollars``) only before a unit or magnitude word: a
    space between digit groups is also a list (``0800 555 111``), a date or two numbers."""
    from factlib.vocab.units import default_units  # vocab is below claims

    words = [w for w in default_units().by_surface if w.isascii() and w[:1].isalpha()]
    words += [m.word for m in _EN_MAGS]
    return "(?=[ ](?i:" + "|".join(re.escape(w) for w in _by_length(words)) + ")(?![A-Za-z]))"


def _qualified(lead: str) -> str:
    """A look-behind: 百/千 (already consumed) right after a Chinese qualifier word that is not
    'exact' (突破百万亿, 超过千亿元, 近百名): a magnitude written alone is a number only then (千万不要
    is 'by all means', 数百万 'several million', 千千万万 'countless')."""
    rows = read_table("qualifiers", required=("word", "lang", "position", "qualifier"), key=("word", "lang", "position"))
    words = [r["word"] for r in rows if r["lang"] == "zh" and r["position"] == "before" and r["qualifier"] != "exact"]
    return "(?:" + "|".join(f"(?<={re.escape(w)}[{_cls(lead)}])" for w in _by_length(words)) + ")"


def _count_guard() -> str:
    """百/千 alone is a token only before 多/余 or a Chinese unit of the count dimension (名, 家, 个)."""
    from factlib.vocab.units import default_units

    starts = {w[0] for w, u in default_units().by_surface.items() if not w.isascii() and u.dimension == "count"}
    return f"(?=[多余]?[{_cls(''.join(sorted(starts)))}])"


def _half_guard() -> str:
    """半 is a token only right before a unit that is not a count (半斤, 半年, 半小时, 半个月) or 成
    (半成 = 5 %): 半部, 半个中国 are 'half of' a thing, not a quantity."""
    from factlib.vocab.units import default_units

    words = [w for w, u in default_units().by_surface.items() if not w.isascii() and u.dimension != "count"]
    return "(?=" + "|".join(re.escape(w) for w in _by_length(words + ["成"])) + ")"


#: currency symbols after which a glued suffix is a magnitude ($2.174T, €10M)
_CURRENCY = "$€£¥"


def _number_re() -> str:
    """Build :data:`NUMBER_RE`.

    Every alternative starts by consuming one character of ``first`` and then checks which one it
    was with a look-behind.  Beginning with a plain character class lets the regex engine skip
    non-candidate characters in C, which makes ``finditer`` over Chinese text ~10x faster than an
    alternation whose branches start with look-behinds.  Optional parts are written ``(?:x|)``
    rather than ``(?:x)?``: the same language, but the engine runs a branch with an empty
    alternative much faster than a repeat of a group.
    """
    ten = "".join(s for s, n in _NUMERALS.items() if n.kind == "unit" and n.value == 10 and n.style == "lower")
    cn_digit = _symbols({"digit"}, {"lower"})
    cn_start = _cn_start()
    # 千 is guarded by its magnitudes.csv not_before (五万千瓦 is 5万 kW, not 五万千 + 瓦)
    guards = {m.word: m.not_before for m in _ZH_MAGS if len(m.word) == 1 and m.not_before}
    units = [s for s in _symbols({"unit"}, {"lower"}) if s not in ten]
    bigs = _symbols({"big"}, {"lower"}).replace("兆", "")  # 兆 only as a final magnitude (兆瓦 is MW)
    free = cn_start + "".join(u for u in units if u not in guards) + bigs
    # after a digit 千 is positional (两千米 = 2000 米); after 万/亿 or 十 it may start a unit (五万千瓦)
    guarded = "|".join(
        f"(?<=[{_cls(cn_digit)}]){re.escape(u)}|{re.escape(u)}(?![{_cls(guards[u])}])" for u in units if u in guards
    )
    cn_body = f"(?:[{_cls(free)}]" + (f"|{guarded}" if guarded else "") + ")"
    fin_digit = _symbols({"digit"}, {"financial"})
    fin_units = _symbols({"unit"}, {"financial"})
    fin_ten = "".join(s for s, n in _NUMERALS.items() if n.kind == "unit" and n.value == 10 and n.style == "financial")
    fin_start = _fin_start()
    fin_body = fin_start + fin_units + "".join(s for s, n in _NUMERALS.items() if n.kind == "digit" and n.value == 0) + bigs
    point = "".join(s for s, n in _NUMERALS.items() if n.kind == "point")
    cn_sign = _symbols({"sign"}, {"lower"})
    # a magnitude without a digit (突破百万亿, 超过千亿元): 百 or 千 and then big units only
    lead = "".join(u for u in units if Decimal(100) <= _NUMERALS[u].value <= Decimal(1000))  # type: ignore[operator]
    big_words = [m.word for m in _ZH_MAGS if all(_NUMERALS.get(c) is not None and _NUMERALS[c].kind == "big"
                                                 for c in m.word) and m.word != "兆"]
    en_initials = "".join(sorted({w[0] for w in (*_EN_CARDINAL, *_EN_ARTICLE, "half")}
                                 | {w[0].upper() for w in (*_EN_CARDINAL, *_EN_ARTICLE, "half")}))
    sign = "-+\u2212"
    tail = _arabic_tail()
    # the first digit is already consumed
    # (possessive where giving back a digit cannot help: what follows is never a digit)
    arabic_int_rest = (r"(?:[0-9]{0,2}+(?:,[0-9]{3})+(?![0-9])"
                       rf"|[0-9]{{0,2}}+(?:[ ][0-9]{{3}})+(?![0-9]){_spaced_guard()}|[0-9]*+)")
    minus_words = [w for w in _MULTI_SIGNS if w[0] in cn_start]
    halves = "".join(_HALVES)
    first = _cls("0123456789" + sign + cn_start + cn_sign + fin_start + lead + halves) + en_initials
    return (
        f"[{first}](?:"
        # 0. a sign word before a number: 零下四, 零下4 (before 4., which would take 零 alone)
        + "".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}(?:[0-9]+(?:\\.[0-9]+|)"
                  f"|[{_cls(cn_start)}]{cn_body}*(?:[{_cls(point)}][{_cls(cn_digit)}]+|))|" for w in minus_words)
        + (f"(?<=[{_cls(halves)}]){_half_guard()}|" if halves else "")
        + 
        # 1. digits with Chinese section continuations: 4亿5000万, 2兆736億, 1万2千
        f"(?<=[0-9])[0-9]*+(?:{_stacked_sections()})"
        # 2. digits: thousands groups, decimals, exponent, suffix, fraction or magnitude word
        f"|(?<=[0-9]){arabic_int_rest}{tail}"
        # 3. a sign, unless it follows a digit, letter or point (2014-2015 is two numbers)
        f"|(?<=[{sign}])(?<![0-9A-Za-z.][{sign}])(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]+){tail}"
        # 4. Chinese numerals: 十三亿, 二〇三五, 一点五七, 五.四五, 两兆 (兆 only as the final magnitude)
        f"|(?<=[{_cls(cn_sign)}])[{_cls(cn_start)}]{cn_body}*(?:[{_cls(point)}][{_cls(cn_digit)}]+|)(?:{_ZH_MAG}|)"
        f"|(?<=[{_cls(cn_start)}]){cn_body}*(?:[{_cls(point)}][{_cls(cn_digit)}]+|)(?:{_ZH_MAG}|)"
        # 4b. a magnitude alone: 百万亿, 千亿; or 百/千 alone before a counted unit (近百名, 逾千家); the
        # extractor asks for a qualifier or a unit (千万不要 is 'by all means')
        # (what follows is tested first, in one class: 百分 is frequent, the qualifier look-behinds are many)
        f"|(?<=[{_cls(lead)}])(?=[{_cls(''.join(big_words))}多余]|{_count_guard()}){_qualified(lead)}"
        f"(?:{'|'.join(re.escape(w) for w in _by_length(big_words))}|{_count_guard()})"
        # 5. financial numerals with a unit (伍仟, 肆拾, 拾万): 伍 alone is in 队伍, 陆 in 大陆, 伍陆 in 队伍陆续
        f"|(?<=[{_cls(fin_digit)}])[{_cls(fin_units + bigs)}][{_cls(fin_body)}]*"
        f"|(?<=[{_cls(fin_ten)}])[{_cls(fin_body)}]+"
        # 6. English number phrases, not inside a word: three, Twenty-two, a hundred and two, two thirds
        f"|{_english_re()}"
        ")"
    )


NUMBER_RE: str = _number_re()
"""Regex source matching one number token in the norm view (no named groups, no flags needed)."""


# Fast path: ASCII digits + optional magnitude, matched against a whole token.
# [0-9], not \d: \d would also take Arabic-Indic and other scripts' digits (fullwidth ones become
# ASCII by NFKC before the second attempt).
_FAST = re.compile(
    "([-+\u2212]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.([0-9]+))?"
    f"(?:[ \u00a0]?(?:({_mag_alt(_EN_MAGS, False)})|({_mag_alt(_ZH_MAGS, False)})))?"
)
_PLAIN = re.compile("([-+\u2212]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.([0-9]+))?")
#: Arabic numbers beyond the fast path: space-grouped thousands, exponents, glued suffixes, fractions
_ARABIC = re.compile(
    "([-+\u2212]?)([0-9]{1,3}(?:[, ][0-9]{3})+|[0-9]+)(?:\\.([0-9]+))?"
    "(?:[eE]([-+\u2212]?[0-9]{1,3})|[ ]?\u00d7[ ]?10\\^?([-+\u2212]?[0-9]{1,2})"
    f"|([{_cls(''.join(_SUFFIXES))}])"
    "|(?:[ ]([1-9]))?([/\u2044])([1-9][0-9]{0,2})"
    f"(?:[ \u00a0]?(?:({_mag_alt(_EN_MAGS, False)})|({_mag_alt(_ZH_MAGS, False)})))?"
    f"|[ \u00a0]?(?:({_mag_alt(_EN_MAGS, False)})|({_mag_alt(_ZH_MAGS, False)})))?"
)
#: English number phrases split into words (``and a half`` is one piece; ``and``/``&``/``of`` join)
_EN_PIECES = re.compile(r"and a half|[a-z]+")
_EN_JOINERS = frozenset({"and", "of"})
#: quotients that do not terminate are given to 28 significant digits
_DIV = Context(prec=28)
#: a/b written with a slash is a fraction for these denominators (9/11 and 24/7 are not)
_SLASH_DENOMINATORS = frozenset(range(2, 11)) | {12, 16, 32, 64, 100}


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------

def to_decimal(s: str) -> Decimal | None:
    """ASCII number -> Decimal: ``'5,000'`` -> 5000, ``'-1.5'``, ``'+5'``; ``None`` otherwise.

    Thousands separators must be ',' followed by exactly three digits (``'1,2'`` is not 12);
    spaces inside the number are not accepted (``'1 234'`` -> None).  Fullwidth digits are read
    after NFKC (``'５'`` -> 5); other scripts' digits are not (``'١٢'`` -> None).
    """
    if not isinstance(s, str):
        return None
    s = s.strip()
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    m = _PLAIN.fullmatch(s)
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
    if not isinstance(s, str) or len(s) > MAX_TOKEN:
        return None
    s = s.strip()
    if not s:
        return None
    try:
        parsed = _parse_cn(s)
    except (ArithmeticError, ValueError):  # defensive: the grammar should reject first
        return None
    return None if parsed is None else parsed.value


def parse_number(token: str) -> ParsedNumber | None:
    """Parse one number token; ``None`` (never an exception) when it is not a number.

    ``ParsedNumber.digits`` is always ASCII (``'５'`` -> ``'5'``).  Anything but a ``str`` (None,
    an int, bytes, a list) is not a number: the type is checked before the cached parser, which
    could not hash a list.
    """
    if not isinstance(token, str):
        return None
    token = token.strip()
    if not token or len(token) > MAX_TOKEN:
        return None
    return _parse_cached(token)


def clear_cache() -> None:
    """Empty the cache of :func:`parse_number` (benchmarks, memory)."""
    _parse_cached.cache_clear()


@lru_cache(maxsize=65536)
def _parse_cached(token: str) -> ParsedNumber | None:
    """:func:`parse_number` on a stripped, non-empty ``str`` of at most MAX_TOKEN characters."""
    try:
        m = _FAST.fullmatch(token)
        if m is not None:
            return _from_fast(m)
        if not token.isascii():
            token = unicodedata.normalize("NFKC", token)
            m = _FAST.fullmatch(token)
            if m is not None:
                return _from_fast(m)
        if token[0] in "0123456789-+\u2212":
            m = _ARABIC.fullmatch(token)
            if m is not None:
                return _from_arabic(m)
        if token.isascii():
            return _parse_en(token)
        return _parse_cn(token)
    except (ArithmeticError, ValueError):  # defensive: the grammars should reject first
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
    """An English number phrase (see :func:`_english_re`) -> ParsedNumber, or None."""
    pieces = [p for p in _EN_PIECES.findall(token.lower()) if p not in _EN_JOINERS]
    if not pieces:
        return None
    fracs = [i for i, p in enumerate(pieces) if p in _EN_FRACTION]
    if fracs:
        return _en_fraction(pieces, fracs[0])
    if "point" in pieces:
        return _en_point(pieces, pieces.index("point"))
    parsed = _en_cardinal(pieces)
    if parsed is None:
        return None
    total, place, factor, coeff = parsed
    value = _integral(total)
    precision = _integral(_CTX.multiply(place, _HALF).normalize(_CTX))
    if factor is not None:
        return ParsedNumber(value, precision, factor, _plain(coeff))
    return ParsedNumber(value, precision, _ONE, _plain(total))


def _plain(d: Decimal) -> str:
    """A Decimal written without an exponent or trailing zeros after the point."""
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _en_cardinal(pieces: list[str]) -> tuple[Decimal, Decimal, Decimal | None, Decimal] | None:
    """Words of a cardinal -> (value, place of the last stated digit, the magnitude when the
    phrase is one group and a magnitude word (three trillion), that group), or None.

    ``a hundred and two`` = 102, ``three million two hundred forty`` = 3000240, ``two and a
    half`` = 2.5 (place 0.5), ``eleven and a half trillion`` = 1.15E13; magnitudes must fall
    (``thousand million`` is not read)."""
    total = Decimal(0)
    group: Decimal | None = None
    place = _ONE
    last = ""  # kind of the previous piece
    prev_factor: Decimal | None = None
    groups = 0
    for p in pieces:
        if p in _EN_ARTICLE:
            if group is not None or last not in ("", "mag"):
                return None
            group, place, last = _ONE, _ONE, "article"
        elif p in _EN_CARDINAL:
            n = _EN_CARDINAL[p]
            v = n.value
            assert v is not None
            is_tens = n.kind == "en_tens" and v != 0
            if group is None:
                group = v
            elif last == "hundred" and group % 100 == 0 and v < 100:
                group += v
            elif last == "tens" and group % 100 >= 20 and group % 10 == 0 and 1 <= v <= 9:
                group += v
                is_tens = False
            else:
                return None
            place = Decimal(10) if is_tens else _ONE
            last = "tens" if is_tens and v >= 20 else "card"
        elif p == "and a half":
            if group is None or last in ("half", "mag"):
                return None
            group += _HALF
            place, last = _HALF, "half"
        elif p == "hundred":
            if group is None or group >= 100 or group != group.to_integral_value() or last == "hundred":
                return None
            group *= 100
            place *= 100
            last = "hundred"
        elif p in _FACTORS:
            f = _FACTORS[p]
            if group is None or (prev_factor is not None and f >= prev_factor):
                return None
            total += group * f
            place *= f
            prev_factor = f
            groups += 1
            coeff, group, last = group, None, "mag"
        else:
            return None
    if group is not None:
        total += group
        groups += 1
    if groups == 0:
        return None
    single = groups == 1 and last == "mag" and prev_factor is not None
    return total, place, (prev_factor if single else None), (coeff if single else total)


def _en_point(pieces: list[str], i: int) -> ParsedNumber | None:
    """``one point six trillion`` = 1.6E12."""
    head = _en_cardinal(pieces[:i])
    if head is None or head[2] is not None:
        return None
    digits = ""
    factor = _ONE
    rest = pieces[i + 1:]
    if rest and rest[-1] in _FACTORS:
        factor = _FACTORS[rest[-1]]
        rest = rest[:-1]
    for p in rest:
        n = _EN_CARDINAL.get(p)
        if n is None or n.kind != "en_digit" or n.value is None or n.value > 9:
            return None
        digits += str(n.value)
    if not digits:
        return None
    coeff = f"{_plain(head[0])}.{digits}"
    value = _integral(_CTX.multiply(Decimal(coeff), factor))
    half = _CTX.multiply(Decimal((0, (5,), -len(digits) - 1)), factor)
    return ParsedNumber(value, _integral(half.normalize(_CTX)), factor, coeff)


def _en_fraction(pieces: list[str], i: int) -> ParsedNumber | None:
    """``one sixth``, ``two thirds``, ``three halves``, ``a quarter``; with a magnitude after it
    (``a quarter million``, ``a quarter of a trillion``, ``half a million``) it is a number."""
    head = pieces[:i]
    rest = [p for p in pieces[i + 1:] if p not in _EN_ARTICLE]
    if not head or head in (["a"], ["an"]):
        numerator = _ONE
    else:
        parsed = _en_cardinal(head)
        if parsed is None or parsed[2] is not None or parsed[0] != parsed[0].to_integral_value():
            return None
        numerator = parsed[0]
    if not head and not rest:
        return None  # 'half' alone
    denominator = _EN_FRACTION[pieces[i]].value
    assert denominator is not None
    if len(rest) > 1 or (rest and rest[0] not in _FACTORS):
        return None
    quotient = _DIV.divide(numerator, denominator)
    written = f"{_plain(numerator)}/{denominator}"
    if rest:
        factor = _FACTORS[rest[0]]
        value = _integral(_DIV.multiply(quotient, factor).normalize(_DIV))
        return ParsedNumber(value, Decimal(0), _ONE, _plain(value))
    return ParsedNumber(quotient, Decimal(0), _ONE, written, "fraction")


def _from_arabic(m: re.Match[str]) -> ParsedNumber | None:
    """Arabic numbers the fast path does not take: ``10 000``, ``4e14``, ``2.48×10−5``,
    ``$2.174T`` (the suffix), ``1/4``, ``2 1/2``, ``2⁄3`` (from ⅔), ``21⁄2`` (from 2½)."""
    sign, int_part, frac, exp1, exp2, suffix, mixed_num, slash, den, fen_mag, fzh_mag, en_mag, zh_mag = m.groups()
    int_digits = int_part.replace(",", "").replace(" ", "")
    if den is not None:  # a fraction
        whole = ""
        if mixed_num is not None:
            whole, num = int_digits, mixed_num
        elif slash == "\u2044" and len(int_digits) > 1:
            whole, num = int_digits[:-1], int_digits[-1]  # 21⁄2 is 2½ after NFKC
        else:
            num = int_digits
        if frac or int(num) == 0 or int(num) >= int(den):
            return None
        if slash == "/" and int(den) not in _SLASH_DENOMINATORS and int(num) != 1:
            return None
        value = _DIV.divide(Decimal(num), Decimal(den))
        if whole:
            value = _DIV.add(Decimal(whole), value)
        if sign in ("-", "\u2212"):
            value = -value
        written = f"{whole} {num}/{den}" if whole else f"{num}/{den}"
        if fen_mag or fzh_mag:  # 1 1/2 million: a number, no longer a fraction
            word = fen_mag or fzh_mag
            f = _FACTORS[word] if word in _FACTORS else _FACTORS[word.lower()]
            v = _integral(_DIV.multiply(value, f).normalize(_DIV))
            return ParsedNumber(v, Decimal(0), f, _plain(value))
        return ParsedNumber(value.normalize(_DIV) if value != value.to_integral_value() else value,
                            Decimal(0), _ONE, ("-" if sign in ("-", "\u2212") else "") + written, "fraction")
    digits = _coefficient(sign, int_digits, frac)
    coeff = Decimal(digits)
    half = Decimal((0, (5,), -len(frac) - 1)) if frac else _HALF
    exp = exp1 if exp1 is not None else exp2
    if exp is not None:
        factor = Decimal(1).scaleb(int(exp.replace("\u2212", "-")), _CTX)
    elif suffix is not None:
        factor = _SUFFIXES[suffix]
    elif en_mag or zh_mag:
        word = en_mag or zh_mag
        factor = _FACTORS[word] if word in _FACTORS else _FACTORS[word.lower()]
    else:
        factor = _ONE
    value = _integral(_CTX.multiply(coeff, factor))
    return ParsedNumber(value, _integral(_CTX.multiply(half, factor)), factor, digits)


# --------------------------------------------------------------------------------------------
# Chinese numerals (positional, digit-by-digit, decimals, mixed with Arabic digits)
# --------------------------------------------------------------------------------------------

def _symbol(ch: str) -> tuple[str, Decimal | None]:
    if "0" <= ch <= "9":
        return "adigit", Decimal(ord(ch) - 48)  # an Arabic digit inside a Chinese numeral (4亿5000万)
    entry = _NUMERALS.get(ch)
    if entry is None:
        return "", None
    return entry.kind, entry.value


def _symbols_of(token: str) -> list[tuple[str, Decimal | None]]:
    """(kind, value) per symbol; multi-character symbols (万万) first."""
    out: list[tuple[str, Decimal | None]] = []
    i = 0
    while i < len(token):
        pair = token[i:i + 2]
        if pair in _MULTI:
            out.append((_MULTI[pair].kind, _MULTI[pair].value))
            i += 2
        else:
            out.append(_symbol(token[i]))
            i += 1
    return out


def _parse_cn(token: str) -> ParsedNumber | None:
    """Chinese (or mixed Chinese/Arabic) numeral -> ParsedNumber, or None."""
    negative = False
    if token and _symbol(token[0])[0] == "sign":
        negative, token = True, token[1:]
    elif token.startswith(_MULTI_SIGNS):
        sign = next(s for s in _MULTI_SIGNS if token.startswith(s))
        negative, token = True, token[len(sign):]
        if token and "0" <= token[0] <= "9":  # 零下4, 零下4.5
            m = _FAST.fullmatch(token)
            if m is None:
                return None
            p = _from_fast(m)
            return ParsedNumber(-p.value, p.precision, p.magnitude, "-" + p.digits)
    if token in _HALVES:  # 半 (the extractor asks for a unit after it)
        return ParsedNumber(_HALVES[token], Decimal(0), _ONE, format(_HALVES[token], "f"))
    syms = _symbols_of(token)
    if not syms or any(kind in ("", "sign") for kind, _v in syms):
        return None
    # The magnitude is the trailing run of big units (亿, 万亿); it must grow (亿亿, 亿万 are not).
    end = len(syms)
    while end > 0 and syms[end - 1][0] == "big":
        end -= 1
    trailing = _stack_bigs([v for _k, v in syms[end:]])  # type: ignore[misc]
    if trailing is None:
        return None
    if syms[0][0] == "unit" and syms[0][1] is not None and syms[0][1] >= 100 and end == 1 < len(syms):
        syms = [("digit", _ONE), *syms]  # a magnitude alone: 百万亿 = 一百万亿, 千亿 = 一千亿
        end += 1
    elif _by_cn2an(token):
        value = _cn2an_int(token)
        if value is not None:
            return _from_int(value, token, end, len(syms), trailing, negative)
    points = [i for i, (k, _v) in enumerate(syms) if k == "point"]
    if len(points) > 1:
        return None
    if points:  # 一点五七, 五四二点五亿, 五.四五
        p = points[0]
        frac = syms[p + 1:end]
        if p == 0 or not frac or any(k not in ("digit", "adigit") for k, _v in frac):
            return None
        if trailing != _ONE and any(k == "big" for k, _v in syms[:p]):
            return None  # 三万二点五亿
        head = _positional(syms[:p])
        if head is None:
            return None
        frac_digits = "".join(str(v) for _k, v in frac)
        coeff = Decimal(f"{head[0]}.{frac_digits}")
        place = Decimal((0, (1,), -len(frac_digits)))
    else:  # parse all of it, then split the magnitude off
        head = _positional(syms)
        if head is None:
            return None
        t = int(trailing)  # the value ends in this big unit, so both divisions are exact
        coeff = Decimal(head[0] // t)
        place = Decimal(int(head[1]) // t)
    if negative:
        coeff = -coeff
    value = _integral(_CTX.multiply(coeff, trailing))
    precision = _integral(_CTX.multiply(_CTX.multiply(place, _HALF), trailing).normalize(_CTX))
    return ParsedNumber(value, precision, trailing, format(coeff, "f"))


# ---- cn2an for the common forms ---------------------------------------------------------------

def _cn2an_map() -> dict[str, str]:
    """numerals.csv symbol -> the character cn2an's strict mode reads (两 -> 二, 萬 -> 万, 伍 -> 五):
    only plain digits, 十百千 and 万亿; every other symbol keeps a token away from cn2an."""
    out: dict[str, str] = {}
    plain = {Decimal(i): c for i, c in enumerate("零一二三四五六七八九")}
    plain.update({Decimal(10): "十", Decimal(100): "百", Decimal(1000): "千", Decimal(10000): "万", Decimal(10**8): "亿"})
    for sym, n in _NUMERALS.items():
        if len(sym) != 1 or n.value is None or sym in "〇○":
            continue
        if n.kind in ("digit", "unit") or (n.kind == "big" and n.value in (Decimal(10000), Decimal(10**8))):
            out[sym] = plain[n.value]
    return out


_CN2AN_MAP = _cn2an_map()
_CN2AN_TABLE = str.maketrans(_CN2AN_MAP)
#: cn2an (strict) misreads a section that starts with 十 after 万/亿 (十亿十九万 -> 1000090000) and
#: accepts 零 before a unit (一万零百): these keep to factlib's grammar, which reads or rejects them
_CN2AN_AVOID = re.compile("[万亿][十]|零[十百千万亿]")


def _by_cn2an(token: str) -> bool:
    """Is ``token`` one for cn2an: every symbol a plain digit, 十百千 or 万/亿 (in any script or
    style), at least one unit among them, none of the shapes cn2an gets wrong?"""
    if not all(c in _CN2AN_MAP for c in token):
        return False
    plain = token.translate(_CN2AN_TABLE)
    if not any(c in "十百千万亿" for c in plain):
        return False  # digit by digit (二〇二四, 五四二): strict cn2an rejects it, normal misreads sections
    return _CN2AN_AVOID.search(plain) is None


_cn2an_convert = None


def _cn2an_function():
    """``cn2an.cn2an``, imported on first use (the import costs ~0.5 s; English text never needs it)."""
    global _cn2an_convert
    if _cn2an_convert is None:
        from factlib.vocab.cache import import_reading_cache

        _cn2an_convert = import_reading_cache("cn2an").cn2an  # its patterns' code from the cache
    return _cn2an_convert


@lru_cache(maxsize=65536)
def _cn2an_int(token: str) -> int | None:
    """cn2an's strict reading of ``token`` (an integer), ``None`` when it rejects it.

    The readings are also kept in the cache folder (:func:`factlib.vocab.cache.shelf`, keyed by
    cn2an's code): a later process reads a numeral cn2an has read before instead of importing
    cn2an again (its import compiles regexes: a tenth to a quarter of a second).  Only cn2an's
    answers are kept; everything else about a number is parsed afresh (microseconds)."""
    plain = token.translate(_CN2AN_TABLE)
    shelf = _cn2an_shelf()
    if shelf is not None:
        stored = shelf.table().get(plain, _MISSING)
        if stored is None or type(stored) is int:
            return stored
    try:
        convert = _cn2an_function()
    except Exception:  # cn2an could not be imported: no reading, and nothing kept as cn2an's answer
        return None
    try:
        value = convert(plain, "strict")
    except Exception:  # cn2an raises ValueError/KeyError on forms it does not read
        value = None
    value = value if isinstance(value, int) and not isinstance(value, bool) else None
    if shelf is not None:
        shelf.put(plain, value)
    return value


_MISSING = object()
_SHELF: list = []


def _cn2an_shelf():
    """The cache folder's store of cn2an readings (None when the cache is off), keyed by cn2an's
    code and that of the package it preprocesses with."""
    if not _SHELF:
        import hashlib
        from importlib.util import find_spec
        from pathlib import Path

        from factlib.vocab.cache import shelf

        h = hashlib.sha1(b"cn2an strict readings 1")
        for name in ("cn2an", "proces"):
            spec = find_spec(name)
            if spec is not None and spec.origin:
                for path in sorted(Path(spec.origin).parent.rglob("*.py")):
                    h.update(path.name.encode() + path.read_bytes())
        _SHELF.append(shelf("cn2an", h.hexdigest(), limit=65536))
    return _SHELF[0]


def _from_int(value: int, token: str, end: int, n_syms: int, trailing: Decimal, negative: bool) -> ParsedNumber | None:
    """ParsedNumber of an integer read by cn2an: the place of the last stated digit is the
    largest power of ten dividing the value (一百二十万 -> 10^5: it ends in a unit, and a digit
    closes a section only when it is the ones digit)."""
    if value <= 0:
        return None if value < 0 else ParsedNumber(Decimal(0), _HALF, _ONE, "0")
    t = int(trailing)
    if value % t:
        return None
    place = 1
    while value % (place * 10) == 0:
        place *= 10
    coeff = value // t
    if negative:
        coeff = -coeff
    v = _integral(_CTX.multiply(Decimal(coeff), trailing))
    precision = _integral(_CTX.multiply(Decimal(place), _HALF).normalize(_CTX))
    return ParsedNumber(v, precision, trailing, str(coeff))


def _stack_bigs(units: list[Decimal]) -> Decimal | None:
    """万亿 -> 1E12; an empty stack is 1. A stack must grow (万亿 yes; 亿万, 亿亿 no)."""
    total = _ONE
    prev = Decimal(0)
    for u in units:
        if u <= prev:
            return None
        total *= u
        prev = u
    return total


class _Section:
    """State of the myriad section being read (the part below the next 万/亿)."""

    __slots__ = ("value", "place", "unit", "run", "zero_gap", "chinese_run")

    def __init__(self) -> None:
        self.value = 0  # value of the section so far
        self.place = 0  # place of its last stated digit (0 = none yet)
        self.unit = 0  # last small unit (10/100/1000) read in it (0 = none)
        self.run: list[int] = []  # digits not yet placed (二〇三五 is a run of four)
        self.zero_gap = False  # a placeholder 零 was read (一百零一)
        self.chinese_run = False  # the run has Chinese digits (not only Arabic ones)


def _flush(sec: _Section, items: list[tuple[int, int, int]], last: bool = True) -> bool:
    """Place the pending digit run of ``sec``; False when it cannot be placed.  ``last``: no big
    unit follows the run (一亿五 abbreviates 一亿五千万; in 3亿2万 the 2 is a count of 万)."""
    run = sec.run
    if not run:
        return True
    if len(run) == 1 and not sec.zero_gap and (sec.unit or (not sec.value and items and last)):
        # abbreviated last digit: 三千五 = 3500, 三万五 = 35000, 一亿五 = 150000000
        place = (sec.unit or items[-1][1]) // 10
        sec.value += run[0] * place
        sec.place = place
    elif sec.unit and len(run) > 1:
        return False  # 一百二三
    elif items and sec.chinese_run and not sec.zero_gap and len(run) != 4:
        return False  # after 万/亿 a section written digit by digit has four digits: 三萬八○六六
    else:  # literal run: 二〇三五, 三万八○六六, 一百零一
        sec.value += int("".join(map(str, run)))
        sec.place = 1
    sec.run = []
    sec.zero_gap = False
    sec.chinese_run = False
    return True


def _positional(syms: list[tuple[str, Decimal | None]]) -> tuple[int, Decimal] | None:
    """Integer value and place of the last stated digit of a numeral without a point.

    Handles 一百二十万, 二百九十七亿九千六百万, 一百零一, 十三, 两千, 二〇三五 (digit by digit),
    三万五 / 一亿五 / 三千五 (abbreviated last digit), 三万八○六六, 4亿5000万, 廿三, 一万亿.
    """
    items: list[tuple[int, int, int]] = []  # closed sections: (amount, big unit, place)
    sec = _Section()
    for kind, value in syms:
        if value is None:
            return None
        v = int(value)
        if kind in ("digit", "adigit"):
            if v == 0 and not sec.run and (sec.unit or items) and kind == "digit":
                sec.zero_gap = True  # placeholder 零
            else:
                sec.run.append(v)
                sec.chinese_run = sec.chinese_run or kind == "digit"
        elif kind in ("unit", "tens"):
            digit, unit = (v // 10, 10) if kind == "tens" else (None, v)
            if sec.unit and unit >= sec.unit:
                return None  # 一十百
            if digit is not None:  # 廿 = 二十
                if sec.run:
                    return None
            elif len(sec.run) == 1:
                digit = sec.run[0]
            elif not sec.run and unit == 10:
                digit = 1  # 十三, 一百十
            else:
                return None  # 二三十 (a vague range), 百 / 千 without a digit
            if digit == 0:
                return None
            sec.value += digit * unit
            sec.place = sec.unit = unit
            sec.run = []
            sec.zero_gap = False
            sec.chinese_run = False
        elif kind == "big":
            if not _flush(sec, items, last=False):
                return None
            cur, place = sec.value, sec.place
            while items and items[-1][1] < v:  # stacking: 一万亿, 三千五百万亿
                amount, _u, p = items.pop()
                cur += amount
                place = min(place, p) if place else p
            if not cur:
                return None  # 万, 零亿
            if items and (items[-1][1] == v or cur >= items[-1][1] // v):
                return None  # 亿亿, 一亿二万万: a lower section must stay below the unit above
            items.append((cur * v, v, place * v))
            sec = _Section()
        else:
            return None
    if not _flush(sec, items):
        return None
    if items and sec.value >= items[-1][1]:
        return None  # 三万八〇六六六
    places = [p for _a, _u, p in items] + ([sec.place] if sec.place else [])
    if not places:
        return None
    return sec.value + sum(a for a, _u, _p in items), Decimal(min(places))
