"""The batch's context file: read once per kernel, used only for the files it was made from."""
from __future__ import annotations

import pytest

import factlib.report.context as rc

DOC_A = "截至2022年12月，我国网民规模达10.67亿人。"
DOC_B = "2022年全国网上零售额达13.79万亿元。"


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.txt").write_text(DOC_B, encoding="utf-8")
    rc.clear_cache()
    yield folder
    rc.clear_cache()


def test_a_context_file_is_checked_once_then_served_from_the_cache(corpus, tmp_path, monkeypatch):
    ctx = rc.load_context(str(corpus), use_cache=False)
    path = rc.save_context(ctx, tmp_path / "context.pickle", rc.context_key(str(corpus)))
    first = rc.load_context(str(corpus), context_file=str(path))
    assert sorted(first.claims["surface"]) == sorted(ctx.claims["surface"])

    def no_fingerprints(*args, **kwargs):
        raise AssertionError("the corpus was fingerprinted again")

    monkeypatch.setattr(rc, "context_key", no_fingerprints)
    assert rc.load_context(str(corpus), context_file=str(path)) is first


def test_a_context_file_made_from_other_files_is_not_used(corpus, tmp_path):
    ctx = rc.load_context(str(corpus), use_cache=False)
    path = rc.save_context(ctx, tmp_path / "context.pickle", rc.context_key(str(corpus)))
    rc.clear_cache()
    (corpus / "b.txt").write_text(DOC_B.replace("13.79", "15.42"), encoding="utf-8")
    fresh = rc.load_context(str(corpus), context_file=str(path))
    assert "15.42万亿元" in set(fresh.claims["surface"]) and "13.79万亿元" not in set(fresh.claims["surface"])
