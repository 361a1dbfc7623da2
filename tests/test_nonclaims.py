"""The non-claim mask: one grouped, gated pattern that must find what the rules say.

The mask is compiled into one regex with per-character groups and ``not_after`` gates (see
``factlib.vocab.nonclaims._compile``).  These tests hold it to the plain reading of the table: at each
position, in order, the first rule whose own pattern matches there masks its match (the scan goes
on at the next position, so a match inside another one counts too), and the spans are merged.
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from factlib.vocab.nonclaims import NonClaimRules, default_rules
from factlib.vocab.tables import read_table

ROOT = Path(__file__).resolve().parent.parent
RULES = [(r["name"], re.compile(r["pattern"])) for r in
         read_table("nonclaims", required=("name", "first", "pattern"), key=("name",))]


def plain_mask(text: str) -> list[tuple[int, int, str]]:
    """The rules applied one position at a time (slow, obviously right)."""
    out = []
    for p in range(len(text)):
        for name, rx in RULES:
            m = rx.match(text, p)
            if m is not None:
                out.append((p, m.end(), name))
                break
    return out


def fast_mask(text: str) -> list[tuple[int, int, str]]:
    mask = default_rules().mask(text)
    return list(zip(mask.starts, mask.ends, mask.names))


def merged(spans):
    """``Mask`` merges nested and overlapping spans; do the same to the plain result."""
    out = []
    for s, e, n in sorted(spans):
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e, out[-1][2])
            continue
        out.append((s, e, n))
    return out


CASES = [
    "咨询热线:010-82341063。", "联系电话 010-82341063", "邮发代号 2-786", "国内统一刊号:CN11-0001",
    "原文链接 http://news.cn/fortune/2023-12/15/c_1130028707.htm", "6151d3dd8e9f09127d53f541_1024.jpg",
    '<img data-height="2015" data-width="1080" id="img_0">', "升级到 v2.3.1 版本, 版本3.2, Python3.10.4",
    "000110011\n1101000111010001\n", "(三)加强管理 [2] 【4】", "26.治安管理\n9、深化改革。3、统一", "①加强管理⑫",
    "IPv6和5G网络, COVID-19, G20, 5bn, 10km, 3pm, 11:00～11:30, 3 p.m.", "一是加强,二是深化,统一是",
    "reader@example.com, a.b+c@x-y.org", "192.168.0.1 and 1.2.3.4.5", "Tel: 010 1234, Telephone: 12345",
    "ISSN 1002-4565 ISBN978-7", "1234567890123456 and 12345678901234元", "x2023年y abc123def.png",
]


def test_table_cases_match_the_plain_reading():
    for text in CASES:
        assert fast_mask(text) == merged(plain_mask(text)), text


def test_seeds_match_the_plain_reading():
    from factlib.documents.load import load_document

    for path in sorted((ROOT / "seeds").glob("*")):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        norm = load_document(path).norm
        assert fast_mask(norm) == merged(plain_mask(norm)), path.name


ALPHABET = "0123456789abcdefhpvwtxACFGIPTVW.-_:@/()+,=\"'<> \n。、是一二三十统热线电话邮编刊号版本①"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_random_text_matches_the_plain_reading(text):
    assert fast_mask(text) == merged(plain_mask(text))


def test_a_user_table_without_not_after_still_works(tmp_path):
    table = tmp_path / "rules.csv"
    table.write_text("# test rules\nname,first,pattern\nhotline,热,热线\\d+\nids,0-9,\"\\d{5,}\"\n", encoding="utf-8")
    rules = NonClaimRules(table)
    mask = rules.mask("热线12345 and 9876543")
    assert list(zip(mask.starts, mask.ends, mask.names)) == [(0, 7, "hotline"), (12, 19, "ids")]


def plain_lexicalised_at(rules: NonClaimRules, norm: str, start: int) -> str | None:
    for p in range(max(0, start - rules._maxlex + 1), start + 1):
        m = rules.lexicalised.match(norm, p)  # the longest word starting at p
        if m is not None and m.end() > start:
            return m.group()
    return None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二三万亿下方面进步统唯两会之九州十分千家户是个 ", max_size=16), st.data())
def test_lexicalised_at_matches_the_plain_reading(text, data):
    rules = default_rules()
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    assert rules.lexicalised_at(text, start, start + 1) == plain_lexicalised_at(rules, text, start)
