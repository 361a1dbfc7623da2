"""t2s on the lines that need it: the same text as OpenCC converting everything."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings, strategies as st

from factlib.vocab import t2s as t2s_table
from factlib.vocab.t2s import to_simplified

ROOT = Path(__file__).resolve().parent.parent
_FULL = opencc.OpenCC("t2s")


def full(s: str) -> str:
    try:
        return _FULL.convert(s)
    except UnicodeEncodeError:
        return _FULL.convert(t2s_table._SURROGATE.sub("\ufffd", s))


# traditional characters, phrase-only changes (瞭解, 乾隆, 反覆), characters that are the same in
# both scripts, line breaks, a lone surrogate
ALPHABET = "國業們這經發為會義對於關瞭解乾隆反覆覆么沈坏俱了解網民规模达亿人 \n,。\ud800𠀾"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200))  # phrases and sentences (set test)
def test_equals_converting_everything(text):
    assert to_simplified(text) == full(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=200), min_size=1, max_size=12))
def test_long_texts_equal_converting_everything(parts):
    text = "".join(parts) * (t2s_table._SHORT // 100 + 1)  # past the set test: the code-point table
    assert to_simplified(text) == full(text)


def test_seed_documents_equal_converting_everything():
    for path in sorted((ROOT / "seeds").glob("*")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        assert to_simplified(text) == full(text), path.name


def test_lines_far_apart_are_converted_separately_and_right():
    text = "國家\n" + "简体字。\n" * 3000 + "網民規模\n" + "乾隆年间" * 10
    assert to_simplified(text) == full(text)


def test_shipped_table_is_for_the_installed_opencc():
    rows = t2s_table.read_table("t2s_changing", required=("opencc", "chars"))
    shipped = {r["opencc"] for r in rows}
    if shipped != {opencc.__version__}:
        pytest.skip(f"table made for OpenCC {shipped}, installed {opencc.__version__}: every line is "
                    "converted (regenerate with python -m factlib.vocab.t2s)")
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("this OpenCC wheel has no opencc_dict tool to read its dictionaries with")
    assert set("".join(r["chars"] for r in rows)) == t2s_table.characters_from_dictionaries()


def test_another_opencc_version_converts_everything(monkeypatch):
    monkeypatch.setattr(t2s_table, "opencc_version", lambda: "0.0.0")
    t2s_table.changing_chars.cache_clear()
    t2s_table.changing_table.cache_clear()
    try:
        assert t2s_table.changing_table() is None
        assert to_simplified("简体\n國家") == "简体\n国家"
    finally:
        t2s_table.changing_chars.cache_clear()
        t2s_table.changing_table.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET.replace("\ud800", "") + "()ǎ“”", max_size=20))
def test_metric_phrases_normalise_as_with_converting_everything(phrase):
    from factlib.vocab import lexicon

    lexicon.normalize_phrase.cache_clear()
    fast = lexicon.normalize_phrase(phrase)
    lexicon.normalize_phrase.cache_clear()
    t2s_table.changing_chars.cache_clear()
    t2s_table.changing_table.cache_clear()
    original = t2s_table.opencc_version
    try:
        t2s_table.opencc_version = lambda: "0.0.0"  # the plain path: t2s on every phrase
        assert lexicon.normalize_phrase(phrase) == fast
    finally:
        t2s_table.opencc_version = original
        t2s_table.changing_chars.cache_clear()
        t2s_table.changing_table.cache_clear()
        lexicon.normalize_phrase.cache_clear()
