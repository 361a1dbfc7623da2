"""Level or change: what a numeric claim says about its metric (issue 12).

``change_of`` maps the extractor's kind and direction to ``claims.record.CHANGES``:

>>> change_of("growth_rate", "up"), change_of("pp_change", "down"), change_of("count", "down")
('rel_change', 'pp_change', 'abs_change')
>>> change_of("count", ""), change_of("year", "")
('level', '')
"""
from __future__ import annotations

__all__ = ["change_of"]

_LEVEL_KINDS = frozenset(("count", "amount", "percent", "fraction", "other"))


def change_of(kind: str, direction: str) -> str:
    """``level`` | ``abs_change`` | ``rel_change`` | ``pp_change``; '' for years, dates, ordinals,
    ranks and durations (neither a level nor a change of a metric)."""
    if kind == "growth_rate":
        return "rel_change"
    if kind == "pp_change":
        return "pp_change"
    if kind == "multiple":
        return "rel_change" if direction else "level"  # 增长1.2倍 vs 是…的3倍
    if kind in _LEVEL_KINDS:
        return "abs_change" if direction else "level"
    return ""
