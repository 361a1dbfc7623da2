"""Charts render Chinese (simplified and traditional) with the project's own CJK font."""
from __future__ import annotations

import warnings
from datetime import date

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from factlib.report.charts import (
    chart_context,
    claims_by_kind_chart,
    findings_by_verdict_chart,
    magnitude_label,
    metric_timeline,
    period_mid,
    period_span,
    save_png,
)
from factlib.report.fonts import cjk_font_files, register_cjk_fonts


def _render_without_missing_glyphs(fig, path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_png(fig, path)
    plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing
    assert path.stat().st_size > 1000


def test_packaged_cjk_font_is_found():
    files = cjk_font_files()
    assert files, "no CJK font: install noto-cjk-sans-otc"
    families = register_cjk_fonts()
    assert any("CJK" in f or "SC" in f for f in families)


# Real labels from the seeds: simplified (000, 001, 004), traditional (003), English (002).
LABELS = [
    ("zh-Hans", "网民规模 10.67亿人 · 网上零售额 13.79万亿元 · 22个国家"),
    ("zh-Hant", "網民規模 10.67億人 · 網上零售金額 · 「慕課」數量 6.19萬門"),
    ("en-mixed", "Internet users 网民 ≥ 8.45亿 — 3.9个百分点 (pp) − 2.1%"),
]


@pytest.mark.parametrize("label", [t for _, t in LABELS], ids=[i for i, _ in LABELS])
def test_chinese_text_renders_without_missing_glyph_warnings(label, tmp_path):
    with chart_context():
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.set_title(label)
        ax.set_xlabel("文档 / 文檔")
        ax.text(0.1, 0.5, label)
    # rendered *outside* the context too: the text objects keep the CJK family
    _render_without_missing_glyphs(fig, tmp_path / "label.png")


CLAIMS = pd.DataFrame(
    [
        # seed 003: 10.67億人 … 截至2022年12月我國網民規模
        {"doc_id": "003", "claim_id": "a", "surface": "10.67億人", "value": 1.067e9, "low": 1.0665e9,
         "high": 1.0675e9, "qualifier": "exact", "kind": "count", "unit": "person",
         "metric_key": "internet_users", "period": "2022-12"},
        # a rounded restatement in another document: 10.7亿
        {"doc_id": "001", "claim_id": "b", "surface": "10.7亿", "value": 1.07e9, "low": 1.065e9, "high": 1.075e9,
         "qualifier": "exact", "kind": "count", "unit": "person", "metric_key": "internet_users",
         "period": "2022-12"},
        # a lower bound: 超10亿 (open interval)
        {"doc_id": "001", "claim_id": "c", "surface": "超10亿", "value": 1e9, "low": 1e9, "high": None,
         "qualifier": "lower", "kind": "count", "unit": "person", "metric_key": "internet_users",
         "period": "2021-06"},
        # a change claim of the same metric is not a level: listed, not plotted
        {"doc_id": "003", "claim_id": "d", "surface": "3.9個百分點", "value": 3.9, "low": 3.85, "high": 3.95,
         "qualifier": "exact", "kind": "pp_change", "unit": "pp", "metric_key": "internet_users",
         "period": "2021-12/2022-12"},
        # no period: cannot be placed
        {"doc_id": "004", "claim_id": "e", "surface": "10亿多", "value": None, "low": 1e9, "high": 1.1e9,
         "qualifier": "lower", "kind": "count", "unit": "person", "metric_key": "internet_users", "period": None},
        # another metric
        {"doc_id": "003", "claim_id": "f", "surface": "13.79萬億元", "value": 1.379e13, "low": 1.3785e13,
         "high": 1.3795e13, "qualifier": "exact", "kind": "amount", "unit": "CNY",
         "metric_key": "online_retail_sales", "period": "2022"},
    ]
)
REFERENCE = pd.DataFrame(
    [
        {"metric_key": "internet_users", "period": "2021-06", "value": 1.011e9, "unit": "person"},
        {"metric_key": "internet_users", "period": "2022-12", "value": 1.067e9, "unit": "person"},
        {"metric_key": "online_retail_sales", "period": "2022", "value": 1.379e13, "unit": "CNY"},
    ]
)


def test_metric_timeline_plots_levels_and_lists_the_rest(tmp_path):
    t = metric_timeline(CLAIMS, REFERENCE, "internet_users", title="网民规模 / 網民規模 (internet_users)")
    assert sorted(t.plotted["claim_id"]) == ["a", "b", "c"]
    assert dict(zip(t.skipped["claim_id"], t.skipped["reason"])) == {
        "d": "kind pp_change (not a level)",
        "e": "no period",
    }
    assert len(t.reference) == 2 and t.unit == "person"
    # one marker style per document
    ax = t.figure.axes[0]
    legend = [txt.get_text() for txt in ax.get_legend().get_texts()]
    assert legend == ["official, month / 官方数据（月度）", "003", "001"]
    # labels carry the surface
    assert {"10.67億人", "10.7亿", "超10亿"} <= {a.get_text() for a in ax.texts}
    _render_without_missing_glyphs(t.figure, tmp_path / "timeline.png")


def _label_boxes(fig):
    """Window extents of the timeline's claim labels after the figure is drawn as saved."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return [a.get_window_extent(renderer) for a in ax.texts if a.get_text()], fig.bbox


def test_timeline_labels_stay_inside_the_figure_and_apart(tmp_path):
    # crowded: five documents restating one month's figure, the last point at the right edge
    rows = [
        {"doc_id": f"d{i}", "claim_id": f"c{i}", "surface": s, "value": v, "low": v, "high": v,
         "qualifier": "exact", "kind": "count", "unit": "person", "metric_key": "internet_users", "period": p}
        for i, (s, v, p) in enumerate([
            ("10.67億人", 1.067e9, "2022-12"), ("10.7亿人", 1.07e9, "2022-12"), ("约10.7亿网民", 1.07e9, "2022-12"),
            ("10.51亿", 1.051e9, "2022-06"), ("10.79亿网民规模（截至六月底）", 1.079e9, "2023-06"),
        ])
    ]
    t = metric_timeline(pd.DataFrame(rows), REFERENCE, "internet_users")
    boxes, figure = _label_boxes(t.figure)
    assert len(boxes) == 5
    for b in boxes:  # the saved PNG is the figure as laid out (no cutting to the drawn area)
        assert figure.x0 <= b.x0 and b.x1 <= figure.x1 and figure.y0 <= b.y0 and b.y1 <= figure.y1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (a, b)
    _render_without_missing_glyphs(t.figure, tmp_path / "crowded.png")


def test_metric_timeline_with_nothing_to_plot(tmp_path):
    t = metric_timeline(CLAIMS.iloc[0:0], None, "internet_users")
    assert len(t.plotted) == 0
    _render_without_missing_glyphs(t.figure, tmp_path / "empty.png")


def test_overview_charts_render(tmp_path):
    findings = pd.DataFrame({"check": ["reference", "reference", "translation"],
                             "verdict": ["consistent", "contradicted", "needs_review"]})
    _render_without_missing_glyphs(claims_by_kind_chart(CLAIMS), tmp_path / "kinds.png")
    _render_without_missing_glyphs(findings_by_verdict_chart(findings), tmp_path / "verdicts.png")
    _render_without_missing_glyphs(claims_by_kind_chart(CLAIMS.iloc[0:0]), tmp_path / "none.png")


@pytest.mark.parametrize(
    "period, expected",
    [
        ("2022-12", (date(2022, 12, 1), date(2022, 12, 31))),
        ("2022", (date(2022, 1, 1), date(2022, 12, 31))),
        ("2023-05-22", (date(2023, 5, 22), date(2023, 5, 22))),
        ("2024-01/2024-08", (date(2024, 1, 1), date(2024, 8, 31))),
        ("2021-12/2022-12", (date(2021, 12, 1), date(2022, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-Q1", (date(2023, 1, 1), date(2023, 3, 31))),
        ("2024-H1", (date(2024, 1, 1), date(2024, 6, 30))),
        ("2022-13", None),
        ("2023-02-30", None),
        ("近年来", None),
        ("", None),
        (None, None),
    ],
    ids=["month", "year", "day", "interval", "base-ref", "leap", "quarter", "half", "bad-month", "bad-day",
         "vague", "empty", "none"],
)
def test_period_span(period, expected):
    assert period_span(period) == expected


@pytest.mark.parametrize(
    "value, expected",
    [(1.067e9, "10.67亿"), (1.379e13, "13.79万亿"), (61900.0, "6.19万"), (65.9, "65.9"), (float("nan"), "")],
    ids=["10.67亿", "13.79万亿", "6.19万", "percent", "nan"],
)
def test_magnitude_label(value, expected):
    assert magnitude_label(value) == expected


@pytest.mark.parametrize(
    "period, expected",
    [("2022", date(2022, 7, 2)), ("2022-12", date(2022, 12, 16)), ("2023-01/2023-06", date(2023, 4, 1)),
     ("2023-05-22", date(2023, 5, 22)), ("近年来", None)],
    ids=["year", "month", "half-year-interval", "day", "vague"],
)
def test_points_sit_mid_period(period, expected):
    assert period_mid(period) == expected


def test_claims_by_kind_chart_draws_at_most_max_bars_documents(tmp_path):
    from factlib.report.charts import MAX_BARS

    rows = [{"doc_id": f"doc{i:03d}", "kind": "count" if j % 2 else "percent"}
            for i in range(MAX_BARS + 20) for j in range(1 + i % 7)]
    fig = claims_by_kind_chart(pd.DataFrame(rows))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == MAX_BARS
    assert f"{MAX_BARS} of {MAX_BARS + 20} documents" in ax.get_title()
    counts = {f"doc{i:03d}": 1 + i % 7 for i in range(MAX_BARS + 20)}
    assert [counts[x] for x in labels] == sorted((counts[x] for x in labels), reverse=True)
    assert min(counts[x] for x in labels) >= sorted(counts.values(), reverse=True)[MAX_BARS - 1]
    _render_without_missing_glyphs(fig, tmp_path / "kinds.png")


def test_save_png_is_atomic(tmp_path):
    """A drawing that fails leaves the previous file as it was and no temporary file."""
    fig = findings_by_verdict_chart(pd.DataFrame({"check": ["reference", "translation"],
                                                  "verdict": ["consistent", "contradicted"]}))
    path = tmp_path / "chart.png"
    save_png(fig, path)
    before = path.read_bytes()
    assert before[:8] == b"\x89PNG\r\n\x1a\n"

    def broken(target, *args, **kwargs):  # the drawing goes to a file or to memory first
        if hasattr(target, "write"):
            target.write(b"half a picture")
        else:
            with open(target, "wb") as fh:
                fh.write(b"half a picture")
        raise RuntimeError("drawing failed")

    fig.savefig = broken
    with pytest.raises(RuntimeError):
        save_png(fig, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]
