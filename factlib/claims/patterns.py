"""The extractor's fixed patterns and character sets (the ones not generated from a vocabulary
table): range separators, clause delimiters, month and day numbers, English dates, shares."""
from __future__ import annotations

from factlib.claims import numbers
from factlib.vocab.calendar import CN_DIGIT_VALUES, EN_MONTHS
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

CN_SMALL = CN_DIGIT_VALUES  # 〇/○/零 … 九 -> 0..9 (data/numerals.csv)
CN_DIGITS = "".join(CN_DIGIT_VALUES)
# first characters of Chinese numerals (the number grammar's, traditional and financial forms too)
CN_BARE = numbers.chinese_initials()

RANGE_WORDS = "至到~-—–－"
RANGE_SEP = re.compile(f" ?[{re.escape(RANGE_WORDS)}] ?| to ")
RANGE_FIRST = frozenset(RANGE_WORDS + " ")  # the characters a RANGE_SEP match can start with

CLAUSE_ZH_CHARS = ",;:!?。"
CLAUSE_ZH = re.compile(f"[{re.escape(CLAUSE_ZH_CHARS)}]")
CLAUSE_EN = re.compile(r"[,;:!?()\n]|\. | -- | — ")
TERMINAL = "。!?;…"

MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
DAY = (r"3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
       r"|[一二三四五六七八九]")
_EN_MONTH_ALT = "|".join(sorted((m.capitalize() for m in EN_MONTHS), key=lambda w: (-len(w), w)))
EN_DATE = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_EN_MONTH_ALT})\.? (?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])"
    rf"(?:, (?P<year>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9]))?"
    # 29 September 1918, 10 September (the year from the document date, as for March 3)
    rf"|(?<![0-9.,])(?P<day2>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)? (?:of )?(?P<mon2>{_EN_MONTH_ALT})"
    rf"(?:\.?,? (?P<year2>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9])|(?![A-Za-z0-9]))"
    rf"|(?<![A-Za-z])(?P<mon3>{_EN_MONTH_ALT})\.?,? (?P<year3>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9])"
)
MONTH_AFTER = re.compile(rf" ?(?:{MONTH}) ?月")  # 112年3月: an ROC year before a month
_EN_SMALL = "|".join(numbers.english_number_words())
# 'one in three adults', '2 out of 5': a share written as a count of a count
EN_SHARE = re.compile(rf"(?<![A-Za-z0-9.,])(?P<a>{_EN_SMALL}|[0-9]{{1,3}}) (?:in|out of) (?:every )?"
                      rf"(?P<b>{_EN_SMALL}|[0-9]{{1,4}})(?![A-Za-z0-9%.,])", re.I)
CIRCLED = re.compile("[\u2460-\u24ff\u2776-\u2793]")
#: a number written with spaces between its digits (1 9 9 7 年); at most 40 digits are read, and a
#: longer run is no number (``'1 ' * 16000`` matched to its end from every digit: quadratic)
SPACED = re.compile(r"[0-9](?: [0-9]){1,39}(?P<more> [0-9])?")
GROWTH_AFTER_ZH = re.compile(r"的?(?:增幅|增速|增长|涨幅|升幅|跌幅|降幅|成长)")
EN_RATE_AFTER = re.compile(r"\s*(?:[a-z-]+\s+){0,1}(?:growth|increase|rise|decline|drop|gain|jump)\b")


def small_cn(s: str) -> int | None:
    """Month/day numbers: '12', '十二', '二十八', '廿三', '〇八'."""
    if s.isdigit():
        return int(s)
    if s.startswith("廿"):
        return 20 + (CN_SMALL.get(s[1:], 0) if len(s) > 1 else 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN_SMALL.get(a, 0) if a else 1) * 10 + (CN_SMALL.get(b, 0) if b else 0)
    v = 0
    for ch in s:
        if ch not in CN_SMALL:
            return None
        v = v * 10 + CN_SMALL[ch]
    return v
