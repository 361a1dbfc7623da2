"""The verdict policy of issue 12 (README "Verdict policy"): contradicted only when metric, period (same
type and granularity), unit, area and source are certain; changes never meet levels; growth-implied
values carry the source's comparable-basis tolerance; every needs_review names its doubt."""
import pandas as pd
import pytest

import factlib
from checks_support import claim, frame
from factlib.checks.derived import basis_tolerance, comparable_basis

POP = dict(metric="年末全国人口", metric_key="population", unit="person")


def _claim(doc, surface, **kw):
    """A claim row with the extractor's issue-12 columns (``area``, ``change`` …) set from ``kw``."""
    extra = {k: kw.pop(k) for k in ("period_type", "granularity", "period_doubt", "area", "area_basis", "change",
                                    "base_period") if k in kw}
    row = claim(doc, surface, **kw)
    row.update(extra)
    return row


def _check(*rows, checks=("reference",), reference=None, **kw):
    return factlib.check(frame(*rows), checks=list(checks), reference=reference, **kw)


def _ref(rows):
    """A reference table of the columns ``load_reference`` gives, from (key, period, value, kind, unit_code,
    source, area) tuples."""
    from factlib.checks.intervals import bounds

    out = pd.DataFrame(rows, columns=["metric_key", "period", "value", "kind", "unit_code", "source_name", "area"])
    out["qualifier"] = "exact"
    out["precision"] = 0.5
    lo, hi = bounds(out["value"], out["qualifier"], out["precision"])
    out["low"], out["high"] = lo, hi
    out["lower_tier"] = False
    out["ref_id"] = [f"r{i}" for i in range(len(out))]
    out["source_url"] = "https://example.org"
    out["unit"] = ""
    return out


# --- reference: area, period shape, doubts -------------------------------------------------------------

@pytest.mark.parametrize("kw,verdict,why", [
    (dict(period="2024-12", period_type="point", granularity="month", area="CN"), "contradicted", ""),
    (dict(period="2024-12", period_type="point", granularity="month", area="CN",
          period_doubt="年末: which year's end is not stated"), "needs_review", "period uncertain: 年末"),
    (dict(period="2024", period_type="point", granularity="year", area="CN"), "needs_review",
     "period: 2024 (year) is not the figure's 2024-12 (month)"),
    (dict(period="2024-12", period_type="point", granularity="month", area="CN-ZJ"), "unverifiable", ""),
], ids=["certain: contradicted", "period doubt named", "a year is coarser than the year-end month",
        "a province is not the nation"])
def test_population_claim_gates(kw, verdict, why):
    # NBS: 140828万 at the end of 2024 (shipped reference); the claim says 141828万
    row = _check(_claim("d1", "141828万人", sentence="年末全国人口141828万人。", **POP, **kw)).iloc[0]
    assert row.verdict == verdict
    assert why in row.explanation


def test_frame_without_areas_is_national():
    # claims frames made before areas were extracted (no area anywhere) keep their verdicts
    row = _check(claim("d1", "141828万人", period="2024-12", **POP)).iloc[0]
    assert row.verdict == "contradicted"


@pytest.mark.parametrize("area,basis,verdict", [("", "", "unverifiable"), ("CN", "sentence", "unverifiable"),
                                                ("CN", "phrase", "contradicted")],
                         ids=["no area: another place or group", "area from the sentence only",
                              "national in its own phrase: a magnitude slip"])
def test_far_from_the_national_figure(area, basis, verdict):
    # 26,337人 in a frame that does give areas: a town's population is not China's
    other = _claim("d2", "140828万人", period="2024-12", area="CN", **POP)
    row = _check(_claim("d1", "26,337人", period="2024-12", area=area, area_basis=basis, **POP), other)
    row = row[row.explanation.str.contains("26,337")].iloc[0]
    assert row.verdict == verdict


def test_reference_area_column():
    ref = _ref([("population", "2024", 65770000, "count", "person", "浙江省统计局", "CN-ZJ")])
    zj = _claim("d1", "6670万人", period="2024-12", area="CN-ZJ", area_basis="phrase", **POP)
    cn = _claim("d2", "6670万人", period="2024-12", area="CN", area_basis="phrase", **POP)
    f = _check(zj, cn, reference=ref).set_index(pd.Index(["zj", "cn"]))
    assert f.loc["zj", "verdict"] == "contradicted" and "浙江省统计局" in f.loc["zj", "explanation"]
    assert f.loc["cn", "verdict"] == "unverifiable"


def test_exact_figure_outranks_an_open_bound():
    # reference has 140967万 (NBS, 2023) and 超14亿 (a newspaper): 141267万 is contradicted, not consistent
    row = _check(_claim("d1", "141267万人", period="2023-12", area="CN", **POP)).iloc[0]
    assert row.verdict == "contradicted"


# --- changes are not levels --------------------------------------------------------------------------

def test_absolute_change_never_meets_the_level():
    s = "年末全国人口140828万人，比上年末减少139万人。"
    level = _claim("d1", "140828万人", period="2024-12", sentence=s, area="CN", change="level", **POP)
    change = _claim("d1", "139万人", period="2024-12", sentence=s, start=20, direction="down", area="CN",
                    change="abs_change", base_period="2023-12", **POP)
    f = _check(level, change, checks=("reference", "cross_document", "part_whole", "derived"))
    assert "contradicted" not in set(f.verdict), f.explanation.tolist()
    ref = f[f.check == "reference"]
    change_row = ref[ref.explanation.str.contains("“139万人”")]
    assert list(change_row.verdict) == ["unverifiable"]  # no figure of the change; never the level's
    # derived: 140828万 + 139万 = 140967万 at the end of 2023, as published
    implied = f[f.check == "derived"].iloc[0]
    assert implied.verdict == "consistent" and implied.period == "2023-12"
    assert implied.observed_value == pytest.approx(1.40967e9)


def test_wrong_absolute_change_is_contradicted_through_the_implied_level():
    s = "年末全国人口140828万人，比上年末减少239万人。"
    level = _claim("d1", "140828万人", period="2024-12", sentence=s, area="CN", change="level", **POP)
    change = _claim("d1", "239万人", period="2024-12", sentence=s, start=20, direction="down", area="CN",
                    change="abs_change", base_period="2023-12", **POP)
    implied = _check(level, change, checks=("derived",)).iloc[0]
    assert implied.verdict == "contradicted" and implied.period == "2023-12"


# --- comparable-basis tolerance ----------------------------------------------------------------------

def test_comparable_basis_table_has_a_default():
    patterns, default = comparable_basis()
    assert default[0] > 0 and patterns
    tol, note = basis_tolerance(pd.Series(["国家统计局 2021年国民经济和社会发展统计公报", "某网站", "x"]),
                                pd.Series([True, True, False]))
    assert tol[0] == 0.03 and tol[1] == default[0] and tol[2] == 0.0
    assert "revised" in note[0]


@pytest.mark.parametrize("source,verdict", [("国家统计局", "consistent"), ("某研究机构", "unverifiable")],
                         ids=["NBS: revised base allowed", "default 1 %: apart, but growth never contradicts"])
def test_growth_implied_value_uses_the_sources_tolerance(source, verdict):
    # 2021年网上零售额130884亿元，比上年增长14.1%: implies 114,710亿 for 2020; 117,601亿 was first published
    ref = _ref([("online_retail_sales", "2020", 11760100000000, "amount", "CNY", source, "")])
    s = "2021年全国网上零售额130884亿元，比上年增长14.1%。"
    level = claim("d1", "130884亿元", metric="网上零售额", metric_key="online_retail_sales", period="2021",
                  kind="amount", unit="CNY", sentence=s)
    growth = claim("d1", "14.1%", number="14.1", kind="growth_rate", unit="%", metric="网上零售额",
                   metric_key="online_retail_sales", period="2021", sentence=s, start=20)
    row = _check(level, growth, checks=("derived",), reference=ref).iloc[0]
    assert row.verdict == verdict
    if source == "国家统计局":
        assert "comparable basis" in row.explanation and "3%" in row.explanation
    else:
        assert "real" in row.explanation and "1%" in row.explanation


# --- cross-document ----------------------------------------------------------------------------------

def test_cross_document_compares_within_one_area_only():
    a = _claim("d1", "5.2%", kind="percent", unit="%", metric="城镇调查失业率",
               metric_key="surveyed_urban_unemployment_rate", period="2023", area="CN")
    b = _claim("d2", "4.8%", kind="percent", unit="%", metric="城镇调查失业率",
               metric_key="surveyed_urban_unemployment_rate", period="2023", area="CN-ZJ")
    assert _check(a, b, checks=("cross_document",)).empty
    b["area"] = "CN"
    assert list(_check(a, b, checks=("cross_document",)).verdict) == ["contradicted"]


def test_cross_document_review_names_the_doubt():
    a = _claim("d1", "5.2%", kind="percent", unit="%", metric="城镇调查失业率",
               metric_key="surveyed_urban_unemployment_rate", period="2023", area="CN")
    b = _claim("d2", "4.8%", kind="percent", unit="%", metric="城镇调查失业率",
               metric_key="surveyed_urban_unemployment_rate", period="2023", area="CN",
               period_doubt="全年: year taken from the release date")
    row = _check(a, b, checks=("cross_document",)).iloc[0]
    assert row.verdict == "needs_review" and "period uncertain: 全年" in row.explanation


def test_cross_document_far_apart_without_areas_is_not_a_contradiction():
    a = claim("d1", "4,404,013", **dict(POP, period="2002"))
    b = claim("d2", "346", **dict(POP, period="2002"))
    row = _check(a, b, checks=("cross_document",)).iloc[0]
    assert row.verdict == "unverifiable" and "different places" in row.explanation


@pytest.mark.parametrize("doc_date,verdict", [("2025-03-05", "contradicted"), (None, "needs_review")],
                         ids=["dated document: the carried year is certain",
                              "undated document: 今年/过去一年 in between cannot be resolved"])
def test_period_carried_from_context_needs_a_dated_document(doc_date, verdict):
    # 2011年是…开局之年。过去一年…国内生产总值增长10.3%: in a document without a date the year carried
    # from the earlier sentence may be the wrong one (the shared corpus's reports are one undated file)
    row = _check(_claim("d1", "141828万人", sentence="年末全国人口141828万人。", basis="context",
                        period="2024-12", period_type="point", granularity="month", area="CN",
                        doc_date=doc_date, **POP)).iloc[0]
    assert row.verdict == verdict
    if verdict == "needs_review":
        assert "carried from the surrounding text of a document without a date" in row.explanation
