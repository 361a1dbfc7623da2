"""The metric lexicon: schema of metrics.csv, alias lookup in zh-Hans / zh-Hant / en, hierarchy."""
from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import opencc
import pytest

from factlib.vocab.lexicon import LexiconError, MetricLexicon, default_lexicon, normalize_phrase
from factlib.vocab.tables import read_table

LEX = default_lexicon()
ROWS = read_table("metrics")
KINDS = {"count", "amount", "percent", "ordinal", "year"}
UNITS = {"person", "person_time", "CNY", "%", "pp", "item", "station", "course", "card", "visit",
         "country", "edition", "year"}


def _row(key, parent="", zh="", en="", unit="person", kind="count"):
    return {"metric_key": key, "parent_key": parent, "unit": unit, "kind": kind, "label_zh": "",
            "label_en": "", "aliases_zh": zh, "aliases_en": en}


# --- schema --------------------------------------------------------------------------------

def test_metrics_csv_has_a_comment_header_naming_source_and_columns():
    text = (resources.files("factlib") / "data" / "metrics.csv").read_text(encoding="utf-8")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert any("Source" in ln for ln in header)
    for column in ("metric_key", "parent_key", "unit", "kind", "aliases_zh", "aliases_en"):
        assert any(column in ln for ln in header), column


@pytest.mark.parametrize("row", ROWS, ids=[r["metric_key"] for r in ROWS])
def test_metric_row_schema(row):
    assert row["unit"] in UNITS
    assert row["kind"] in KINDS
    assert row["label_zh"] and row["label_en"]
    assert row["aliases_zh"].strip() and row["aliases_en"].strip()
    assert not row["parent_key"] or row["parent_key"] in LEX
    # aliases are stored simplified; the loader indexes traditional forms itself
    t2s = opencc.OpenCC("t2s")
    for alias in row["aliases_zh"].split("|"):
        assert t2s.convert(alias) == alias, alias


def test_neutral_words_table_loads():
    words = read_table("metric_neutral_words", required=("word", "note"), key=("word",))
    assert {"我国", "截至", "the"} <= {w["word"] for w in words}


# --- lookup: seeds and reference sentences ----------------------------------------------------

PHRASES = [
    # (phrase as written, expected key) — from seeds/000-003 and reference quotes
    ("网民规模", "internet_users"),
    ("截至2022年12月我國網(wǎng)民規(guī)模", "internet_users"),   # seed 003, with pinyin glosses
    ("這是截至2022年12月我國網民規模", "internet_users"),
    ("Internet users", "internet_users"),
    ("netizens", "internet_users"),
    ("手机网民规模", "mobile_internet_users"),
    ("互聯網普及率", "internet_penetration"),
    ("网络购物用户规模", "online_shopping_users"),
    ("我國網絡購物用戶規模", "online_shopping_users"),
    ("網上外賣用戶規模", "online_food_delivery_users"),
    ("互聯網醫療用戶規模", "online_healthcare_users"),
    ("網約車用戶規模", "ride_hailing_users"),
    ("這是2022年我國網上零售金額", "online_retail_sales"),
    ("全国网上零售额", "online_retail_sales"),
    ("online retail sales", "online_retail_sales"),
    ("實物商品網上零售額", "physical_goods_online_retail"),
    ("全國農產品電商網絡零售額", "agri_online_retail_sales"),
    ("我國“慕課”數量", "mooc_courses"),
    ("全國電子社保卡領用人數", "e_social_security_card_holders"),
    ("5G基站总数", "5g_base_stations"),
    ("5G base stations", "5g_base_stations"),
    ("数字经济规模", "digital_economy_size"),
    ("浙江规上数字经济核心产业营业收入", "zhejiang_digital_core_industry_revenue"),
    ("数字贸易出口", "zhejiang_digital_trade_exports"),
    ("全國人口", "population"),
    ("未遭遇過網絡安全問題", "no_security_problem_share"),
    ("建立双边电子商务合作机制", "bilateral_ecommerce_partner_countries"),
    ("bilateral e-commerce cooperation mechanisms", "bilateral_ecommerce_partner_countries"),
    ("第四届世界互联网大会", "wic_edition"),
    ("處置違規賬號", "online_platform_accounts_handled"),
    ("永久關閉賬號", "online_platform_accounts_closed"),
    ("非网民规模", "non_internet_users"),
]


@pytest.mark.parametrize("phrase,key", PHRASES, ids=[p for p, _ in PHRASES])
def test_key_for(phrase, key):
    assert LEX.key_for(phrase) == key


# an alias written with a parenthesis matches the phrase with or without it, exactly
# (a PBoC release writes 广义货币(M2)余额; a reprint 广义货币（M2）余额 or 广义货币余额)
@pytest.mark.parametrize("phrase,key", [("广义货币(M2)余额", "m2"), ("广义货币（M2）余额", "m2"), ("广义货币余额", "m2"),
                                        ("狭义货币(M1)余额", "m1"), ("狭義貨幣（M1）餘額", "m1")])
def test_alias_with_parenthesis_is_exact_either_way(phrase, key):
    m = LEX.match(phrase)
    assert m is not None and m.key == key and m.exact


@pytest.mark.parametrize("phrase", ["", "亿万人民", "城镇居民", "the", "一系列重要论述"])
def test_key_for_unknown_is_none(phrase):
    assert LEX.key_for(phrase) is None


def _reference_rows():
    path = Path(str(resources.files("factlib") / "data" / "reference" / "official_figures.csv"))
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(ln for ln in f if not ln.startswith("#"))]


REF = _reference_rows()
# rows whose stored key is deliberately more specific than their name's alias
REF_OVERRIDES = {"农产品网络零售额(2025年目标)"}


@pytest.mark.parametrize("row", REF, ids=[f"{r['metric_zh']}@{r['period']}" for r in REF])
def test_every_reference_metric_maps(row):
    assert row["metric_key"] in LEX
    if row["metric_zh"] not in REF_OVERRIDES:
        assert LEX.key_for(row["metric_zh"]) == row["metric_key"]
        assert LEX.key_for(row["metric_en"]) == row["metric_key"]


def test_reference_rows_exist():
    assert len(REF) == 242


KEYS = LEX.keys


@pytest.mark.parametrize("key", KEYS, ids=KEYS)
def test_zh_hans_zh_hant_en_aliases_share_keys(key):
    info = LEX.info(key)
    s2t = opencc.OpenCC("s2t")
    for alias in info.aliases_zh:
        assert LEX.key_for(alias) == key, alias
        assert LEX.key_for(s2t.convert(alias)) == key, s2t.convert(alias)
    for alias in info.aliases_en:
        assert LEX.key_for(alias) == key, alias
        assert LEX.key_for(alias.upper()) == key, alias


def test_aliases_include_traditional_forms():
    assert LEX.aliases["網民規模"] == "internet_users"
    assert LEX.aliases["网民规模"] == "internet_users"


# --- specificity, exactness, determinism ------------------------------------------------------

@pytest.mark.parametrize("phrase,exact", [
    ("我国网民规模", True),
    ("截至2022年12月,我国网民规模", True),
    ("the number of internet users in China", True),
    ("农村老年网民规模", False),
    ("网民规模增长", False),
], ids=["scope", "time", "en", "modifier", "suffix"])
def test_match_exactness(phrase, exact):
    m = LEX.match(phrase)
    assert m is not None and m.key == "internet_users"
    assert m.exact is exact


def test_english_aliases_respect_word_boundaries():
    assert LEX.key_for("wicked") is None
    assert LEX.key_for("the WIC") == "wic_edition"


def test_longest_alias_wins_and_ties_are_deterministic():
    lex = MetricLexicon([_row("a", zh="用户"), _row("b", zh="网络用户"), _row("c", zh="手机")])
    assert lex.key_for("手机网络用户") == "b"
    assert lex.key_for("手机用户") in {"a", "c"}
    assert lex.key_for("手机用户") == lex.key_for("手机用户")
    assert lex.key_for("手机用户") == "a"  # equal length: the rightmost (the head noun) wins


# --- hierarchy and errors ---------------------------------------------------------------------

def test_part_whole_hierarchy():
    assert LEX.parent("online_shopping_users") == "internet_users"
    assert LEX.ancestors("online_shopping_users") == ("internet_users", "population")
    assert LEX.is_part_of("mobile_internet_users", "population")
    assert not LEX.is_part_of("population", "internet_users")
    assert LEX.parent("population") is None


def test_duplicate_alias_for_two_keys_is_rejected():
    with pytest.raises(LexiconError, match="maps to both"):
        MetricLexicon([_row("a", zh="网民"), _row("b", zh="網民")])


def test_duplicate_key_is_rejected():
    with pytest.raises(LexiconError):
        MetricLexicon([_row("a", zh="x"), _row("a", zh="y")])


def test_unknown_parent_and_cycles_are_rejected():
    with pytest.raises(LexiconError, match="parent"):
        MetricLexicon([_row("a", parent="zzz", zh="x")])
    with pytest.raises(LexiconError, match="cycle"):
        MetricLexicon([_row("a", parent="b", zh="x"), _row("b", parent="a", zh="y")])


def test_user_table_extends_the_shipped_lexicon(tmp_path):
    user = tmp_path / "my_metrics.csv"
    user.write_text(
        "# my metrics\n"
        "metric_key,parent_key,unit,kind,label_zh,label_en,aliases_zh,aliases_en\n"
        "smart_tv_users,internet_users,person,count,智能电视用户,smart TV users,智能电视用户,smart tv users\n",
        encoding="utf-8",
    )
    lex = MetricLexicon.from_tables([user])
    assert lex.key_for("智能電視用戶規模") == "smart_tv_users"
    assert lex.key_for("网民规模") == "internet_users"
    assert lex.ancestors("smart_tv_users") == ("internet_users", "population")
    with pytest.raises(LexiconError, match="parent"):  # internet_users is not in the user table
        MetricLexicon.from_tables([user], include_default=False)


def test_user_table_cannot_steal_a_shipped_alias(tmp_path):
    user = tmp_path / "bad.csv"
    user.write_text(
        "metric_key,parent_key,unit,kind,label_zh,label_en,aliases_zh,aliases_en\n"
        "my_users,,person,count,我的网民,my users,网民规模,my users\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError):
        MetricLexicon.from_tables([user])


@pytest.mark.parametrize("raw,norm", [
    ("網(wǎng)民規(guī)模", "网民规模"),
    ("“慕課”數量", "慕课数量"),
    ("Internet  Users", "internet users"),
    ("全球 22 个国家", "全球22个国家"),
], ids=["pinyin-gloss", "quotes", "case-space", "cjk-space"])
def test_normalize_phrase(raw, norm):
    assert normalize_phrase(raw) == norm


def _reference_find(lex, norm):
    """The plain implementation the tries replaced: one look-ahead alternation, longest alias first,
    tried at every position."""
    import re

    parts = []
    for alias in sorted(lex._alias_key, key=lambda a: (-len(a), a)):
        if alias.isascii():
            parts.append(rf"(?<![a-z0-9]){re.escape(alias)}(?:e?s)?(?![a-z0-9])")
        else:
            parts.append(re.escape(alias))
    out = []
    for m in re.finditer("(?=(" + "|".join(parts) + "))", norm):
        key = lex._lookup(m.group(1))
        if key is not None:
            out.append((key, m.group(1), m.start(1)))
    return out


def test_alias_search_matches_the_plain_alternation():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from factlib.vocab.lexicon import default_lexicon, normalize_phrase

    lex = default_lexicon()
    pieces = sorted(lex._alias_key)[::3] + ["s", "es", " ", "的", "x", "5", "互联网", "用户"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=5).map("".join))
    def check(text):
        norm = normalize_phrase(text)
        assert [(m.key, m.alias, m.start) for m in lex._find(norm)] == _reference_find(lex, norm)

    check()


def _reference_normalize(phrase):
    """normalize_phrase without its fast paths."""
    import re
    import unicodedata

    from factlib.vocab import lexicon as lx

    text = unicodedata.normalize("NFKC", phrase or "")
    text = lx._PINYIN_GLOSS.sub("", text)
    text = opencc.OpenCC("t2s").convert(text)
    text = re.sub(r"[\"'“”‘’「」『』《》〈〉【】]", "", text).lower()
    text = lx._SPACE_NEAR_CJK.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def test_normalize_phrase_fast_paths_change_nothing():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = list("網民规模Internet users5G(wǎng)（）“”《》「」'\" \t\u3000ＡＢ%.-的")

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(alphabet), max_size=16).map("".join))
    def check(text):
        assert normalize_phrase(text) == _reference_normalize(text)

    check()


# --- issue 12: stock/flow, fixed area, sub-metric modifiers -----------------------------------

MEASURES = {"stock", "flow", "event"}


def test_metrics_csv_header_documents_the_issue_12_columns():
    text = (resources.files("factlib") / "data" / "metrics.csv").read_text(encoding="utf-8")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    for column in ("measure", "area", "modifiers"):
        assert any(ln.startswith(f"#   {column}") for ln in header), column


@pytest.mark.parametrize("row", ROWS, ids=[r["metric_key"] for r in ROWS])
def test_every_metric_row_says_stock_flow_or_event(row):
    assert row["measure"] in MEASURES
    assert LEX.measure(row["metric_key"]) == row["measure"]
    # a one-off happening is dated by a year or an edition number; levels of counts are not events
    assert (row["measure"] == "event") <= (row["kind"] in {"ordinal", "year"})
    assert row["area"] == "" or re.fullmatch(r"[A-Z]{2}(?:-[A-Z]{2,3})*", row["area"])
    if row["modifiers"]:
        assert row["parent_key"], "a modifier turns a parent metric into this one"
        for word in row["modifiers"].split("|"):
            assert LEX.child(row["parent_key"], word) == row["metric_key"]


@pytest.mark.parametrize("key, measure", [
    ("population", "stock"), ("internet_users", "stock"), ("internet_penetration", "stock"),
    ("5g_base_stations", "stock"), ("online_retail_sales", "flow"), ("total_retail_sales", "flow"),
    ("digital_economy_size", "flow"), ("wic_edition", "event"),
])
def test_stock_or_flow_of_headline_metrics(key, measure):
    assert LEX.measure(key) == measure


def test_modifiers_name_children():
    assert LEX.child("internet_users", "农村") == "rural_internet_users"
    assert LEX.child("internet_users", "鄉村") == "rural_internet_users"   # traditional form normalised
    assert LEX.child("online_retail_sales", "实物商品") == "physical_goods_online_retail"
    assert LEX.child("internet_users", "火星") is None


def test_lexicon_rejects_bad_measure_and_orphan_modifiers():
    row = _row("x_users", zh="某用户")
    with pytest.raises(LexiconError):
        MetricLexicon([{**row, "measure": "sometimes"}])
    with pytest.raises(LexiconError):
        MetricLexicon([{**row, "modifiers": "农村"}])
    # a user table without the new columns still loads (measure unknown)
    assert MetricLexicon([row]).measure("x_users") == ""
