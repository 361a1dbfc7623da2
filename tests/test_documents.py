"""Documents from the seed files: metadata, cleaning, sentences (issue: foundation)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.documents.load import document_from_text, load_document


def test_seed_files_are_byte_for_byte_copies(seeds_dir):
    # sha256 of the five seed files as published in the shared seeds folder
    expected = {
        line.split()[1]: line.split()[0]
        for line in (seeds_dir.parent / "tests" / "data" / "seeds.sha256").read_text().splitlines()
        if line.strip()
    }
    assert len(expected) == 5
    for name, sha in expected.items():
        assert hashlib.sha256((seeds_dir / name).read_bytes()).hexdigest() == sha, name


SEED_META = [
    # prefix, date, lang, title (None = not checked), format
    ("000", dt.date(2021, 9, 27), "zh-Hans", "迈向数字文明新时代的中国方案", "html"),
    ("001", dt.date(2024, 11, 20), "zh-Hans", "聚焦乌镇 | 共赴美好数字未来——我国积极推动全球互联网发展治理迈向更高水平", "markdown"),
    ("002", None, "en", "China's plan towards a new era of digital civilization", "text"),
    ("003", dt.date(2023, 7, 15), "zh-Hant", "從網絡大國闊步邁向網絡強國 ——黨的十八大以來我國網信工作成就綜述", "text"),
    ("004", None, "zh-Hans", "习近平主席这样阐释网络空间命运共同体", "text"),
]


@pytest.mark.parametrize("prefix,date,lang,title,fmt", SEED_META, ids=[m[0] for m in SEED_META])
def test_seed_metadata(seed_docs, prefix, date, lang, title, fmt):
    d = seed_docs[prefix]
    assert d.date == date
    assert d.lang == lang
    assert d.title == title
    assert d.format == fmt
    assert d.id.startswith(prefix + "_")
    assert re.fullmatch(r"[0-9a-f]{64}", d.sha256)


BOILERPLATE_GONE = [
    ("001", "扫码订阅"), ("001", "微信扫一扫"), ("001", "阅读原文"), ("001", "继续滑动看下一个"),
    ("001", "轻点两下取消赞"), ("001", "mmbiz.qpic.cn"), ("001", "![]"), ("001", "**"),
    ("003", "加入收藏"), ("003", "瀏覽字號"), ("003", "您現在的位置"), ("004", "扫一扫"),
    ("000", "<p>"), ("000", "img_box"), ("000", "zkres1.myzaker.com"),
]


@pytest.mark.parametrize("prefix,needle", BOILERPLATE_GONE, ids=[f"{p}-{n}" for p, n in BOILERPLATE_GONE])
def test_boilerplate_and_markup_removed(seed_docs, prefix, needle):
    assert needle not in seed_docs[prefix].text


CONTENT_KEPT = [
    ("000", "自 2014 年以来，世界互联网大会已连续举办 8 年。"),
    ("001", "数据显示，2024年1至8月，浙江规上数字经济核心产业营业收入突破2.4万亿元，同比增长5.5%"),
    ("001", "邮发代号 2-786"),  # not boilerplate: the extractor must reject it as a claim
    ("002", "Since 2014, the World Internet Conference has been held for 8 consecutive years."),
    ("003", "10.67億人,居世界第一,這是截至2022年12月我國網民規模;"),
    ("003", "已走過9個年頭"),
    ("004", "10年来，世界互联网大会搭建平台"),
    ("004", "0001101000011001010"),  # binary-digit art stays in the text; extraction ignores it
]


@pytest.mark.parametrize("prefix,needle", CONTENT_KEPT, ids=[f"{p}-{n[:12]}" for p, n in CONTENT_KEPT])
def test_content_kept_verbatim(seed_docs, prefix, needle):
    assert needle in seed_docs[prefix].text


def test_no_pinyin_annotation_left_in_003(seed_docs):
    text = seed_docs["003"].text
    toned = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
    assert not re.search(rf"[a-zü]*[{toned}][a-zü]*\)", text)
    assert "網民" in text and "網絡" in text
    assert "(后改為委員會)" in text  # a real parenthesis survives (its 會(huì) annotation does not)


def test_003_byline(seed_docs):
    d = seed_docs["003"]
    assert d.author == "黃慶暢 金 歆"
    assert d.source.startswith("人民網")


def test_front_matter_fields(seed_docs):
    assert seed_docs["001"].url.startswith("https://mp.weixin.qq.com/")
    assert seed_docs["001"].source == "中国信息安全"
    assert seed_docs["000"].author == "ZAKER"


def test_norm_view(seed_docs):
    d = seed_docs["003"]
    assert "10.67亿人" in d.norm and "网民规模" in d.norm
    i = d.norm.index("10.67亿人")
    s, e = d.text_span(i, i + len("10.67亿人"))
    assert d.text[s:e] == "10.67億人"
    # "…" unfolds to "..." under NFKC: the views differ in length, the map still holds
    assert "..." in d.norm and len(d.norm) > len(d.text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_sentences_cover_text(seed_docs, prefix):
    d = seed_docs[prefix]
    sents = d.sentences
    assert len(sents) > 10
    prev = 0
    for s in sents:
        assert s.text == d.text[s.start:s.end] and s.text.strip() == s.text and s.text
        assert s.start >= prev
        prev = s.end
    assert len(d.norm_sentences) == len(sents)


SENTENCE_CASES = [
    ("zh", "截至2022年12月，我国网民规模达10.67亿。互联网普及率达75.6%！真的？是的；好", 5),
    ("zh-newline", "第一行\n第二行\n\n第三行", 3),
    ("en-decimal", "Growth was 5.5 percent. It rose again.", 2),
    ("en-abbrev", "Mr. Smith met Dr. Wang in the U.S. on Monday. They talked.", 2),
    ("en-initial", "J. K. Rowling wrote it. Then she rested.", 2),
    ("ellipsis", "远程医疗、在线教育……当前，信息技术发展日益蓬勃。", 2),
    ("quote", "他说：“数据增长了。”随后离开。", 2),
]


@pytest.mark.parametrize("name,text,n", SENTENCE_CASES, ids=[c[0] for c in SENTENCE_CASES])
def test_sentence_splitting(name, text, n):
    d = document_from_text(text)
    assert len(d.sentences) == n, [s.text for s in d.sentences]


LANG_CASES = [
    ("simplified", "截至2022年12月，我国网民规模达10.67亿，互联网普及率达75.6%。", "zh-Hans"),
    ("traditional", "截至2022年12月，我國網民規模達10.67億，互聯網普及率達75.6%。", "zh-Hant"),
    ("english", "China had 1.067 billion internet users at the end of 2022, the statistics centre said.", "en"),
    ("mixed", "China internet users 网民规模 statistics centre report said 中国互联网络信息中心 figures today", "mixed"),
]


@pytest.mark.parametrize("name,text,lang", LANG_CASES, ids=[c[0] for c in LANG_CASES])
def test_language(name, text, lang):
    assert document_from_text(text).lang == lang


DATE_CASES = [
    ("rfc2822", "---\ntitle: t\ndate: Mon, 27 Sep 2021 06:23:00 GMT\n---\n正文。", dt.date(2021, 9, 27)),
    ("iso", "---\ndate: 2024-11-20\n---\n正文。", dt.date(2024, 11, 20)),
    ("quoted-iso-time", "---\ndate: '2024-11-20T08:00:00+08:00'\n---\n正文。", dt.date(2024, 11, 20)),
    ("chinese", "---\ndate: 2024年11月20日\n---\n正文。", dt.date(2024, 11, 20)),
    ("dateline", "標題\n來源:人民網 時間:2023-07-15 瀏覽字號:[ ]\n正文。", dt.date(2023, 7, 15)),
    ("dateline-zh", "标题\n发布时间：2022年3月5日\n正文。", dt.date(2022, 3, 5)),
    ("front-matter-wins", "---\ndate: 2021-01-02\n---\n时间:2023-07-15\n正文。", dt.date(2021, 1, 2)),
    ("none", "没有日期的正文，2022年增长5%。", None),
]


@pytest.mark.parametrize("name,content,date", DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_document_date(tmp_path, name, content, date):
    p = tmp_path / f"{name}.md"
    p.write_text(content, encoding="utf-8")
    import os

    os.utime(p, (1e9, 1e9))  # the file's time must never be used
    assert load_document(p).date == date


def test_markdown_images_dropped_link_text_kept(tmp_path):
    p = tmp_path / "m.md"
    p.write_text("# 标题\n\n![封面](https://x/y.png)\n\n见[新华网报道](https://xinhua.net/a)。**加粗**正文\n", encoding="utf-8")
    d = load_document(p)
    assert d.text == "标题\n\n见新华网报道。加粗正文"


def test_html_scripts_styles_dropped_paragraphs_kept(tmp_path):
    p = tmp_path / "h.html"
    p.write_text(
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<p>第一段&amp;数据</p><script>alert('x')</script><div>第二段<br>第三行</div><!-- c --></body></html>",
        encoding="utf-8",
    )
    d = load_document(p)
    assert d.text == "第一段&数据\n\n第二段\n第三行"


PINYIN_CASES = [
    ("annotation", "網(wǎng)民規(guī)模", "網民規模"),
    ("lost-char", "人民日?qǐng)?bào)社", "人民日??社"),
    ("fullwidth-parens", "中國（guó）", "中國"),
    ("toneless-kept", "助词(de)的用法", "助词(de)的用法"),
    ("english-kept", "乌镇(Wuzhen)峰会", "乌镇(Wuzhen)峰会"),
    ("long-kept", "北京(Běijīngshì)市", "北京(Běijīngshì)市"),
    ("chinese-parens-kept", "小組(后改為委員會)宣告成立", "小組(后改為委員會)宣告成立"),
]


@pytest.mark.parametrize("name,raw,clean", PINYIN_CASES, ids=[c[0] for c in PINYIN_CASES])
def test_remove_pinyin(name, raw, clean):
    from factlib.documents.cleaning import remove_pinyin

    assert remove_pinyin(raw) == clean


def test_boilerplate_table_is_extensible(tmp_path):
    from factlib.documents.cleaning import Boilerplate

    table = tmp_path / "bp.csv"
    table.write_text("# test\npattern,match,max_len,note\n本站声明,contains,20,x\n", encoding="utf-8")
    bp = Boilerplate.from_table(str(table))
    assert bp.drop("正文一\n本站聲明：轉載請註明\n正文二") == "正文一\n正文二"


def test_lone_surrogates_do_not_break_normalisation():
    d = document_from_text("網民\ud800規模達10.67億")
    assert len(d.norm) == len(d.text)
    assert d.norm == "网民\ufffd规模达10.67亿"


# The cleaners are plain loops and one charset-led regex for speed; these oracles are the
# straightforward regular expressions they replaced, compared on random text.
_TIDY_ALPHABET = list(" \t\u3000\xa0\n\r") + list("ab網民")
_PINYIN_ALPHABET = list("網民 ?(（)）\n") + list("wangǎède")


def _tidy_oracle(s: str) -> str:
    import re

    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = re.sub(r"[ \t\u3000\xa0]+$", "", s, flags=re.M)
    s = re.sub(r"^[ \t\u3000\xa0]+", "", s, flags=re.M)
    s = re.sub(r"\n{3,}", "\n\n", s)
    return s.strip("\n")


def _pinyin_oracle(s: str) -> str:
    import re

    toned = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
    syllable = rf"(?=[a-zü{toned}]*[{toned}])[a-zü{toned}]{{1,6}}"
    return re.sub(rf"(?:(?<=[^\s(（])[(（]|(?<=\?)){syllable}[)）]", "", s)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TIDY_ALPHABET), max_size=40).map("".join))
def test_tidy_matches_regex_oracle(s):
    from factlib.documents.markup import tidy

    assert tidy(s) == _tidy_oracle(s)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PINYIN_ALPHABET), max_size=40).map("".join))
def test_remove_pinyin_matches_regex_oracle(s):
    from factlib.documents.cleaning import remove_pinyin

    assert remove_pinyin(s) == _pinyin_oracle(s)
