"""The start-up cache (factlib/vocab/cache.py): what it returns is what it would compute."""
from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest

PATTERNS = [
    (r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?:(?P<q>多|余)|)(?P<unit>万|亿)?", 0),
    (r"(?<![a-z0-9])(?:gdp|growth(?:e?s)?)(?![a-z0-9])", re.I),
    (r"[\t (+\-.0-9](?<=(?=(https?://\S+)|([0-9]{3}-[0-9]{4}))[\s\S])", 0),
    (r"^\s*(?:一、|二、)", re.M),
]
TEXTS = ["截至2022年12月，网民规模达10.67亿人，增长3.9多万", "GDP growthes 5 http://x.org 123-4567", "一、回顾\n二、安排"]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """The cache module reloaded with its folder in ``tmp_path`` (a new process, as it were)."""
    monkeypatch.setenv("FACTLIB_CACHE_DIR", str(tmp_path))
    import factlib.vocab.cache as cache

    def reload():
        return importlib.reload(cache)

    yield reload
    monkeypatch.undo()
    importlib.reload(cache)


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    for text in TEXTS:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]


@pytest.mark.parametrize("pattern,flags", PATTERNS, ids=["scan", "english-trie", "mask", "heading"])
def test_compile_miss_then_hit_equals_re_compile(fresh_cache, pattern, flags):
    cache = fresh_cache()
    _same(cache.compile(pattern, flags), re.compile(pattern, flags))  # a miss: compiled here
    cache._REGEXES.save()
    cache = fresh_cache()
    assert cache._REGEXES.table(), "the compiled code was written"
    _same(cache.compile(pattern, flags), re.compile(pattern, flags))  # a hit: read back


def test_damaged_cache_file_is_ignored(fresh_cache, tmp_path):
    cache = fresh_cache()
    cache.compile(PATTERNS[0][0])
    cache._REGEXES.save()
    for f in tmp_path.iterdir():
        f.write_bytes(f.read_bytes()[:40])  # truncated
    cache = fresh_cache()
    _same(cache.compile(PATTERNS[0][0]), re.compile(PATTERNS[0][0]))


def test_a_bad_pattern_raises_as_re_does(fresh_cache):
    cache = fresh_cache()
    with pytest.raises(re.error):
        cache.compile("(unclosed")


def test_off_switch(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTLIB_CACHE_DIR", "off")
    from factlib.vocab.cache import cache_dir, compile, memo

    assert cache_dir() is None
    _same(compile(PATTERNS[1][0], PATTERNS[1][1]), re.compile(PATTERNS[1][0], PATTERNS[1][1]))
    assert memo("test", "k", lambda: 41 + 1) == 42
    assert not list(tmp_path.iterdir())


def test_memo_reads_back_what_was_built(fresh_cache):
    cache = fresh_cache()
    calls = []
    assert cache.memo("test", "key", lambda: calls.append(1) or (b"\x00\x01", ["a"], {"k": 1})) \
        == (b"\x00\x01", ["a"], {"k": 1})
    cache._MEMOS.save()
    cache = fresh_cache()
    assert cache.memo("test", "key", lambda: calls.append(2) or None) == (b"\x00\x01", ["a"], {"k": 1})
    assert calls == [1]


def test_alternation_from_the_cache_is_the_trie(fresh_cache):
    from factlib.vocab import regexes

    words = [f"词{i}" for i in range(100)] + ["增长", "增长率"]
    fresh_cache()
    regexes._CODE = None
    assert regexes.alternation(words) == regexes.trie_alternation(words)
    assert regexes.alternation(words) == regexes.trie_alternation(words)  # now from the memo


def test_extraction_with_and_without_the_cache(tmp_path):
    """Two processes filling then reading the cache extract what a process without it extracts."""
    code = ("import sys; from factlib.documents.load import document_from_text as d; "
            "from factlib.claims.extract import extract_claims as e; "
            "print([tuple(c) for c in e(d('截至2022年12月，我国网民规模达10.67亿人，较2021年12月提升3.9个百分点。'"
            "'全年国内生产总值1210207亿元，比上年增长3.0%。'))])")
    out = []
    for env_dir in (str(tmp_path), str(tmp_path), "off"):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**__import__("os").environ, "FACTLIB_CACHE_DIR": env_dir, "FACTLIB_PREBUILT": "off"})
        out.append(run.stdout)
    assert any(tmp_path.iterdir())
    assert out[0] == out[1] == out[2] and "10.67亿人" in out[0]


TOKENS = ["10.67亿", "三百二十万", "一百", "1,234.5", "two thirds", "1/4", "5%", "xyz", "十亿十九万", "三亿一万",
          "0.50", "1E+8", "负3.5", "两千零五"]


def test_cn2an_readings_read_back_exactly(fresh_cache, monkeypatch):
    """cn2an's readings from the cache folder: a later process parses the same numbers (repr, digit
    for digit) without calling cn2an; only cn2an's readings are stored."""
    from factlib.claims import numbers, speed

    def reset():
        numbers._SHELF.clear()
        numbers._cn2an_int.cache_clear()
        numbers.clear_cache()
        speed.parse_cached.cache_clear()

    try:
        fresh_cache()
        reset()
        first = [repr(speed.parse_cached(t)) for t in TOKENS]
        shelf = numbers._SHELF[0]
        assert shelf is not None
        stored = dict(shelf.table())
        plain = {t.translate(numbers._CN2AN_TABLE) for t in TOKENS if numbers._by_cn2an(t)}
        assert {"三百二十万", "一百", "二千零五"} <= set(stored) <= plain  # 两 read as 二
        assert stored["三百二十万"] == 3200000
        shelf.save()
        fresh_cache()
        reset()
        assert numbers._cn2an_shelf().table() == stored

        def not_called():
            raise AssertionError("cn2an called again")

        monkeypatch.setattr(numbers, "_cn2an_function", not_called)
        assert [repr(speed.parse_cached(t)) for t in TOKENS] == first  # read back, not asked again
    finally:
        reset()


def test_older_versions_are_deleted_when_a_file_is_written(fresh_cache, tmp_path):
    import os
    import time

    cache = fresh_cache()
    now = time.time()
    old = []
    for i in range(5):  # five older versions of the memo file, oldest first, and another kind
        p = tmp_path / f"memo-{i:012x}.marshal"
        p.write_bytes(b"junk")
        os.utime(p, (now - 1000 + i, now - 1000 + i))
        old.append(p)
    other = tmp_path / "regex-00000000000a.marshal"
    other.write_bytes(b"junk")
    os.utime(other, (now - 5000, now - 5000))
    dead = tmp_path / "memo-000000000001.marshalab12.tmp"
    dead.write_bytes(b"")
    os.utime(dead, (now - 7200, now - 7200))
    fresh = tmp_path / "memo-000000000002.marshalcd34.tmp"  # a writer still at work
    fresh.write_bytes(b"")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("mine")
    assert cache.memo("t", "k", lambda: [1, 2]) == [1, 2]
    cache._MEMOS.save()
    memos = sorted(p.name for p in tmp_path.glob("memo-*.marshal"))
    assert len(memos) == cache.KEEP
    assert cache._MEMOS.path().name in memos  # the one written
    assert old[-1].name in memos and old[-2].name in memos  # the most recently used others
    assert other.exists() and unrelated.exists() and fresh.exists() and not dead.exists()


def test_a_read_marks_the_file_used(fresh_cache, tmp_path):
    import os

    cache = fresh_cache()
    cache.memo("t", "k", lambda: 1)
    cache._MEMOS.save()
    path = cache._MEMOS.path()
    os.utime(path, (1, 1))
    cache = fresh_cache()
    assert cache.memo("t", "k", lambda: 2) == 1
    assert path.stat().st_mtime > 1


# ---- prebuilt tables shipped with the package (factlib/vocab/prebuilt/, benchmarks/build_prebuilt.py) ----

def _shipped(kind: str):
    import marshal

    from factlib.vocab import cache

    store = cache._REGEXES if kind == "regex" else cache._MEMOS
    path = cache.PREBUILT_DIR / store.file_name()
    if not path.exists():
        pytest.skip(f"no prebuilt {kind} table for this Python ({path.name}): run benchmarks/build_prebuilt.py")
    return marshal.loads(path.read_bytes())


def test_prebuilt_patterns_are_what_this_python_compiles():
    """Every shipped compiled pattern is the code this Python's re compiler makes of its text."""
    from factlib.vocab import cache

    table = _shipped("regex")
    assert len(table) > 50
    for entry in table.values():
        pattern, flags = entry[0], entry[1]  # the stored flags hold those asked for and the inline ones
        compiled, fresh = cache._fresh(pattern, flags)
        assert fresh == entry, pattern[:80]
        plain = re.compile(pattern, flags)
        assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == \
            (plain.pattern, plain.flags, plain.groups, plain.groupindex)


def test_prebuilt_tables_are_current(capsys):
    """The shipped tables hold every entry a fresh build makes (benchmarks/build_prebuilt.py --check):
    a pattern or vocabulary edited without rerunning the script fails here.  A stale table is never
    wrong (its key no longer matches), but every user's first run would compile the new entry."""
    import importlib.util

    _shipped("regex"), _shipped("memo")  # skips on a Python the tables were not built for
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_prebuilt", root / "benchmarks" / "build_prebuilt.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    stale = script.main(["--check"])
    assert stale == 0, "prebuilt tables are stale: run python benchmarks/build_prebuilt.py\n" + capsys.readouterr().out


def test_prebuilt_tables_read_back_equal_fresh_builds(tmp_path):
    """Extraction with an empty cache folder reads the shipped tables; with FACTLIB_CACHE_VERIFY every
    value read back (prebuilt, then from the filled folder with the prebuilt tables off) is built
    afresh and compared, and the claims equal those of a process without any cache."""
    import os

    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    code = ("import sys; from factlib.documents.load import load_corpus; "
            "from factlib.claims.extract import extract_claims as e; "
            "docs = load_corpus(sys.argv[1:]); print([tuple(c) for d in docs for c in e(d)])")
    paths = [str(root / "seeds"), str(root / "examples" / "corpus")]
    out = []
    for env in ({"FACTLIB_CACHE_DIR": str(tmp_path), "FACTLIB_CACHE_VERIFY": "1"},
                {"FACTLIB_CACHE_DIR": str(tmp_path), "FACTLIB_CACHE_VERIFY": "1", "FACTLIB_PREBUILT": "off"},
                {"FACTLIB_CACHE_DIR": "off"}):
        run = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True,
                             env={**os.environ, **env})
        assert run.returncode == 0, run.stderr[-2000:]
        out.append(run.stdout)
    assert out[0] == out[1] == out[2] and len(out[0]) > 1000


def test_verify_mode_catches_a_wrong_stored_value(fresh_cache, monkeypatch):
    cache = fresh_cache()
    assert cache.memo("t", "k", lambda: [1, 2]) == [1, 2]
    monkeypatch.setenv("FACTLIB_CACHE_VERIFY", "1")
    assert cache.memo("t", "k", lambda: [1, 2]) == [1, 2]
    with pytest.raises(cache.VerifyError):
        cache.memo("t", "k", lambda: [1, 3])
    cache.compile(PATTERNS[0][0])
    key = next(iter(cache._REGEXES.table()))
    entry = list(cache._REGEXES.table()[key])
    entry[2] = entry[2][:-4] + b"\x00\x00\x00\x00"
    cache._REGEXES.table()[key] = tuple(entry)
    with pytest.raises(cache.VerifyError):
        cache.compile(PATTERNS[0][0])


def test_prebuilt_off_and_shipped_first(fresh_cache, monkeypatch):
    """The shipped table is looked up before the folder's; FACTLIB_PREBUILT=off ignores it."""
    cache = fresh_cache()
    store = cache._MEMOS
    store._prebuilt = {"t\x00k": "shipped"}
    assert cache.memo("t", "k", lambda: "built") == "shipped"
    monkeypatch.setenv("FACTLIB_PREBUILT", "off")
    cache = fresh_cache()
    assert cache._MEMOS.prebuilt() == {}
    assert cache.memo("t", "k", lambda: "built") == "built"


CN2AN_PROBE = """
import json, re, sys
from factlib.vocab import cache
if sys.argv[1] == "helper":
    cn2an = cache.import_reading_cache("cn2an")
    assert re.compile is cache._re_compile
    leaked = [n for n, m in list(sys.modules.items()) if getattr(m, "compile", None) is cache.compile
              and not n.startswith("factlib.vocab.cache")]
    assert not leaked, leaked
else:
    import cn2an
out = {}
for token in sys.argv[2:]:
    for mode in ("strict", "normal", "smart"):
        try:
            out[f"{token} {mode}"] = repr(cn2an.cn2an(token, mode))
        except Exception as exc:
            out[f"{token} {mode}"] = type(exc).__name__
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def test_cn2an_imported_reading_the_cache_reads_as_cn2an_does(tmp_path):
    """cn2an imported with its patterns' code from the cache (prebuilt, verified against a fresh
    compile, then from a filled folder) reads every token as a plain import of cn2an does, and
    re.compile is re's own again afterwards (also where a module took it by name)."""
    import os

    tokens = ["十", "二十三", "一百零五", "三亿二千三百八十万九千六百八十四", "两千", "十亿十九万", "一二三",
              "负五点五", "五点", "万万", "伍仟叁佰", "3千", "1.5万", "百分之五"]
    out = []
    for mode, env in (("helper", {"FACTLIB_CACHE_DIR": str(tmp_path), "FACTLIB_CACHE_VERIFY": "1"}),
                      ("helper", {"FACTLIB_CACHE_DIR": str(tmp_path), "FACTLIB_PREBUILT": "off"}),
                      ("helper", {"FACTLIB_CACHE_DIR": str(tmp_path), "FACTLIB_CACHE_VERIFY": "1",
                                  "FACTLIB_PREBUILT": "off"}),
                      ("plain", {"FACTLIB_CACHE_DIR": "off"})):
        run = subprocess.run([sys.executable, "-c", CN2AN_PROBE, mode, *tokens], capture_output=True, text=True,
                             env={**os.environ, **env})
        assert run.returncode == 0, run.stderr[-2000:]
        out.append(run.stdout)
    assert out[0] == out[1] == out[2] == out[3] and "323809684" in out[0]
    # what the import compiled afresh is not kept: proces builds a pattern that differs in every
    # process (set order), and the folder would gain one per run
    assert not list(tmp_path.glob("regex-*")), "patterns of a library's import were added to the folder"


def test_engine_tag_names_the_compiler_not_the_python_release():
    from factlib.vocab import cache

    assert cache._ENGINE.startswith(sys.implementation.cache_tag + "-re-")
    assert str(sys.version_info[:3]) not in cache._ENGINE


def test_code_hash_ignores_where_the_code_lies():
    """The same source in another file or at another line hashes alike (a checkout elsewhere or an
    installed copy finds the prebuilt memo tables); other code does not."""
    from factlib.vocab.cache import code_hash

    def made(source: str, filename: str):
        scope: dict = {}
        exec(compile(source, filename, "exec"), scope)  # noqa: S102
        return scope["f"]

    body = "def f(words):\n    def g(w):\n        return w.upper()\n    return [g(w) for w in words]\n"
    a = made(body, "/one/place/factlib/vocab/x.py")
    b = made("\n\n\n" + body, "/another/site-packages/factlib/vocab/x.py")
    c = made(body.replace("upper", "lower"), "/one/place/factlib/vocab/x.py")
    assert code_hash(a) == code_hash(b)
    assert code_hash(a) != code_hash(c)
