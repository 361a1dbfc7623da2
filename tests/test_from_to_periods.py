"""从/由 X 提高到 Y: X is the level at the start of the span a section reviews, Y the level at its end
(issue 12, patterns 1-2).  Real sentences of the government work reports in ../shared/corpus (copied
here), each under its own section heading, with the report's delivery date:

* a review of several years (``过去五年工作回顾``, ``“十一五”时期…的回顾``): X is the year before the run,
  Y its last year, even when the sentence before stated another single year;
* a review of one year (``2011年工作回顾``): X is the year before, Y the year reviewed -- not in a plan
  (``将…从75%提高到100%``) and not in a sentence that speaks of several years (年均, 累计, 五年);
* ``从1997年的509亿元增加到2002年的1161亿元，…比重从0.64%提高到1.13%``: a later pair without years starts
  and ends where the first one did.
"""
from __future__ import annotations

import pytest

from factlib.claims.extract import extract_claims
from factlib.documents.load import document_from_text

CASES = [
    ("2012-one-year", "2012-03-05", "一、2011年工作回顾\n（四）切实保障和改善民生，解决关系群众切身利益的问题。",
     "个人所得税起征点从2000元提高到3500元。", {"2000元": "2010", "3500元": "2011"}),
    ("2011-plan-run", "2011-03-05", "一、“十一五”时期国民经济和社会发展的回顾",
     "国内生产总值达到39.8 万亿元，年均增长11.2%，财政收入从3.16万亿元增加到8.31万亿元。",
     {"3.16万亿元": "2005", "8.31万亿元": "2010"}),
    ("2018-five-years", "2018-03-05", "一、过去五年工作回顾",
     "五年来，经济结构出现重大变革。消费贡献率由54.9%提高到58.8%，服务业比重从45.3%上升到51.6%，成为经济增长主动力。"
     "城镇化率从52.6%提高到58.5%，8000多万农业转移人口成为城镇居民。",
     {"54.9%": "2012", "58.8%": "2017", "45.3%": "2012", "51.6%": "2017", "52.6%": "2012", "58.5%": "2017"}),
    ("2003-parallel-pair", "2003-03-05", "一、过去五年政府工作的回顾",
     "全国研究与试验开发经费，从1997年的509亿元增加到2002年的1161亿元，占国内生产总值的比重从0.64%提高到1.13%。",
     {"509亿元": "1997", "1161亿元": "2002", "0.64%": "1997", "1.13%": "2002"}),
    ("2022-plan-untouched", "2022-03-05", "三、2022年政府工作任务",
     "加大研发费用加计扣除政策实施力度，将科技型中小企业加计扣除比例从75%提高到100%，对企业投入基础研究实行税收优惠。",
     {"75%": "2022", "100%": "2022"}),
]


@pytest.mark.parametrize("case_id,date,heading,text,years", CASES, ids=[c[0] for c in CASES])
def test_from_to_pair_periods(case_id, date, heading, text, years):
    doc = document_from_text(heading + "\n" + text, id=case_id, date=date, lang="zh-Hans")
    got = {c.surface: c for c in extract_claims(doc)}
    for surface, year in years.items():
        assert surface in got, (surface, sorted(got))
        c = got[surface]
        own = c.period.split("/")[-1] if c.base_period else c.period
        assert own[:4] == year and "/" not in own, (surface, c.period, c.period_basis)
