"""Document dates: from front-matter values, or from a dateline near the top of the text."""
from __future__ import annotations

import datetime as dt
import re

__all__ = ["MAX_YEAR", "MIN_YEAR", "find_dateline", "in_range", "parse_date"]

#: the years a document date (and any period resolved against it) may have; anything else is
#: a typo or an attack, never clamped into range
MIN_YEAR, MAX_YEAR = 1000, 2999

_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_LABEL = re.compile(
    r"(?:时间|時間|日期|发布时间|發布時間|发布日期|發布日期|发表时间|發表時間|Date|Published)\s*[:：]?\s*"
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)",
    re.I,
)


def in_range(year: int) -> bool:
    """True for a year factlib accepts (:data:`MIN_YEAR` … :data:`MAX_YEAR`)."""
    return MIN_YEAR <= year <= MAX_YEAR


def _make(y: int, m: int, d: int) -> dt.date | None:
    if not in_range(y):
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _checked(d: dt.date) -> dt.date | None:
    return d if in_range(d.year) else None


def parse_date(value) -> dt.date | None:
    """A date from a front-matter value: date/datetime objects, ISO strings, RFC 2822
    (``Mon, 27 Sep 2021 06:23:00 GMT``), ``2024年11月20日``.  ``None`` when unreadable, impossible
    (``2021-13-45``, minute 60) or outside the years :data:`MIN_YEAR`–:data:`MAX_YEAR`."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.date())
    if isinstance(value, dt.date):
        return _checked(value)
    s = str(value).strip()
    if not s or len(s) > 100:
        return None
    m = _ISO.search(s)
    if m and m.start() < 3:
        date = _make(int(m[1]), int(m[2]), int(m[3]))
        return date if date is not None and _time_ok(s[m.end():]) else None
    from email.utils import parsedate_to_datetime  # (imported when a date is not ISO: not at start-up)

    try:
        return _checked(parsedate_to_datetime(s).date())
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return _checked(dt.datetime.fromisoformat(s).date())
    except (ValueError, OverflowError):
        return None


_TIME = re.compile(r"[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _time_ok(rest: str) -> bool:
    """False when a time follows the date and is impossible (hour 24+, minute 60+, second 61+)."""
    m = _TIME.match(rest)
    if not m:
        return True
    return int(m[1]) < 24 and int(m[2]) < 60 and (m[3] is None or int(m[3]) < 61)


def find_dateline(text: str, head_chars: int = 3000) -> dt.date | None:
    """A labelled dateline (``時間:2023-07-15``, ``发布时间：2024年1月2日``) near the top."""
    m = _LABEL.search(text[:head_chars])
    if not m:
        return None
    return _make(int(m[1]), int(m[2]), int(m[3]))
