"""Claim extraction: coverage of the number forms, kinds, qualifiers, periods and metrics of issue 3.

Every case is a real sentence (or a real fragment) from the seeds, the development set or the
benchmark corpus (NBS / CNNIC / government work reports / HK and TW news / English wire copy);
``DOC_DATE`` is the document date the relative expressions resolve against.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from extract_support import checked_claims, find

from factlib.documents.load import document_from_text
from factlib.claims.extract import extract_claims

DOC_DATE = "2023-06-15"


def claims_of(text: str, lang: str | None = None, date: str | None = DOC_DATE):
    return checked_claims(text, lang=lang, date=date)


def _d(x):
    return None if x is None else Decimal(str(x))


# (id, text, lang, surface, value, kind, unit, qualifier) — value None means a range or a date
NUMBER_CASES = [
    ("decimal", "手机网民规模为9.86亿,网民中使用手机上网的比例为99.7%。", None, "99.7%", 99.7, "percent", "%", "exact"),
    ("thousands-ascii", "The trains carried 5,000 containers.", "en", "5,000", 5000, "count", "", "exact"),
    ("thousands-fullwidth", "总额5，000元。", None, "5，000元", 5000, "amount", "CNY", "exact"),
    ("fullwidth-digits", "完成好年内１３００万人落户硬任务。", None, "１３００万人", 13000000, "count", "person", "exact"),
    ("sign", "工业生产者出厂价格下降－2.1%。", None, "－2.1%", -2.1, "growth_rate", "%", "exact"),
    ("cn-shisanyi", "我们有十三亿人口。", None, "十三亿", 1300000000, "count", "", "exact"),
    ("cn-liangqian", "新增两千人。", None, "两千人", 2000, "count", "person", "exact"),
    ("cn-sanshijiu", "共有三十九个国家参加。", None, "三十九个国家", 39, "count", "country", "exact"),
    ("cn-yibaiershiwan", "安置一百二十万人。", None, "一百二十万人", 1200000, "count", "person", "exact"),
    ("cn-ling", "收入一百零五元。", None, "一百零五元", 105, "amount", "CNY", "exact"),
    ("cn-big", "财政收入二百九十七亿九千六百万元。", None, "二百九十七亿九千六百万元", 29796000000, "amount", "CNY", "exact"),
    ("mixed-yi", "我国网民规模达10.67亿人。", None, "10.67亿人", 1067000000, "count", "person", "exact"),
    ("mixed-wanyi", "国内生产总值达到13.79万亿元。", None, "13.79万亿元", 13790000000000, "amount", "CNY", "exact"),
    ("mixed-24wanyi", "数字经济规模达到2.4万亿元。", None, "2.4万亿元", 2400000000000, "amount", "CNY", "exact"),
    ("mixed-wan", "建成6.19万个。", None, "6.19万个", 61900, "count", "个", "exact"),
    ("mixed-duo", "人口14亿多人。", None, "14亿多人", 1400000000, "count", "person", "lower"),
    ("mixed-yu", "参保141.09万余人。", None, "141.09万余人", 1410900, "count", "person", "lower"),
    ("trad-yi", "網民規模達10.67億人。", "zh-Hant", "10.67億人", 1067000000, "count", "person", "exact"),
    ("trad-zhao", "若換算成新台幣為2兆736億元。", "zh-Hant", "2兆736億元", 2073600000000, "amount", "CNY", "exact"),
    ("trad-tenth", "九月出口為五四二點五億美元。", "zh-Hant", "五四二點五億美元", 54250000000, "amount", "USD", "exact"),
    ("trad-pp", "上修0.73個百分點。", "zh-Hant", "0.73個百分點", 0.73, "pp_change", "pp", "exact"),
    ("en-billion", "Internet users reached 1.07 billion.", "en", "1.07 billion", 1070000000, "count", "", "exact"),
    ("en-trillion-yuan", "GDP reached 74.41 trillion yuan.", "en", "74.41 trillion yuan", 74410000000000, "amount", "CNY", "exact"),
    ("en-percent", "Retail sales rose 5.5 percent.", "en", "5.5 percent", 5.5, "growth_rate", "%", "exact"),
    ("en-pp", "The rate was down 3.9 percentage points.", "en", "3.9 percentage points", 3.9, "pp_change", "pp", "exact"),
    ("en-dollar-prefix", "Retail sales reached 12.42 trillion yuan ($2.02 trillion).", "en", "$2.02 trillion", 2020000000000, "amount", "USD", "exact"),
    ("en-word-number", "to over 20 trillion yuan, or almost three trillion US dollars.", "en", "almost three trillion US dollars", 3000000000000, "amount", "USD", "upper"),
    ("pct-words", "占比为百分之六十五点九。", None, "百分之六十五点九", 65.9, "percent", "%", "exact"),
    ("pct-words-trad", "年增百分之卅四點一。", "zh-Hant", "百分之卅四點一", 34.1, "growth_rate", "%", "exact"),
    ("pct-fullwidth", "年增率為69.9％。", "zh-Hant", "69.9％", 69.9, "growth_rate", "%", "exact"),
    ("permille", "人口自然增长率为5‰。", None, "5‰", 5, "growth_rate", "‰", "exact"),
    ("pp", "较2021年12月提升3.9个百分点。", None, "3.9个百分点", 3.9, "pp_change", "pp", "exact"),
    ("growth", "社会消费品零售总额同比增长5.5%。", None, "5.5%", 5.5, "growth_rate", "%", "exact"),
    ("decline", "水泥15512万吨,下降2.1%。", None, "2.1%", 2.1, "growth_rate", "%", "exact"),
    ("multiple", "招聘人数增长了1.35倍。", None, "1.35倍", 1.35, "growth_rate", "倍", "exact"),
    ("multiple-is", "是上年的1.5倍。", None, "1.5倍", 1.5, "multiple", "倍", "exact"),
    ("doubling", "粮食产量翻一番。", None, "翻一番", 2, "multiple", "倍", "exact"),
    ("fraction", "传产货类只剩下四分之一。", None, "四分之一", 0.25, "fraction", "", "exact"),
    ("fraction-third", "三分之一的人。", None, "三分之一", Decimal(1) / Decimal(3), "fraction", "", "exact"),
    ("hk-cheng", "按年上升三成一。", None, "三成一", 31, "growth_rate", "%", "exact"),
    ("rank", "10.67亿人,居世界第一。", None, "第一", 1, "rank", "", "exact"),
    ("rank-wei", "中国天然气储量在世界上位于第13位。", None, "第13位", 13, "rank", "", "exact"),
    ("ordinal-jie", "第三十九届大会。", None, "第三十九届", 39, "ordinal", "届", "exact"),
    ("ordinal-ci", "第51次《中国互联网络发展状况统计报告》。", None, "第51次", 51, "ordinal", "次", "exact"),
    ("duration-lianxu", "已连续9年举办。", None, "连续9年", 9, "duration", "year", "exact"),
    ("duration-shige", "时隔17年再次举办。", None, "时隔17年", 17, "duration", "year", "exact"),
    ("anniversary", "迎来成立20周年。", None, "20周年", 20, "duration", "year", "exact"),
    ("nianTou", "这是第9个年头。", None, "第9个年头", 9, "duration", "year", "exact"),
    ("nianlai", "10年来,世界互联网大会作用不断提升。", None, "10年来", 10, "duration", "year", "exact"),
    ("duration-months", "並連續26個月正成長。", "zh-Hant", "連續26個月", 26, "duration", "month", "exact"),
    ("year", "自2014年以来。", None, "2014年", 2014, "year", "", "exact"),
    ("year-cn", "到二〇三五年基本实现现代化。", None, "二〇三五年", 2035, "year", "", "exact"),
    ("year-fullwidth", "１９５６年国家预算。", None, "１９５６年", 1956, "year", "", "exact"),
    ("year-spaced", "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元。", None, "1 9 9 7 年", 1997, "year", "", "exact"),
    ("amount-spaced", "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元。", None, "7 4 7 7 2 亿元", 7477200000000, "amount", "CNY", "exact"),
    ("roc-year", "111年每戶家庭可支配所得平均數為110.9萬元。", "zh-Hant", "111年", 2022, "year", "", "exact"),
    ("teu", "集装箱吞吐量120万标箱。", None, "120万标箱", 1200000, "count", "TEU", "exact"),
    ("usd", "实际到位456亿美元。", None, "456亿美元", 45600000000, "amount", "USD", "exact"),
    ("person-time", "接待游客300万人次。", None, "300万人次", 3000000, "count", "person_time", "exact"),
    ("en-countries", "The trains reached 25 European countries.", "en", "25 European countries", 25, "count", "country", "exact"),
]


@pytest.mark.parametrize("text, lang, surface, value, kind, unit, qualifier",
                         [c[1:] for c in NUMBER_CASES], ids=[c[0] for c in NUMBER_CASES])
def test_number_forms(text, lang, surface, value, kind, unit, qualifier):
    c = find(claims_of(text, lang), surface)
    assert c.value == _d(value) if not isinstance(value, Decimal) else c.value == value
    assert (c.kind, c.unit, c.qualifier) == (kind, unit, qualifier)


RANGE_CASES = [
    ("zhi", "人口3至5万。", "3至5万", 30000, 50000),
    ("hyphen", "3-5万人。", "3-5万人", 30000, 50000),
    ("tilde", "3~5万元。", "3~5万元", 30000, 50000),
    ("both-magnitudes", "在18萬至22萬人之间。", "18萬至22萬人", 180000, 220000),
    ("percents", "年增幅上看48%至50%。", "上看48%至50%", 48, 50),
    ("age", "以15-24歲失業率13.57%最高。", "15-24歲", 15, 24),
    ("years", "2015年至2024年,全球数字服务贸易年均增速达8.9%。", "2015年至2024年", 2015, 2024),
]


@pytest.mark.parametrize("text, surface, low, high", [c[1:] for c in RANGE_CASES], ids=[c[0] for c in RANGE_CASES])
def test_ranges(text, surface, low, high):
    c = find(claims_of(text), surface)
    assert c.value is None
    assert (c.low, c.high) == (_d(low), _d(high))


QUALIFIER_CASES = [
    ("chao", "超3800亿元", "超3800亿元", "lower", 380000000000, None),
    ("chaoguo", "超过20个统计图", "超过20个", "lower", 20, None),
    ("yu", "逾五成", "逾五成", "lower", 50, None),
    ("tupo", "突破600億美元大關", "突破600億美元", "lower", 60000000000, None),
    ("yishang", "60岁以上网民", "60岁以上", "lower", 60, None),
    ("zhishao", "至少3家", "至少3家", "lower", 3, None),
    ("jin", "近15年來最大", "近15年來", "upper", None, 15),
    ("budao", "不到1000人", "不到1000人", "upper", None, 1000),
    ("yixia", "网龄在一年以下的网民", "一年以下", "upper", None, 1),
    ("shaoyu", "少于1000万人的省份", "少于1000万人", "upper", None, 10000000),
    ("yue", "约1300万元", "约1300万元", "approx", Decimal("12350000"), Decimal("13650000")),
    ("zuoyou", "5%左右", "5%左右", "approx", Decimal("4.5"), Decimal("5.5")),
    ("en-more-than", "more than 60 percent of residents", "more than 60 percent", "lower", 60, None),
    ("en-nearly", "nearly 300 people", "nearly 300 people", "upper", None, 300),
    ("en-about", "about 3.19 trillion U.S. dollars", "about 3.19 trillion U.S. dollars", "approx",
     Decimal("3030500000000.00"), Decimal("3349500000000.00")),
    ("exact-interval", "网民规模达10.67亿", "10.67亿", "exact", 1066500000, 1067500000),
]


@pytest.mark.parametrize("text, surface, qualifier, low, high", [c[1:] for c in QUALIFIER_CASES],
                         ids=[c[0] for c in QUALIFIER_CASES])
def test_qualifiers_set_the_interval(text, surface, qualifier, low, high):
    lang = "en" if text.isascii() else None
    c = find(claims_of(text, lang), surface)
    assert c.qualifier == qualifier
    assert (c.low, c.high) == (_d(low) if not isinstance(low, Decimal) else low,
                               _d(high) if not isinstance(high, Decimal) else high)


NOT_CLAIMS = [
    ("hotline", "咨询热线:010-82341063。"),
    ("phone", "联系电话 010-82341063"),
    ("postal-code", "邮发代号 2-786"),
    ("url", "原文链接 http://news.cn/fortune/2023-12/15/c_1130028707.htm"),
    ("image-name", "6151d3dd8e9f09127d53f541_1024.jpg"),
    ("hash", "id 6151d3dd8e9f09127d53f541"),
    ("html-attribute", '<img data-height="2015" data-width="1080" id="img_0">'),
    ("version", "升级到 v2.3.1 版本"),
    ("binary-art", "000110011\n1101000111010001\n0001101000011001010"),
    ("list-marker-paren", "(三)加强管理"),
    ("list-marker-lead", "26.治安管理"),
    ("list-marker-dun", "9、深化改革"),
    ("circled", "①加强管理"),
    ("names-with-digits", "IPv6和5G网络"),
    ("enumeration", "一是加强管理,二是深化改革"),
    ("lexicalised", "一方面,进一步统一思想,亿万人民"),
    ("article-yi", "这是一项重要工作,一家企业"),
    ("period-window", "1至11月份"),
    ("month-window", "11月份"),
    ("time-of-day", "开放时间11:00～11:30"),
    ("meiri", "每"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_CLAIMS], ids=[c[0] for c in NOT_CLAIMS])
def test_not_claims(text):
    assert claims_of(text) == []


def test_binary_digit_art_of_seed_004_is_not_a_claim():
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "seeds"
    text = next(seed.glob("004_*.txt")).read_text(encoding="utf-8")
    art = [ln for ln in text.splitlines() if ln and set(ln) <= {"0", "1"} and len(ln) >= 8]
    assert len(art) > 10
    doc = document_from_text(text, lang="zh-Hans")
    for c in extract_claims(doc):
        assert not (set(c.surface) <= {"0", "1"} and len(c.surface) >= 8), c.surface


PERIOD_CASES = [
    ("explicit-month", "截至2022年12月,我国网民规模达10.67亿人。", "10.67亿人", "2022-12", "inherited"),
    ("explicit-year", "2021年全国电子商务市场交易规模为7万亿元。", "7万亿元", "2021", "explicit"),
    ("year-end", "2021年末全国人口141260万人。", "141260万人", "2021-12", "explicit"),
    ("interval", "2024年1至8月,出口增长6%。", "6%", "2024-01/2024-08", "inherited"),
    ("quarters", "2023年首3季本地生产总值按年实质增长77.7%。", "77.7%", "2023-01/2023-09", "explicit"),
    ("half-relative", "上半年,GDP增长5.5%。", "5.5%", "2023-01/2023-06", "relative"),
    ("quarter-relative", "一季度增长4%。", "4%", "2023-01/2023-03", "relative"),
    ("roc", "111年每戶家庭可支配所得平均數為110.9萬元。", "110.9萬元", "2022", "explicit"),
    ("this-year-month", "今年3月,出口增长5%。", "5%", "2023-03", "relative"),
    ("last-year", "去年,中国全年工业增加值比上年增长8.9%。", "8.9%", "2022", "relative"),
    ("yesterday", "昨天发布的数据显示增长2%。", "2%", "2023-06-14", "relative"),
    ("vague", "近年来增长4%。", "4%", "", "none"),
    ("base-ref", "截至2022年12月,我国网民规模达10.67亿人,较2021年12月提升3.9个百分点。", "3.9个百分点",
     "2021-12/2022-12", "inherited"),
    ("base-ref-roc", "111年每戶可支配所得為110.9萬元,較110年增1.7%。", "1.7%", "2021/2022", "inherited"),
    ("relative-base-stays", "2023年,实物商品网上零售额比上年增长8.4%。", "8.4%", "2023", "inherited"),
    ("list-inherits", "截至2023年6月,中国域名总数为3024万个;IPv6活跃用户数达7.67亿。", "7.67亿", "2023-06",
     "inherited"),
    ("en-after", "China's GDP expanded 6.7 percent year-on-year in 2016.", "6.7 percent", "2016", "explicit"),
    ("en-base", "The rate stood at 5.2 percent in 2023, down 0.4 percentage points from 2022.",
     "0.4 percentage points", "2022/2023", "inherited"),
    ("from-to", "2015年至2024年,数字服务贸易占比从43.2%攀升至53.4%。", "53.4%", "2024", "inherited"),
]


@pytest.mark.parametrize("text, surface, period, basis", [c[1:] for c in PERIOD_CASES],
                         ids=[c[0] for c in PERIOD_CASES])
def test_periods(text, surface, period, basis):
    lang = "en" if text.isascii() else ("zh-Hant" if "每戶" in text else None)
    c = find(claims_of(text, lang), surface)
    assert (c.period, c.period_basis) == (period, basis)


DATE_CASES = [
    ("md-doc-year", "9月26日,峰会开幕。", "9月26日", "2022-09-26"),
    ("ymd", "2017年12月3日,习近平主席致贺信。", "2017年12月3日", "2017-12-03"),
    ("ym", "截至2022年12月", "2022年12月", "2022-12"),
    ("en", "on December 3, 2017.", "December 3, 2017", "2017-12-03"),
    ("en-md", "BEIJING, July 15 (Xinhua) -- data", "July 15", "2022-07-15"),
    ("paren-day", "財政部昨（9）日公布", "（9）日", "2023-06-09"),
    ("cn-range", "在二零一九年八月至二零二零年十二月期间", "二零一九年八月至二零二零年十二月", "2019-08/2020-12"),
]


@pytest.mark.parametrize("text, surface, period", [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_dates(text, surface, period):
    c = find(claims_of(text, "en" if text.isascii() else None), surface)
    assert c.kind == "date" and c.value is None and c.period == period


METRIC_CASES = [
    ("before-da", "我国网民规模达8.45亿。", "8.45亿", "我国网民规模", "internet_users"),
    ("list", "截至2022年12月,网络购物用户规模达8.45亿,网络支付用户规模达9.11亿。", "9.11亿", "网络支付用户规模", None),
    ("inherit-growth", "全年生猪出栏72662万头,比上年增长3.8%。", "3.8%", "生猪出栏", None),
    ("fenbie", "全年农村和农产品网络零售额分别达2.49万亿元和0.59万亿元。", "0.59万亿元", "农产品网络零售额", None),
    ("fenbie-earlier-clause", "网约车、互联网医疗用户规模增长明显,较2022年12月分别增长9057万人、5139万人。", "5139万人",
     "互联网医疗用户规模", None),
    ("counted-after", "公告共包含22名外逃人员。", "22名", "外逃人员", None),
    ("share", "占社会消费品零售总额的比重达到27.6%,占比较上年提升0.4个百分点。", "0.4个百分点", "占比", None),
    ("trad", "中國域名總數為3024萬個。", "3024萬個", "中國域名總數", None),
    ("en-subject", "China's retail sales of consumer goods went up 3.7 percent.", "3.7 percent",
     "retail sales of consumer goods", "total_retail_sales"),
    ("en-inherit", "Retail sales grew 12.1 percent year on year to 12.42 trillion yuan.", "12.42 trillion yuan",
     "Retail sales", None),
]


@pytest.mark.parametrize("text, surface, metric, key", [c[1:] for c in METRIC_CASES], ids=[c[0] for c in METRIC_CASES])
def test_metric_attribution(text, surface, metric, key):
    lang = "en" if text.isascii() else ("zh-Hant" if "國" in text else None)
    c = find(claims_of(text, lang), surface)
    assert metric in c.metric
    if key:
        assert c.metric_key == key


def test_direction_of_decreases():
    c = find(claims_of("水泥15512万吨,下降2.0%;小麦种植面积增加11万公顷。"), "2.0%")
    assert (c.value, c.direction) == (Decimal("2.0"), "down")
    c = find(claims_of("小麦种植面积增加11万公顷。"), "11万公顷")
    assert c.direction == "up"


def test_claim_ids_are_stable_and_unique():
    text = "截至2022年12月,我国网民规模达10.67亿人,较2021年12月提升3.9个百分点。"
    a = [c.claim_id for c in claims_of(text)]
    b = [c.claim_id for c in claims_of(text)]
    assert a == b and len(set(a)) == len(a)


def test_claims_frame_dtypes():
    from factlib.claims.frame import claims_frame
    from factlib.claims.record import COLUMNS

    df = claims_frame([document_from_text("我国网民规模达10.67亿人,互联网普及率达75.6%。", id="d1")])
    assert list(df.columns) == list(COLUMNS)
    assert str(df["value"].dtype) == "Float64" and str(df["start"].dtype) == "Int64"
    assert str(df["kind"].dtype) == "category"
    assert df["value"].tolist() == [1067000000.0, 75.6]


def test_record_is_json_ready():
    import json

    (c,) = [c for c in claims_of("超3800亿元") if c.surface == "超3800亿元"]
    rec = json.loads(json.dumps(c.to_record()))
    assert rec["low"] == 380000000000.0 and rec["high"] is None and rec["value"] == 380000000000.0
    assert isinstance(c.value, Decimal)


@pytest.mark.parametrize("text", ["1..2亿", "9999万亿亿", "1" + "0" * 40, "%", "百分之", "第", "分之一", "—" * 50,
                                  "0." * 100, "年月日", "(一)", "$", "三分之零", "翻十一番", "1-", "-1", "+"],
                         ids=lambda t: t[:12])
def test_odd_strings_never_raise(text):
    claims_of(text)
    claims_of(text, "en")


def test_huge_number_keeps_its_digits():
    c = claims_of("共" + "1" + "0" * 40 + "元")[0]
    assert c.value == Decimal("1" + "0" * 40)


# Decades, years before 中/内/间, minutes, fixed phrases and English shares (benchmark corpus and
# dev-set sentences): (text, lang, surface, kind, value, low, high, unit, period)
FORM_CASES = [
    ("要归功于魔岩唱片在20世纪90年代的努力", None, "20世纪90年代", "year", None, 1990, 1999, "", "1990/1999"),
    ("此法于19世纪60年代由索尔维公司实现现代化生产", None, "19世纪60年代", "year", None, 1860, 1869, "", "1860/1869"),
    ("1930年代已经形成繁盛的商业街", None, "1930年代", "year", None, 1930, 1939, "", "1930/1939"),
    ("上世纪60年代，我国人口增长很快。", None, "上世纪60年代", "year", None, 1960, 1969, "", "1960/1969"),
    ("到了80年代，电视机开始普及。", None, "80年代", "year", None, 1980, 1989, "", "1980/1989"),
    ("二十世纪九十年代，GDP年均增长9.5%。", None, "二十世纪九十年代", "year", None, 1990, 1999, "", "1990/1999"),
    ("在2008年至2015年间", None, "2008年至2015年", "year", None, 2008, 2015, "", "2008/2015"),
    ("他在2011年中超预备队联赛中打入12球", None, "2011年", "year", 2011, 2011, 2011, "", "2011"),
    ("《2024年中非互联网发展与合作报告》发布。", None, "2024年", "year", 2024, 2024, 2024, "", "2024"),
    ("每方90分钟", None, "90分钟", "duration", 90, 89.5, 90.5, "minute", ""),
    ("IE6 shipped with Windows XP, nearly a decade ago.", "en", "nearly a decade", "duration", 10, None, 10, "year", ""),
    ("which marked its lowest growth in a quarter of a century.", "en", "a quarter of a century", "duration",
     25, 25, 25, "year", ""),
    ("鋼鐵工業在過去的半個世紀中", None, "半個世紀", "duration", 50, 50, 50, "year", ""),
    ("One in five children - some as young as 11 - are creating social media accounts.", "en", "One in five",
     "fraction", 0.2, 0.2, 0.2, "", ""),
    ("At that time, one in three visits to the site came from BBC News.", "en", "one in three", "fraction",
     Decimal(1) / Decimal(3), Decimal(1) / Decimal(3), Decimal(1) / Decimal(3), "", ""),
]


@pytest.mark.parametrize("text, lang, surface, kind, value, low, high, unit, period", FORM_CASES,
                         ids=[c[2] for c in FORM_CASES])
def test_decades_idioms_minutes_and_shares(text, lang, surface, kind, value, low, high, unit, period):
    c = find(claims_of(text, lang=lang), surface)
    assert (c.kind, c.unit) == (kind, unit)
    assert (c.value, c.low, c.high) == (_d(value), _d(low), _d(high))
    if period:
        assert c.period == period


@pytest.mark.parametrize("text", ["20年代的上海", "number 3 in the company Hitwise UK's category", "a 2-in-1 laptop"])
def test_no_decade_or_share_without_evidence(text):
    claims = claims_of(text, lang="en" if text.isascii() else None)
    assert not any(c.kind in ("fraction", "year") for c in claims)


def test_extraction_leaves_the_garbage_collector_as_it_found_it():
    import gc

    text = "截至2022年12月，我国网民规模达10.67亿人。"
    assert gc.isenabled()
    assert claims_of(text)
    assert gc.isenabled()
    gc.disable()
    try:
        assert claims_of(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
