"""A folder of real-world trouble: every good file loads, every bad one is a clear error."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from factlib.documents.load import LoadError, load_corpus, load_document

ZH = "截至2022年12月，我国网民规模达10.67亿，互联网普及率达75.6%。网络购物用户规模达8.45亿。\n"
ZH_HANT = "截至2022年12月，我國網民規模達10.67億，互聯網普及率達75.6%。網絡購物用戶規模達8.45億。\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.fixture()
def messy(tmp_path):
    d = tmp_path / "in box"  # a space in the folder name
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\n ")
    (d / "picture.png").write_bytes(PNG)
    (d / "picture_renamed.txt").write_bytes(PNG)
    good = ZH.encode("utf-8")
    (d / "broken_utf8.txt").write_bytes(good[:40] + b"\xe7\xbd" + good[40:] * 3)
    (d / "gbk.txt").write_bytes((ZH * 3).encode("gbk"))
    (d / "big5.txt").write_bytes((ZH_HANT * 3).encode("big5"))
    (d / "utf8_bom.md").write_bytes(b"\xef\xbb\xbf" + good)
    (d / "utf16.txt").write_bytes(ZH.encode("utf-16"))
    (d / "utf16le_nobom.txt").write_bytes(("Internet users reached 1.067 billion. " * 5).encode("utf-16-le"))
    (d / "broken_fm.md").write_text("---\ntitle: 'unclosed\ndate: [2024\n---\n正文2024年。\n", encoding="utf-8")
    (d / "unclosed_fm.md").write_text("---\ntitle: x\n正文2024年。\n", encoding="utf-8")
    (d / "good.md").write_text("---\ntitle: 好\ndate: 2024-01-02\n---\n" + ZH, encoding="utf-8")
    return d


EXPECTED = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "picture.png": "PNG image",
    "picture_renamed.txt": "PNG image",
    "broken_utf8.txt": "invalid UTF-8",
    "broken_fm.md": "broken front matter",
    "unclosed_fm.md": "never closed",
}
ENCODINGS = {
    "gbk.txt": "gbk", "big5.txt": "big5", "utf8_bom.md": "utf-8-sig", "utf16.txt": "utf-16-le",
    "utf16le_nobom.txt": "utf-16-le", "good.md": "utf-8",
}


@pytest.mark.parametrize("name,reason", sorted(EXPECTED.items()))
def test_bad_file_is_a_clear_error(messy, name, reason):
    with pytest.raises(LoadError) as info:
        load_document(messy / name)
    assert reason in info.value.reason
    assert info.value.path.endswith(name)


@pytest.mark.parametrize("name,encoding", sorted(ENCODINGS.items()))
def test_good_file_loads_with_its_encoding(messy, name, encoding):
    doc = load_document(messy / name)
    assert doc.encoding == encoding
    assert "10.67" in doc.text or "1.067" in doc.text
    if name == "big5.txt":
        assert doc.lang == "zh-Hant" and "網民規模" in doc.text and "网民规模" in doc.norm


def test_corpus_keeps_going_and_records_errors(messy):
    corpus = load_corpus(messy)
    assert sorted(os.path.basename(d.path) for d in corpus) == sorted(ENCODINGS)
    # a folder yields only text documents: picture.png is skipped (named on its own it is an error)
    assert sorted(os.path.basename(e.path) for e in corpus.errors) == sorted(set(EXPECTED) - {"picture.png"})
    assert all(set(e.record()) == {"path", "error"} for e in corpus.errors)


def _factlib(*args):
    return subprocess.run([sys.executable, "-m", "factlib", *args], capture_output=True, text=True)


def test_cli_docs_reports_each_bad_file_on_one_line(messy):
    r = _factlib("docs", str(messy))
    assert r.returncode == 0
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == len(ENCODINGS)
    err = r.stderr.strip().splitlines()
    read_by_name = {k: v for k, v in EXPECTED.items() if k != "picture.png"}  # a folder skips non-text files
    assert len(err) == len(read_by_name) + 1  # + the closing summary line
    assert "Traceback" not in r.stderr
    for name, reason in read_by_name.items():
        assert any(name in line and reason in line for line in err), name
    assert "6 failed" in err[-1] and "1 not a text document" in err[-1] and "picture.png" in err[-1]


def test_cli_docs_strict_and_nothing_loaded(messy, tmp_path):
    assert _factlib("docs", "--strict", str(messy)).returncode == 1
    assert _factlib("docs", str(messy / "empty.txt")).returncode == 1
    r = _factlib("docs", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "no such file" in r.stderr


@pytest.mark.slow
def test_50mb_file_loads_in_memory_proportional_to_its_size(tmp_path):
    """A 50 MB text file loads; peak memory stays a small multiple of the file."""
    big = tmp_path / "big.txt"
    line = (ZH * 4 + "Internet users reached 1.067 billion in December 2022.\n").encode("utf-8")
    with open(big, "wb") as f:
        n = 0
        while n < 50 * 1024 * 1024:
            f.write(line)
            n += len(line)
    size = big.stat().st_size
    code = textwrap.dedent(
        f"""
        import resource, json
        import factlib.documents.load as fd
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        d = fd.load_document({str(big)!r})
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({{"base": base * 1024, "peak": peak * 1024, "chars": len(d.text),
                          "sentences": len(d.sentences)}}))
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["chars"] > 20_000_000 and out["sentences"] > 100_000
    grown = out["peak"] - out["base"]
    # bytes + decoded text + cleaned text + norm + a few transient copies; not 20×
    assert grown < 7 * size, f"peak grew by {grown / size:.1f}× the file size"
