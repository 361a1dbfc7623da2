"""Document dates: from front-matter values, or from a dateline near the top of the text."""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

__all__ = ["parse_date", "find_dateline"]

_ISO = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_LABEL = re.compile(
    r"(?:时间|時間|日期|发布时间|發布時間|发布日期|發布日期|发表时间|發表時間|Date|Published)\s*[:：]?\s*"
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})",
    re.I,
)


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(value) -> dt.date | None:
    """A date from a front-matter value: date/datetime objects, ISO strings, RFC 2822
    (``Mon, 27 Sep 2021 06:23:00 GMT``), ``2024年11月20日``.  ``None`` when unreadable."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if not s:
        return None
    m = _ISO.search(s)
    if m and m.start() < 3:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        return None


def find_dateline(text: str, head_chars: int = 3000) -> dt.date | None:
    """A labelled dateline (``時間:2023-07-15``, ``发布时间：2024年1月2日``) near the top."""
    m = _LABEL.search(text[:head_chars])
    if not m:
        return None
    return _make(int(m[1]), int(m[2]), int(m[3]))
