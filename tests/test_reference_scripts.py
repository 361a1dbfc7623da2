"""Planted wrong and right figures of national indicators, in simplified, traditional and English text, checked
end to end (extraction, then the `reference` check against the shipped reference tables) -- issue 15.

The simplified sentences are real: clauses of the State Council's government work reports in
``../shared/corpus/zh-hans-gov-work-reports.txt`` (the review of the year before, line numbers below),
given the report's own date.  The traditional cases are the same clauses in traditional characters
(OpenCC ``s2t``, the converter factlib itself depends on), so both scripts are held to the same rows.  The
English sentences are the statistics bureau's own (the pages saved in
``benchmarks/sources/nbs_releases_en/``).  Each case is kept as published (its figures must come out
``consistent``) and with one figure changed (that figure must come out ``contradicted``, and nothing else in
the text may).  Some right figures are confirmed by a row made from the same report
(``government_reports.csv``); the planted ones test that a wrong figure is caught whatever the row's source.
"""
from __future__ import annotations

import opencc
import pytest

import factlib
from factlib.documents.load import document_from_text

S2T = opencc.OpenCC("s2t")

#: (id, date, title, text as published, {figure as published: figure planted}[, more figures that must be
#: consistent[, reason the planted figures are not yet contradicted (a strict xfail)]])
CASES = [
    ("gwr2024-l91", "2024-03-05", "2024年政府工作报告",
     "过去一年，国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。城镇新增就业1244万人，"
     "城镇调查失业率平均为5.2%。居民消费价格上涨0.2%。",
     {"超过126万亿元": "超过136万亿元", "上涨0.2%": "上涨0.9%", "增长5.2%": "增长6.2%"}),
    ("gwr2022-l285", "2022-03-05", "2022年政府工作报告",
     "过去一年，国内生产总值达到114万亿元，增长8.1%。全国财政收入突破20万亿元，增长10.7%。",
     # 突破20万亿元 is a lower bound, as is its reference row: 突破22万亿元 does not conflict with it, so no plant there
     {"114万亿元": "124万亿元", "增长8.1%": "增长9.1%", "增长10.7%": "增长12.7%"}, ["突破20万亿元"]),
    ("gwr2019-l516", "2019-03-05", "2019年政府工作报告",
     "过去一年，国内生产总值增长6.6%，总量突破90万亿元。居民消费价格上涨2.1%。",
     {"增长6.6%": "增长7.6%", "上涨2.1%": "上涨2.9%"}),
    ("gwr2016-l877", "2016-03-05", "2016年政府工作报告",
     "过去一年，国内生产总值达到67.7万亿元，增长6.9%。",
     {"67.7万亿元": "69.7万亿元", "增长6.9%": "增长7.9%"}),
    ("nbs-en-2004-01-20", "2004-01-20", "Speech at the Press Conference on 2003 GDP Figures",
     "Gross Domestic Product of China in 2003 was 11.6694 trillion yuan, up 9.1% over the previous year.",
     {"11.6694 trillion yuan": "12.6694 trillion yuan", "up 9.1%": "up 8.1%"}, [],
     "English 'Gross Domestic Product of China in 2003 was N' leaves the claim without its own metric; the check "
     "guesses gdp from the sentence and so only asks for review (metric uncertain)"),
    ("nbs-en-2016-07-15", "2016-07-15", "Economy showed moderate but steady growth in the first half",
     "According to the preliminary estimation, the gross domestic product (GDP) of China was 34,063.7 billion yuan "
     "in the first half year of 2016.",
     {"34,063.7 billion yuan": "36,063.7 billion yuan"}, [],
     "the metric is read from 'of China', so a figure at odds is only reviewed (metric uncertain)"),
    ("nbs-en-2020-10-20", "2020-10-20", "Households' Income and Consumption Expenditure in the First Three Quarters of 2020",
     "In the first three quarters, China's per capita disposable income reached 23,781 yuan.",
     {"23,781 yuan": "25,781 yuan"}),
    ("nbs-en-2022-10-25", "2022-10-25", "Households' Income and Consumption Expenditure in the First Three Quarters of 2022",
     "In the first three quarters of the year, the per capita disposable income of residents nationwide was 27,650 yuan.",
     {"27,650 yuan": "26,650 yuan"}),
]


def _variants():
    for cid, date, title, text, plants, *more in CASES:
        also = more[0] if more else []
        marks = [pytest.mark.xfail(strict=True, reason=more[1])] if len(more) > 1 else []
        scripts = [("en", text, title)] if text.isascii() else [
            ("zh-Hans", text, title), ("zh-Hant", S2T.convert(text), S2T.convert(title))]
        for script, body, head in scripts:
            conv = (lambda s: s) if script != "zh-Hant" else S2T.convert
            yield pytest.param(date, head, body, [conv(s) for s in [*plants, *also]], None, id=f"{cid}-{script}-as-published")
            for right, wrong in plants.items():
                planted = body.replace(conv(right), conv(wrong), 1)
                assert planted != body
                yield pytest.param(date, head, planted, [conv(s) for s in [*plants, *also] if s != right], conv(wrong),
                                   id=f"{cid}-{script}-planted-{wrong}", marks=marks)


def _verdicts(date: str, title: str, text: str) -> dict[str, set[str]]:
    doc = document_from_text(text, id="doc", date=date, title=title)
    claims = factlib.claims_frame([doc])
    findings = factlib.check(claims, documents=[doc], checks=["reference"])
    surface = dict(zip(claims["claim_id"], claims["surface"]))
    out: dict[str, set[str]] = {}
    for cids, verdict in zip(findings["claim_ids"], findings["verdict"].astype(str)):
        for c in cids:
            out.setdefault(surface[c], set()).add(verdict)
    return out


def _find(verdicts: dict[str, set[str]], phrase: str) -> set[str]:
    """The verdicts of the claim whose surface is the figure of ``phrase`` (``增长5.2%`` -> ``5.2%``)."""
    hits = [v for s, v in verdicts.items() if s in phrase]
    assert hits, f"no finding on {phrase!r}: {verdicts}"
    return set().union(*hits)


@pytest.mark.parametrize("date,title,text,right,planted", list(_variants()))
def test_planted_figure_is_contradicted_and_the_right_ones_confirmed(date, title, text, right, planted):
    verdicts = _verdicts(date, title, text)
    for phrase in right:
        assert _find(verdicts, phrase) == {"consistent"}, (phrase, verdicts)
    if planted is not None:
        assert _find(verdicts, planted) == {"contradicted"}, (planted, verdicts)
    wrong = [s for s, v in verdicts.items() if "contradicted" in v and (planted is None or s not in planted)]
    assert not wrong, f"false contradictions: {wrong}"
