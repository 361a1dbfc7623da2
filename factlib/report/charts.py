"""matplotlib charts for the reports, with Chinese labels that render on a fresh machine.

Every chart is built inside :func:`chart_context`, which puts the packaged Noto Sans
CJK font (see :mod:`factlib.report.fonts`) first in the font list; text objects keep
that concrete family list, so the figure renders correctly later too (inline backend,
``savefig``).  Functions return the ``Figure`` and never call ``plt.show``;
:func:`show` displays a figure in a notebook and closes it, :func:`save_png` writes one.

Periods are ISO 8601 strings from the claims table (``2022``, ``2022-12``,
``2023-05-22``, intervals ``2024-01/2024-08``); :func:`period_span` turns them into
dates.  A point is drawn in the *middle* of its period (``2022`` at 2022-07-02,
``2022-12`` at 2022-12-16), claims and official figures alike, so a year's value sits
under its year's label.
"""
from __future__ import annotations

import calendar
import contextlib
import math
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from factlib.report.fonts import register_cjk_fonts
from factlib.report.rows import records

__all__ = [
    "LEVEL_KINDS",
    "Timeline",
    "chart_context",
    "claims_by_kind_chart",
    "findings_by_verdict_chart",
    "magnitude_label",
    "metric_timeline",
    "period_end",
    "period_mid",
    "period_span",
    "save_png",
    "show",
]

#: Claim kinds that state a level of the metric (plotted on its timeline); changes,
#: ranks, ordinals and dates are listed under the chart instead.
LEVEL_KINDS = frozenset({"count", "amount", "percent", "fraction", "other"})

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
#: a colour per verdict (the order of the bars is ``factlib.checks.verdicts.ORDER``)
VERDICT_COLOURS = {
    "contradicted": "#d62728",
    "needs_review": "#ff9f1c",
    "unverifiable": "#9e9e9e",
    "consistent": "#2ca02c",
}


@contextlib.contextmanager
def chart_context() -> Iterator[None]:
    """matplotlib rc settings with a CJK font first (and the Agg-safe defaults)."""
    import matplotlib

    families = [*register_cjk_fonts(), "DejaVu Sans"]
    with matplotlib.rc_context({"font.family": families, "figure.dpi": 100, "savefig.dpi": 110}):
        yield


#: where a chart's title sits (axes fraction), given explicitly: matplotlib then skips placing it
#: anew at every drawing (bounding boxes of the x axis and the y axis's offset text, 10–15 % of a
#: timeline's rendering), which would leave it at 1.0 anyway, since these charts have nothing above
#: their axes (x ticks below, y tick labels by :func:`magnitude_label` or names: no offset text)
TITLE_Y = 1.0

#: figures laid out with fixed margins (:func:`metric_timeline`): saved as they are, in one
#: drawing pass; any other figure is cut to what it draws (``bbox_inches="tight"``: a second pass)
_FIXED_LAYOUT: "weakref.WeakSet[Any]" = weakref.WeakSet()


#: zlib level of the PNG files: the same pixels as the default (6), 10 % larger, written in a
#: third of the time (compression was a third of a timeline's rendering); SVG was no faster,
#: larger, and would draw the CJK labels as paths
PNG_COMPRESSION = 1
#: zlib strategy of the PNG files: run-length (``Z_RLE``): a chart is mostly runs of one colour,
#: so the files are as small (±5 %) and the compression takes half the time of the default strategy
PNG_STRATEGY = 3


def _save_kwargs(fig: Any) -> dict[str, Any]:
    """``savefig`` options of a chart (the PNG encoding is :func:`_encode_png`'s)."""
    return {} if fig in _FIXED_LAYOUT else {"bbox_inches": "tight"}


def _encode_png(fig: Any, out: Any) -> None:
    """Draw ``fig`` as ``savefig(format="png")`` would (same size, resolution, margins) and write
    the PNG to ``out`` (a path or a binary file).  matplotlib hands Pillow RGBA pixels always;
    a chart is opaque (every alpha 255), so its pixels are written as RGB: the same picture
    (the same RGBA when decoded), a quarter fewer bytes to compress.  A figure with any
    transparent pixel keeps its alpha channel."""
    import io

    import matplotlib
    from PIL import Image, PngImagePlugin

    kwargs = _save_kwargs(fig)
    raw = io.BytesIO()
    with _ticks_located_once(fig), _fonts_found_once():
        fig.savefig(raw, format="rgba", **kwargs)
    data = raw.getvalue()
    renderer = getattr(fig.canvas, "renderer", None)  # the renderer that drew it (its size)
    size = (int(renderer.width), int(renderer.height)) if renderer is not None else (0, 0)
    if size[0] * size[1] * 4 != len(data):  # not drawn by Agg as expected: matplotlib's own PNG
        fig.savefig(out, format="png", pil_kwargs={"compress_level": PNG_COMPRESSION}, **kwargs)
        return
    image = Image.frombuffer("RGBA", size, data, "raw", "RGBA", 0, 1)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    info = PngImagePlugin.PngInfo()  # what matplotlib's PNG carries: its name and the resolution
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/")
    dpi = fig.dpi if matplotlib.rcParams["savefig.dpi"] == "figure" else matplotlib.rcParams["savefig.dpi"]
    image.save(out, format="png", pnginfo=info, dpi=(dpi, dpi), compress_level=PNG_COMPRESSION,
               compress_type=PNG_STRATEGY)


@contextlib.contextmanager
def _ticks_located_once(fig: Any) -> Iterator[None]:
    """While a fixed-layout figure (:data:`_FIXED_LAYOUT`) is drawn once, its axes' major ticks sit
    where their own locators put them, asked once: matplotlib asks each locator three times in one
    drawing (for the ticks, then twice to place the axis labels beside them), and a date axis's
    ``AutoDateLocator`` computes its rule anew each time (7 % of a timeline's PNG).  The locators'
    answer depends only on the view limits and the axes' size in points, which the drawing does not
    change, so the pixels are the same; the figure's own locators are back afterwards (a user who
    zooms or sets limits later gets ticks located anew).  Other figures are drawn as they are."""
    if fig not in _FIXED_LAYOUT:
        yield
        return
    from matplotlib.ticker import FixedLocator

    saved = []
    try:
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                locator = axis.get_major_locator()
                if isinstance(locator, FixedLocator):
                    continue
                saved.append((axis, locator, axis.get_major_formatter(), axis.isDefault_majloc))
                axis.set_major_locator(FixedLocator(locator()))
        yield
    finally:
        for axis, locator, formatter, default in reversed(saved):
            axis.set_major_locator(locator)
            axis.set_major_formatter(formatter)
            axis.isDefault_majloc = default


@contextlib.contextmanager
def _fonts_found_once() -> Iterator[None]:
    """While a figure is drawn, the font files for one set of font properties are looked up once.

    Agg asks matplotlib's font manager for the files of a text's font properties at every measure
    and every drawing of every text (``_find_fonts_by_props``: a ``findfont`` per family of the
    CJK-first family list, each hashing the properties and the font rc settings anew), about a
    hundred times for a timeline with a handful of distinct properties.  The answer depends only
    on the properties and the rc settings, which do not change while the figure is drawn, so the
    same files (the same pixels) come from a lookup table for the drawing's duration; the font
    manager's own method is back afterwards."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if "_find_fonts_by_props" in vars(manager):  # nested: the outer drawing's table serves
        yield
        return
    find = manager._find_fonts_by_props
    found: dict[Any, Any] = {}

    def find_once(prop: Any, *args: Any, **kwargs: Any) -> Any:
        key = (prop if isinstance(prop, str) else prop.copy(), args, tuple(sorted(kwargs.items())))
        try:
            return found[key]
        except KeyError:
            paths = found[key] = find(prop, *args, **kwargs)
            return paths
        except TypeError:  # unhashable arguments: looked up as usual
            return find(prop, *args, **kwargs)

    manager._find_fonts_by_props = find_once
    try:
        yield
    finally:
        del manager._find_fonts_by_props


def _png(fig: Any) -> bytes:
    import io

    buf = io.BytesIO()
    with chart_context():
        _encode_png(fig, buf)
    return buf.getvalue()


def _register_png_formatter() -> None:
    """Let IPython show a factlib figure (made without pyplot) as PNG, exactly once."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is not None:
        from matplotlib.figure import Figure

        ip.display_formatter.formatters["image/png"].for_type(Figure, _png)


def _subplots(figsize: tuple[float, float]) -> tuple[Any, Any]:
    """A figure and its axes outside pyplot: nothing to close, never shown twice by the
    notebook's inline backend, no "more than 20 figures" warning after many calls."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    _register_png_formatter()
    return fig, fig.add_subplot()


# ----------------------------------------------------------------- periods

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?$")


def _one_span(text: str) -> tuple[date, date] | None:
    m = _PERIOD.match(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    if m.group(4):  # quarter
        q = int(m.group(4))
        first, last = 3 * q - 2, 3 * q
    elif m.group(5):  # half year
        h = int(m.group(5))
        first, last = 6 * h - 5, 6 * h
    elif m.group(2):
        first = last = int(m.group(2))
        if not 1 <= first <= 12:
            return None
        if m.group(3):
            try:
                d = date(year, first, int(m.group(3)))
            except ValueError:
                return None
            return d, d
    else:
        first, last = 1, 12
    if not 1 <= year <= 9999:
        return None
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def period_span(period: Any) -> tuple[date, date] | None:
    """First and last day of an ISO period or interval ``a/b``; None when unparseable."""
    if not isinstance(period, str) or not period.strip():
        return None
    if "/" in period:
        a, _, b = period.partition("/")
        sa, sb = _one_span(a), _one_span(b)
        if sa is None or sb is None:
            return None
        return sa[0], sb[1]
    return _one_span(period)


def period_end(period: Any) -> date | None:
    """Last day of the period."""
    span = period_span(period)
    return span[1] if span else None


def period_mid(period: Any) -> date | None:
    """Middle day of the period (where its point is drawn: 2022 → 2022-07-02)."""
    span = period_span(period)
    return span[0] + (span[1] - span[0]) / 2 if span else None


def _period_shape(period: Any) -> str:
    """What kind of period an ISO string names: 'year', 'quarter', 'half', 'month', 'day',
    'year-to-date' (``2023-01/2023-06``, a running total from January) or 'interval'."""
    text = str(period or "")
    if "-Q" in text:
        return "quarter"
    if "-H" in text:
        return "half"
    if "/" in text:
        start = text.split("/", 1)[0]
        return "year-to-date" if re.fullmatch(r"\d{4}-01(?:-01)?", start) else "interval"
    return {4: "year", 7: "month", 10: "day"}.get(len(text), "other")


# ----------------------------------------------------------------- axis labels

_CN_MAGNITUDES = ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"))


def magnitude_label(value: float, unit: str = "") -> str:
    """A short tick label in Chinese magnitudes: 1067000000 → '10.67亿'."""
    if value is None or not math.isfinite(value):
        return ""
    for size, word in _CN_MAGNITUDES:
        if abs(value) >= size:
            return f"{value / size:.4g}{word}{unit}"
    return f"{value:.4g}{unit}"


def _finite(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


# ----------------------------------------------------------------- overview charts

#: documents drawn at most by :func:`claims_by_kind_chart` (the table beside it lists them all)
MAX_BARS = 30


def claims_by_kind_chart(claims: Any, *, label_column: str = "doc_id", max_bars: int = MAX_BARS):
    """Horizontal stacked bars: number of claims of each kind in each document (the ``max_bars``
    documents with the most claims when there are more; the title says so)."""
    import matplotlib

    with chart_context():
        if len(claims) == 0:
            fig, ax = _subplots((7, 1.6))
            ax.text(0.5, 0.5, "no claims / 没有数字声明", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        table = claims.groupby([label_column, "kind"]).size().unstack(fill_value=0)
        table = table.loc[:, table.sum().sort_values(ascending=False).index]
        n_docs = len(table)
        if n_docs > max_bars:  # the most claimed documents, most first
            table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_bars]]
        height = max(2.2, 0.45 * len(table) + 1.2)
        fig, ax = _subplots((9, height))
        left = [0] * len(table)
        colours = matplotlib.colormaps["tab20"].colors
        for i, kind in enumerate(table.columns):
            counts = table[kind].tolist()
            ax.barh([str(x) for x in table.index], counts, left=left, label=str(kind),
                    color=colours[i % len(colours)])
            left = [a + b for a, b in zip(left, counts)]
        ax.invert_yaxis()
        ax.set_xlabel("claims / 数字声明数")
        title = "Claims by kind and document / 各文档数字声明类型"
        if n_docs > len(table):
            title += f"\n({len(table)} of {n_docs} documents, most claims first / 数字声明最多的{len(table)}篇)"
        ax.set_title(title, y=TITLE_Y)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        # no tight_layout (a quarter of a chart's cost): the PNG is cut to what is drawn
        # (``bbox_inches="tight"``), so labels and the legend outside the axes are kept
        return fig


def findings_by_verdict_chart(findings: Any):
    """Stacked bars: findings per check, coloured by verdict."""
    import matplotlib

    from factlib.checks.verdicts import ORDER

    with chart_context():
        if len(findings) == 0:
            fig, ax = _subplots((7, 1.6))
            ax.text(0.5, 0.5, "no findings / 没有核查结果", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        table = findings.groupby(["check", "verdict"]).size().unstack(fill_value=0)
        known = [v.value for v in ORDER]
        order = [v for v in known if v in table.columns] + [v for v in table.columns if v not in known]
        table = table[order]
        fig, ax = _subplots((9, max(2.2, 0.5 * len(table) + 1.2)))
        left = [0] * len(table)
        for verdict in table.columns:
            counts = table[verdict].tolist()
            ax.barh([str(x) for x in table.index], counts, left=left, label=str(verdict),
                    color=VERDICT_COLOURS.get(str(verdict), "#1f77b4"))
            left = [a + b for a, b in zip(left, counts)]
        ax.invert_yaxis()
        ax.set_xlabel("findings / 核查结果数")
        ax.set_title("Findings by check and verdict / 核查结果", y=TITLE_Y)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        # no tight_layout (a quarter of a chart's cost): the PNG is cut to what is drawn
        # (``bbox_inches="tight"``), so labels and the legend outside the axes are kept
        return fig


# ----------------------------------------------------------------- metric timeline

@dataclass
class Timeline:
    """A metric's timeline chart and the claims it did and did not plot."""

    figure: Any
    plotted: Any      # DataFrame of the claims drawn (with x, y columns added)
    skipped: Any      # DataFrame of the metric's other claims, with a ``reason`` column
    reference: Any    # DataFrame of the official figures drawn
    unit: str | None


def _claim_point(row: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    """(y, low, high) of a claim: its value, or the midpoint of a closed interval."""
    value, low, high = _finite(row.get("value")), _finite(row.get("low")), _finite(row.get("high"))
    if value is None:
        if low is not None and high is not None:
            value = (low + high) / 2
        else:
            value = low if low is not None else high
    return value, low, high


def _split_claims(claims: Any, unit: str | None) -> tuple[list[dict], list[dict]]:
    plotted, skipped = [], []
    for row in records(claims):
        x = period_mid(row.get("period"))
        y, low, high = _claim_point(row)
        reason = None
        if row.get("kind") not in LEVEL_KINDS:
            reason = f"kind {row.get('kind')} (not a level)"
        elif unit is not None and _unit_of(row) not in (unit, None):
            # a claim with no unit word ("规模达8.45亿") is read in the metric's unit
            reason = f"unit {_unit_of(row) or '?'} ≠ {unit}"
        elif x is None:
            reason = "no period"
        elif y is None:
            reason = "no value"
        if reason:
            skipped.append({**row, "reason": reason})
        else:
            plotted.append({**row, "x": x, "y": y, "y_low": low, "y_high": high})
    return plotted, skipped


def _unit_of(row: dict[str, Any]) -> str | None:
    """Canonical unit of a claim or reference row (reference rows carry ``unit_code``)."""
    for key in ("unit_code", "unit"):
        u = row.get(key)
        if isinstance(u, str) and u:
            return u
    return None


def _main_unit(claims: Any, reference: Any) -> str | None:
    units: dict[str, int] = {}
    for df, weight in ((reference, 2), (claims, 1)):
        if df is None or len(df) == 0:
            continue
        for row in records(df):
            u = _unit_of(row)
            if u:
                units[u] = units.get(u, 0) + weight
    return max(units, key=lambda u: (units[u], u)) if units else None


def _level_rows(df: Any) -> Any:
    """Rows that state a level (reference rows without a ``kind`` column all do)."""
    if df is None or len(df) == 0 or "kind" not in df:
        return df
    keep = df["kind"].astype("object").isin(LEVEL_KINDS)
    if "base_period" in df:  # a reference change figure (growth against a base)
        keep &= df["base_period"].astype("object").fillna("").astype(str) == ""
    return df[keep]


_SHAPE_ZH = {"year": "年度", "quarter": "季度", "half": "半年", "month": "月度", "day": "日",
             "year-to-date": "年初累计", "interval": "期间", "other": "其他"}


def _text_width(text: str, fontsize: float, dpi: float) -> float:
    """Approximate width in pixels (CJK characters a full em, others about half)."""
    em = fontsize * dpi / 72
    return sum(em if ord(c) > 0x2E80 else 0.58 * em for c in text)


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


def _place_labels(ax: Any, labels: list[tuple[Any, float, str]], fontsize: float = 8,
                  markers: list[tuple[Any, float]] = ()) -> None:
    """Annotate each (x, y, text) next to its point at the first offset whose box overlaps
    no label placed before and no marker in ``markers`` (tried above, then below, then further
    out; to the left of the point when the right side would leave the axes).  Each label has a
    white background, so a line passing under it does not strike its words through."""
    import matplotlib.dates as mdates

    if not labels:
        return
    ax.autoscale_view()
    dpi = ax.figure.dpi
    height = fontsize * dpi / 72 * 1.25
    right_edge = ax.get_window_extent().x1
    to_px = ax.transData.transform
    blocked: list[tuple[float, float, float, float]] = []
    for mx, my in markers:
        qx, qy = to_px((mdates.date2num(mx), my))
        blocked.append((qx - 5, qy - 5, qx + 5, qy + 5))
    steps = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6]
    for x, y, text in labels:
        px, py = to_px((mdates.date2num(x), y))
        width = _text_width(text, fontsize, dpi)
        sides = (1, -1) if px + 8 + width <= right_edge else (-1, 1)
        choice = None
        for step in steps:
            dy = 6 + step * (height + 1)
            for side in sides:
                left = px + 8 if side > 0 else px - 8 - width
                box = (left, py + dy, left + width, py + dy + height)
                if not _overlaps(box, blocked):
                    choice = (step, dy, side, box)
                    break
            if choice:
                break
        if choice is None:  # crowded everywhere: the first place tried
            dy, side = 6.0, sides[0]
            left = px + 8 if side > 0 else px - 8 - width
            choice = (0, dy, side, (left, py + dy, left + width, py + dy + height))
        step, dy, side, box = choice
        blocked.append(box)
        ax.annotate(text, (x, y), xytext=(8 * side, dy * 72 / dpi), textcoords="offset points",
                    fontsize=fontsize, color="#222222", ha="left" if side > 0 else "right", zorder=5,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
                          "alpha": 0.85},
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6} if step else None)


#: the timeline's margins (fractions of its 10 × 5.2 inch figure), fixed so that the chart is
#: drawn once: room on the left for tick labels such as ``-1.234万亿`` and the axis label, below
#: for the dates, above for the title; labels near the right edge are put left of their point
TIMELINE_MARGINS = {"left": 0.105, "right": 0.985, "bottom": 0.085, "top": 0.935}


def metric_timeline(
    claims: Any,
    reference: Any = None,
    metric_key: str | None = None,
    *,
    title: str | None = None,
    label_column: str = "doc_id",
) -> Timeline:
    """Timeline of every claim of one metric over the official series.

    One point per claim in the middle of its period; a vertical bar from ``low`` to
    ``high`` for qualified or rounded claims (an arrow when the interval is open:
    ``超3800亿`` only bounds from below); one marker shape per document; each point
    labelled with its surface.  ``reference`` rows (``period``, ``value`` and
    optionally ``low``/``high``, ``unit``) are drawn as a dashed line.  Claims that
    cannot be placed (changes, other units, no period) are returned in ``skipped``.
    """
    import matplotlib.dates as mdates
    import matplotlib
    import pandas as pd
    from matplotlib.ticker import FuncFormatter

    if metric_key is not None and len(claims):
        claims = claims[claims["metric_key"] == metric_key]
    if reference is not None and metric_key is not None and len(reference) and "metric_key" in reference:
        reference = reference[reference["metric_key"] == metric_key]
    reference = _level_rows(reference)
    unit = _main_unit(_level_rows(claims), reference)
    plotted, skipped = _split_claims(claims, unit)
    ref_rows = []
    if reference is not None and len(reference):
        for row in records(reference):
            if unit is not None and _unit_of(row) not in (unit, None):
                continue
            x, (y, low, high) = period_mid(row.get("period")), _claim_point(row)
            if x is not None and y is not None:
                ref_rows.append({**row, "x": x, "y": y, "y_low": low, "y_high": high})
    ref_rows.sort(key=lambda r: r["x"])

    with chart_context():
        fig, ax = _subplots((10, 5.2))
        fig.subplots_adjust(**TIMELINE_MARGINS)  # no tight_layout: a fixed layout, one drawing pass
        _FIXED_LAYOUT.add(fig)
        # one official line per kind of period, so a half-year flow (2023-01/2023-06) is
        # never joined to annual totals (2022, 2023) by a misleading segment
        shapes: dict[str, list[dict]] = {}
        # official figures from ten years before the first claim on (a lone 1997 figure
        # would squash the years the claims are about); the table under the chart lists all
        drawn = ref_rows
        if plotted:
            first = min(r["x"] for r in plotted)
            start = first - timedelta(days=3653)
            drawn = [r for r in ref_rows if r["x"] >= start] or ref_rows
        for r in drawn:
            shapes.setdefault(_period_shape(r.get("period")), []).append(r)
        for i, (shape, rows) in enumerate(sorted(shapes.items(), key=lambda kv: -len(kv[1]))):
            label = f"official, {shape} / 官方数据（{_SHAPE_ZH.get(shape, shape)}）"
            ax.plot([r["x"] for r in rows], [r["y"] for r in rows], ("--", ":", "-.")[i % 3],
                    color=("#555555", "#8c564b", "#7f7f7f")[i % 3], marker="x", markersize=6,
                    linewidth=1.2, label=label, zorder=2)
        docs = list(dict.fromkeys(str(r.get(label_column)) for r in plotted))
        colours = matplotlib.colormaps["tab10"].colors
        style = {d: (MARKERS[i % len(MARKERS)], colours[i % len(colours)]) for i, d in enumerate(docs)}
        ys = [r["y"] for r in plotted + drawn]
        span = (max(ys) - min(ys)) if ys else 0.0
        arrow = span * 0.08 or (abs(ys[0]) * 0.05 if ys else 1.0)
        for r in plotted:
            marker, colour = style[str(r.get(label_column))]
            low, high, y = r["y_low"], r["y_high"], r["y"]
            q = r.get("qualifier")
            if low is not None and high is not None and high > low:
                ax.vlines(r["x"], low, high, color=colour, linewidth=3, alpha=0.45, zorder=3)
            elif q == "lower" or (low is not None and high is None):
                ax.annotate("", xy=(r["x"], y + arrow), xytext=(r["x"], y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5}, zorder=3)
            elif q == "upper" or (high is not None and low is None):
                ax.annotate("", xy=(r["x"], y - arrow), xytext=(r["x"], y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5}, zorder=3)
            ax.plot([r["x"]], [y], linestyle="none", marker=marker, color=colour, markersize=8,
                    markeredgecolor="black", markeredgewidth=0.5, zorder=4)
        for d in docs:
            marker, colour = style[d]
            ax.plot([], [], linestyle="none", marker=marker, color=colour, markeredgecolor="black",
                    markeredgewidth=0.5, label=d)
        key = metric_key or "metric"
        ax.set_title(title or f"{key}: claims over the official series / 声明与官方数据", fontsize=11, y=TITLE_Y)
        ax.set_ylabel(f"{key} ({unit})" if unit else key)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: magnitude_label(v)))
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if not plotted and not ref_rows:
            ax.text(0.5, 0.5, "nothing to plot / 无可绘制的数据", ha="center", va="center",
                    transform=ax.transAxes)
        else:
            ax.legend(loc="best", fontsize=8)
        ax.grid(True, alpha=0.3)
        # labels with the surface, placed in the final layout so that no two overprint
        _place_labels(ax, [(r["x"], r["y"], str(r.get("surface", ""))) for r in
                           sorted(plotted, key=lambda r: (r["x"], r["y"]))],
                      markers=[(r["x"], r["y"]) for r in drawn + plotted])

    def frame(rows: list[dict]) -> Any:
        return pd.DataFrame(rows)

    return Timeline(figure=fig, plotted=frame(plotted), skipped=frame(skipped),
                    reference=frame(ref_rows), unit=unit)


# ----------------------------------------------------------------- output

def show(fig: Any) -> None:
    """Display ``fig`` in the running notebook (as PNG) once, and release it."""
    import sys

    from IPython.display import Image, display

    display(Image(data=_png(fig), format="png"))
    if "matplotlib.pyplot" in sys.modules:  # a figure made with pyplot elsewhere
        sys.modules["matplotlib.pyplot"].close(fig)


def save_png(fig: Any, path: str | Path) -> Path:
    """Write ``fig`` as PNG (CJK font active while rendering), atomically: rendered into a temporary
    file in the same folder and renamed (:func:`factlib.report.files.atomic_write_with`), so the
    file under ``path`` is never a half-written picture, and a failed drawing leaves none."""
    from factlib.report.files import atomic_write_with

    def write(tmp: Path) -> None:
        with chart_context():
            _encode_png(fig, tmp)

    return atomic_write_with(path, write)
