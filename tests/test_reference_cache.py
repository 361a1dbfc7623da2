"""The reference table kept in the cache folder (factlib/figures/load.py, ``_cached``): a later
process reads back exactly the table a fresh load builds, and any change of a file it reads is
a miss, even one that keeps the file's size and modification time."""
import marshal
import os
import subprocess
import sys

import pandas as pd
import pytest

import factlib.figures.load as load
from factlib.figures.load import default_reference_paths, load_reference
from factlib.vocab.lexicon import MetricLexicon

HEADER = "metric_zh,metric_en,period,value,unit,qualifier,source_name,source_url,quote\n"
ROW = "网民规模,internet users,2023-06,{value},人,exact,CNNIC 52,https://example.org/52,\"截至2023年6月,我国网民规模达{quote}亿\"\n"


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLIB_CACHE_DIR", str(folder))
    return folder


def _stored(folder):
    return sorted(folder.glob("reference-*.marshal")) if folder.is_dir() else []


def _fresh(files):
    return load._load([*map(load.Path, files)], None, ())


def _assert_same(got, want):
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert list(got.dtypes) == list(want.dtypes)
    assert load._same(got, want)


def _no_build(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("built afresh although the cache holds the table")

    monkeypatch.setattr(load, "_load", fail)


def test_the_shipped_table_read_back_is_the_table_a_fresh_load_builds(cache_folder, monkeypatch):
    first = load_reference()
    assert len(_stored(cache_folder)) == 1
    want = _fresh(default_reference_paths())
    _assert_same(first, want)
    _no_build(monkeypatch)
    _assert_same(load_reference(), want)


def _later_process(path):
    """The reference values a new process loads from ``path`` (with the same cache folder)."""
    code = ("import sys; from factlib.figures.load import load_reference; "
            "print(load_reference([sys.argv[1]], include_default=False).value.tolist())")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_an_edited_row_is_seen_even_with_the_same_size_and_modification_time(cache_folder, tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + ROW.format(value="1079000000", quote="10.79"), encoding="utf-8")
    before = load_reference([path], include_default=False)
    assert list(before.value) == [1079000000] and len(_stored(cache_folder)) == 1
    stat = path.stat()
    path.write_text(HEADER + ROW.format(value="1078000000", quote="10.78"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    # this process read the file before (read_table keeps its rows): it still builds the old table,
    # which must not be stored under the new bytes' key
    assert list(load_reference([path], include_default=False).value) == [1079000000]
    assert len(_stored(cache_folder)) == 1
    assert _later_process(path) == "[1078000000]"
    assert len(_stored(cache_folder)) == 2
    assert _later_process(path) == "[1078000000]"  # read back
    # and back: the first table is read from the cache again, not built
    path.write_text(HEADER + ROW.format(value="1079000000", quote="10.79"), encoding="utf-8")
    _no_build(monkeypatch)
    _assert_same(load_reference([path], include_default=False), before)


def test_a_file_added_or_named_otherwise_is_a_miss(cache_folder, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text(HEADER + ROW.format(value="1079000000", quote="10.79"), encoding="utf-8")
    two = tmp_path / "two.csv"
    two.write_text(HEADER + ROW.format(value="1067000000", quote="10.67"), encoding="utf-8")
    assert len(load_reference([one], include_default=False)) == 1
    both = load_reference([one, two], include_default=False)
    assert list(both.value) == [1079000000.0, 1067000000.0]
    assert list(both.origin) == [str(one), str(two)]
    copy = tmp_path / "copy.csv"
    copy.write_bytes(one.read_bytes())
    assert list(load_reference([copy], include_default=False).origin) == [str(copy)]


def test_a_damaged_cache_file_is_ignored(cache_folder):
    want = load_reference()
    (stored,) = _stored(cache_folder)
    for damaged in (b"", b"not marshal data", stored.read_bytes()[: len(stored.read_bytes()) // 2]):
        stored.write_bytes(damaged)
        _assert_same(load_reference(), want)


def test_a_wrong_entry_is_found_when_verifying(cache_folder, monkeypatch):
    load_reference()
    (stored,) = _stored(cache_folder)
    key, (length, columns) = marshal.loads(stored.read_bytes())
    columns = tuple((n, k, [v + 1 for v in values] if n == "low" else values) for n, k, values in columns)
    stored.write_bytes(marshal.dumps((key, (length, columns))))
    assert load_reference().low.iloc[0] == _fresh(default_reference_paths()).low.iloc[0] + 1  # what verifying is for
    monkeypatch.setenv("FACTLIB_CACHE_VERIFY", "1")
    from factlib.vocab.cache import VerifyError

    with pytest.raises(VerifyError):
        load_reference()


def test_nothing_is_stored_with_the_cache_off_or_for_other_inputs(cache_folder, tmp_path, monkeypatch):
    rows = _fresh(default_reference_paths()).head(3)
    load_reference(include_default=False, frames=[rows])
    load_reference(lexicon=MetricLexicon.from_tables())
    assert _stored(cache_folder) == []
    monkeypatch.setenv("FACTLIB_CACHE_DIR", "off")
    _assert_same(load_reference(), _fresh(default_reference_paths()))
    assert _stored(cache_folder) == []


def test_a_file_that_cannot_be_read_is_the_loaders_error(cache_folder, tmp_path):
    from factlib.vocab.tables import TableError

    with pytest.raises(TableError, match="no such"):
        load_reference([tmp_path / "missing.csv"], include_default=False)
    bad = tmp_path / "bad.csv"
    bad.write_text("metric_zh,value\n网民规模,1\n", encoding="utf-8")
    with pytest.raises(TableError, match="missing column"):
        load_reference([bad], include_default=False)
    assert _stored(cache_folder) == []


def test_an_empty_table_is_read_back_with_its_columns(cache_folder, monkeypatch):
    first = load_reference(include_default=False)
    _no_build(monkeypatch)
    _assert_same(load_reference(include_default=False), first)
