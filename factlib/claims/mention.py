"""The extractor's working records: a number or time mention under construction, its granularity,
and the small named records passed between the stages of :mod:`factlib.claims.extract`.

All offsets are in ``doc.norm``; :mod:`factlib.claims.finish` maps them back to ``doc.text``.
"""
from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

__all__ = ["Granularity", "Mention", "TimeRef", "MetricRef", "Backref"]


class Granularity(StrEnum):
    """How finely a time mention names its period (the values are the one-letter codes of old).

    ``YEAR``, ``MONTH`` and ``DAY`` are single explicit dates (2022年, 2022年12月, 12月3日) and the
    only mentions that can be the base of a comparison (较2021年12月).  ``INTERVAL`` is a span of
    months or years (1至11月, 上半年, 2015年至2024年, 1960年代): it dates claims but is never a base.
    ``RELATIVE`` is a time word read against the document date (今年, 上月).  ``VAGUE`` is a time
    word with no period of its own (近年来, 目前): it ends the period in force, names none."""

    NONE = ""
    YEAR = "Y"
    MONTH = "M"
    DAY = "D"
    INTERVAL = "I"
    RELATIVE = "R"
    VAGUE = "V"


# the members as module constants: a global lookup is cheaper than an attribute of the class
NONE, YEAR, MONTH, DAY = Granularity.NONE, Granularity.YEAR, Granularity.MONTH, Granularity.DAY
INTERVAL, RELATIVE, VAGUE = Granularity.INTERVAL, Granularity.RELATIVE, Granularity.VAGUE
SINGLE_DATES = (YEAR, MONTH, DAY)


class Mention:
    """A claim or dated mention under construction (``s``/``e``: its span in ``norm``).

    ``is_claim`` is False for period-only mentions (11月份, 今年); ``is_time`` marks dates and
    time words; ``is_base`` a time mention after 较/比/'from' (the base of a comparison);
    ``clause`` the mention's clause within its sentence; ``period_end`` how far its period reaches
    (2024年上半年 dates through 上半年 while the claim surface ends at 年); ``sentence`` the index of
    the sentence it stands in (set when its claim is built); ``base_period`` the period of the explicit
    base of a change (较2021年12月)."""

    __slots__ = ("s", "e", "value", "low", "high", "precision", "qualifier", "kind", "unit",
                 "unit_surface", "direction", "period", "basis", "is_claim", "is_time", "is_base",
                 "metric", "gran", "clause", "period_end", "sentence", "base_period")

    def __init__(self, s: int, e: int):
        self.s, self.e = s, e
        self.value = self.low = self.high = self.precision = None
        self.qualifier = "exact"
        self.kind = "other"
        self.unit = self.unit_surface = self.direction = ""
        self.period = self.base_period = ""
        self.basis = "none"
        self.is_claim = True
        self.is_time = False
        self.is_base = False
        self.metric = ""
        self.gran = NONE
        self.clause = 0
        self.period_end = e
        self.sentence = -1

    def set_point(self, value: Decimal, precision: Decimal) -> None:
        """An exact value: the interval is the value itself."""
        self.value = self.low = self.high = value
        self.precision = precision


class TimeRef(NamedTuple):
    """The period in force while a sentence is read: what dates the claims that follow."""

    period: str
    basis: str
    clause: int


class MetricRef(NamedTuple):
    """The metric named last in a sentence, inherited by a number that names none
    (``source`` is ``"backref"`` when it came from a back-reference clause)."""

    text: str
    source: str | None


class Backref(NamedTuple):
    """A clause that names the metric of the numbers before it (这是截至2022年12月我国网民规模)."""

    start: int
    span: tuple[int, int]
    dated: Mention | None
