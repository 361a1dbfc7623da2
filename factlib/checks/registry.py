"""The one list of checks.  A check is a small function ``(ctx: CheckContext) -> DataFrame`` that
returns partial findings (see ``factlib.checks.findings.FINDING_COLUMNS``); it is registered under a
stable name.  Users add their own without touching the engine:

>>> from factlib.checks import register_check
>>> @register_check("my_check", layout="metric")                 # doctest: +SKIP
... def my_check(ctx):
...     return ctx.empty_findings()

``layout`` says which claims must meet in one partition when the check runs on the Dask engine
(:class:`Layout`); a check without one runs on pandas only.

or pass ``checks=[my_function, "reference"]`` to ``factlib.check``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace as _replace
from enum import StrEnum

import pandas as pd

__all__ = ["Check", "CheckRegistry", "Layout", "REGISTRY", "register_check"]

CheckFunc = Callable[["object"], pd.DataFrame]


class Layout(StrEnum):
    """How a check's claims are grouped on the Dask engine (which rows meet in one partition)."""

    DOCUMENT = "document"  # no shuffle: a partition holds whole documents (reference, temporal)
    METRIC = "metric"      # claims with a metric, period and comparable number, by metric_key
    PERIOD = "period"      # level claims with a metric and period, by period key (part_whole)
    DERIVED = "derived"    # comparators by metric_key + each change sentence copied to its metrics
    PAIRS = "pairs"        # the claims of each zh/en document pair together (translation)


def _layout(value: str | None) -> Layout | None:
    if value is None:
        return None
    try:
        return Layout(value)
    except ValueError:
        raise ValueError(f"unknown layout {value!r}; choose from {', '.join(Layout)}") from None


@dataclass(frozen=True)
class Check:
    """A registered check: its stable name, the function, a one-line description, its Dask layout."""

    name: str
    func: CheckFunc
    description: str = ""
    layout: Layout | None = None

    def __call__(self, ctx) -> pd.DataFrame:
        return self.func(ctx)


class CheckRegistry:
    """An ordered name -> Check table."""

    def __init__(self) -> None:
        self._checks: dict[str, Check] = {}

    def register(self, name: str, func: CheckFunc | None = None, *, description: str = "", replace: bool = False,
                 layout: str | None = None):
        """Register ``func`` as ``name`` (usable as a decorator when ``func`` is omitted); ``layout``
        (a :class:`Layout` name) lets it run on the Dask engine."""
        grouping = _layout(layout)

        def add(f: CheckFunc) -> CheckFunc:
            if name in self._checks and not replace:
                raise ValueError(f"a check named {name!r} is already registered")
            lines = (f.__doc__ or "").strip().splitlines()
            doc = description or (lines[0] if lines else "")
            self._checks[name] = Check(name, f, doc, grouping)
            return f

        return add(func) if func is not None else add

    def set_layout(self, name: str, layout: str) -> None:
        """Give the registered check ``name`` a Dask layout."""
        self._checks[name] = _replace(self.get(name), layout=_layout(layout))

    def unregister(self, name: str) -> None:
        self._checks.pop(name, None)

    def get(self, name: str) -> Check:
        try:
            return self._checks[name]
        except KeyError:
            raise KeyError(f"no check named {name!r}; registered: {', '.join(self._checks)}") from None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._checks)

    def __iter__(self) -> Iterator[Check]:
        return iter(list(self._checks.values()))

    def __contains__(self, name: object) -> bool:
        return name in self._checks

    def resolve(self, checks: Iterable[str | Check | CheckFunc] | None) -> list[Check]:
        """Turn names, Check objects or bare functions into Checks (None: every registered check)."""
        if checks is None:
            return list(self)
        out = []
        for item in checks:
            if isinstance(item, Check):
                out.append(item)
            elif isinstance(item, str):
                out.append(self.get(item))
            elif callable(item):
                out.append(Check(getattr(item, "__name__", "custom"), item))
            else:
                raise TypeError(f"not a check: {item!r}")
        return out


#: the registry ``factlib.check`` uses by default
REGISTRY = CheckRegistry()


def register_check(name: str, *, description: str = "", replace: bool = False, layout: str | None = None):
    """Decorator: register a check function in the default registry under ``name`` (with its Dask
    ``layout``: document, metric, period, derived or pairs)."""
    return REGISTRY.register(name, description=description, replace=replace, layout=layout)
