"""Calendar words and numeral digits from the vocabulary tables: English month names
(``data/months.csv``) and the Chinese digit characters (``data/numerals.csv``, kind ``digit``,
lower-case style), for the modules that read dates without the full number grammar.

>>> EN_MONTHS["sept"], EN_MONTH_NAMES[0], CN_DIGIT_VALUES["〇"]
(9, 'january', 0)
"""
from __future__ import annotations

from factlib.vocab.tables import TableError, read_table

__all__ = ["EN_MONTHS", "EN_MONTH_NAMES", "CN_DIGIT_VALUES"]


def _months() -> tuple[dict[str, int], tuple[str, ...]]:
    rows = read_table("months", required=("word", "month", "form"), key=("word",))
    words = {r["word"]: int(r["month"]) for r in rows}
    names = sorted((int(r["month"]), r["word"]) for r in rows if r["form"] == "name")
    if [m for m, _ in names] != list(range(1, 13)):
        raise TableError("months: need exactly one full name for each month 1-12")
    return words, tuple(w for _, w in names)


#: month word (full name or abbreviation, lower case) -> month number
EN_MONTHS, EN_MONTH_NAMES = _months()
#: Chinese digit character (lower-case style: 零 〇 ○ 一 … 九, 两) -> its value
CN_DIGIT_VALUES: dict[str, int] = {
    r["symbol"]: int(r["value"]) for r in read_table("numerals", required=("symbol", "kind", "value", "style"))
    if r["kind"] == "digit" and r["style"] == "lower"
}
