"""Check `temporal`: durations, anniversaries and editions against the event lexicon."""
import pytest

import factlib
from checks_support import claim, frame
from factlib.checks.temporal import claim_date, default_events


def _duration(surface, value, sentence, doc_date=None, years=(), lang="zh-Hans"):
    rows = [claim("d", surface, value=value, kind="duration", unit="year", sentence=sentence,
                  start=sentence.find(surface), doc_date=doc_date, lang=lang)]
    for y in years:
        rows.append(claim("d", y, value=float(y.rstrip("年 ")), kind="year", sentence=sentence,
                          start=sentence.find(y), doc_date=doc_date, lang=lang))
    return factlib.check(frame(*rows), checks=["temporal"])


def _verdict_of(f, surface):
    rows = f[f.explanation.str.contains(f"“{surface}”")]
    return rows.iloc[0].verdict


@pytest.mark.parametrize("surface,value,sentence,doc_date,years,verdict", [
    ("8 年", 8, "自 2014 年以来，世界互联网大会已连续举办 8 年。", "2021-09-27", ["2014 年"], "consistent"),
    ("5 年", 5, "自 2014 年以来，世界互联网大会已连续举办 5 年。", "2021-09-27", ["2014 年"], "contradicted"),
    ("9個年頭", 9, "如今,世界互聯網大會已走過9個年頭,“攜手構建網絡空間命運共同體”成為大會永久主題。", "2023-07-15", [], "consistent"),
    ("5個年頭", 5, "如今,世界互聯網大會已走過5個年頭。", "2023-07-15", [], "contradicted"),
    ("10年", 10, "10年来，世界互联网大会搭建平台、凝聚共识的作用不断提升。", "2024-11-21", [], "consistent"),
    ("20周年", 20, "2014年,中國迎來全功能接入國際互聯網20周年。", "2023-07-15", ["2014年"], "consistent"),
    ("25周年", 25, "2014年,中國迎來全功能接入國際互聯網25周年。", "2023-07-15", ["2014年"], "contradicted"),
    ("時隔17年", 17, "2016年,第三十九屆國際標準化組織(ISO)大會在北京召開,這是中國時隔17年再次承辦該大會。", "2023-07-15", ["2016年"], "consistent"),
    ("時隔15年", 15, "2016年,第三十九屆國際標準化組織(ISO)大會在北京召開,這是中國時隔15年再次承辦該大會。", "2023-07-15", ["2016年"], "contradicted"),
    ("8 consecutive years", 8, "Since 2014, the World Internet Conference has been held for 8 consecutive years.", "2021-09-27", ["2014"], "consistent"),
], ids=["8年@2021", "5年@2021", "9个年头@2023", "5个年头@2023", "10年来@2024", "20周年@2014", "25周年@2014",
        "时隔17年@2016", "时隔15年@2016", "en 8 years"])
def test_durations(surface, value, sentence, doc_date, years, verdict):
    f = _duration(surface, value, sentence, doc_date, years)
    assert _verdict_of(f, surface) == verdict


def test_year_guessed_from_the_document_never_contradicts():
    s = "如今,世界互聯網大會已走過5個年頭。"
    rows = frame(claim("d", "5個年頭", value=5.0, kind="duration", unit="year", sentence=s, start=12),
                 claim("d", "2023年", value=2023.0, kind="year", sentence="2023年2月…", sentence_id=3, start=99))
    assert _verdict_of(factlib.check(rows, checks=["temporal"]), "5個年頭") == "needs_review"


@pytest.mark.parametrize("ordinal,number,date_surface,verdict", [
    ("第四届", 4, "2017年12月3日", "consistent"),
    ("第五届", 5, "2017年12月3日", "contradicted"),
    ("第四届", 4, "2017年12月2日", "consistent"),     # 12-02 per one mirror: within the tolerance
], ids=["4th=2017-12-03", "5th≠2017", "12-02"])
def test_edition_against_date(ordinal, number, date_surface, verdict):
    s = f"{date_surface}，习近平主席在致{ordinal}世界互联网大会的贺信中指出"
    rows = frame(claim("d", ordinal, value=float(number), kind="ordinal", unit="届", sentence=s, start=s.find(ordinal)),
                 claim("d", date_surface, value=None, kind="date", sentence=s, start=0))
    f = factlib.check(rows, checks=["temporal"])
    assert list(f.verdict) == [verdict]


def test_start_year_of_the_series():
    s = "自2013年以来，世界互联网大会已连续举办8年。"   # one outlet's error: it began in 2014
    rows = frame(claim("d", "2013年", value=2013.0, kind="year", sentence=s, start=1))
    assert list(factlib.check(rows, checks=["temporal"]).verdict) == ["contradicted"]


@pytest.mark.parametrize("surface,period,iso", [
    ("2017 年 12 月 3 日", "", "2017-12-03"),
    ("December 3, 2017", "", "2017-12-03"),
    ("9月26日", "2021-09-26", "2021-09-26"),
    ("9月26日", "", None),
], ids=["zh", "en", "period", "no year"])
def test_claim_date(surface, period, iso):
    d = claim_date(surface, period)
    assert (d.isoformat() if d else None) == iso


def test_event_lexicon():
    ev = default_events()
    assert ev.first_year["wic"] == 2014
    assert ev.edition("wic", 4).date.isoformat() == "2017-12-03"
    assert ev.edition("wic", 7).status == "cancelled"
    assert ev.previous_year("iso_general_assembly_beijing", 2016) == 1999
    assert ev.first_year["china_full_internet_access"] == 1994
