"""Issue 13 on the command line: bad files mixed with good ones in every command, outputs that
never touch what is not factlib's, the claim store's --verify and damage."""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from robust_support import BAD_FILES, GOOD, GOOD_FILES, make_mixed


def _factlib(*args, cwd=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "factlib", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


@pytest.fixture()
def mixed(tmp_path):
    """Good documents beside every kind of bad file the issue lists."""
    return make_mixed(tmp_path / "mixed")


def _no_traceback(r):
    assert "Traceback" not in r.stderr, r.stderr[-3000:]


def _bad_lines_named(r):
    err = r.stderr
    for name, reason in BAD_FILES.items():
        assert any(name in line and reason in line for line in err.splitlines()), (name, err)
    for name in ("bad_date.md", "minute60.md"):
        assert any(name in line and "warning: front-matter date" in line for line in err.splitlines()), name
    assert "skipped" in err and "reference.csv" in err


def test_docs_with_bad_files(mixed):
    r = _factlib("docs", mixed, timeout=300)
    _no_traceback(r)
    assert r.returncode == 0
    ids = {json.loads(line)["path"].rsplit("/", 1)[-1] for line in r.stdout.splitlines()}
    assert ids == GOOD_FILES
    _bad_lines_named(r)


def test_extract_with_bad_files(mixed):
    r = _factlib("extract", mixed, timeout=300)
    _no_traceback(r)
    assert r.returncode == 0
    docs = {json.loads(line)["doc_id"] for line in r.stdout.splitlines()}
    assert docs == {os.path.splitext(f)[0] for f in GOOD_FILES}
    _bad_lines_named(r)


def test_check_with_bad_files(mixed):
    r = _factlib("check", mixed, timeout=300)
    _no_traceback(r)
    assert r.returncode == 0
    _bad_lines_named(r)


def test_store_with_bad_files_and_verify(mixed, tmp_path):
    store = tmp_path / "claims.sqlite"
    r = _factlib("extract", mixed, "--store", store, timeout=300)
    _no_traceback(r)
    assert r.returncode == 0
    first = [json.loads(line) for line in r.stdout.splitlines()]
    assert {c["doc_id"] for c in first} == {os.path.splitext(f)[0] for f in GOOD_FILES}
    for name, reason in BAD_FILES.items():
        assert any(name in line and reason in line for line in r.stderr.splitlines()), name
    # an edit that keeps size and modification time: only --verify sees it
    a = mixed / "a.txt"
    st = os.stat(a)
    a.write_text(GOOD.replace("10.67", "10.68"), encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(a).st_size == st.st_size
    stale = _factlib("extract", a, "--store", store, timeout=300)
    assert "10.67" in stale.stdout
    fresh = _factlib("extract", a, "--store", store, "--verify", timeout=300)
    assert "10.68" in fresh.stdout and "10.67" not in fresh.stdout


def test_damaged_store_is_one_line(tmp_path, seeds_dir):
    store = tmp_path / "claims.sqlite"
    assert _factlib("extract", seeds_dir / "000_6795ef89a86ceb71.txt", "--store", store).returncode == 0
    with sqlite3.connect(store) as db:  # fold the WAL in, so the main file holds everything
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2])
    for command in ("extract", "check"):
        r = _factlib(command, seeds_dir, "--store", store)
        _no_traceback(r)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and str(store) in lines[0] and "delete it" in lines[0]


def test_foreign_file_as_store_is_one_line(tmp_path, seeds_dir):
    store = tmp_path / "notes.sqlite"
    store.write_text("my notes, not a database " * 100)
    r = _factlib("extract", seeds_dir, "--store", store)
    _no_traceback(r)
    assert r.returncode == 2 and str(store) in r.stderr
    assert store.read_text().startswith("my notes")


# ---- 4. -o never writes onto an input, is atomic, and is checked --------------------------------
def test_extract_refuses_to_write_over_its_input(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    for fmt in ("jsonl", "csv", "parquet"):
        r = _factlib("extract", doc, "-o", doc, "--format", fmt)
        _no_traceback(r)
        assert r.returncode == 2 and "input" in r.stderr
        assert doc.read_text(encoding="utf-8") == GOOD
    r = _factlib("check", doc, "-o", doc)
    assert r.returncode == 2 and doc.read_text(encoding="utf-8") == GOOD


def test_output_into_a_missing_folder_or_onto_a_folder(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "new" / "deeper" / "claims.jsonl"
    r = _factlib("extract", doc, "-o", target)
    assert r.returncode == 0 and target.read_text(encoding="utf-8").count("\n") >= 2
    r = _factlib("extract", doc, "-o", tmp_path)
    _no_traceback(r)
    assert r.returncode == 2 and "is a folder" in r.stderr
    assert [p.name for p in (tmp_path / "new" / "deeper").iterdir()] == ["claims.jsonl"]  # no temporaries


def test_parquet_folder_output_refuses_a_folder_of_other_files(tmp_path):
    """A partitioned Parquet output (--engine dask) replaces its folder's contents: a folder holding
    a user's files, or a file (the input itself), is refused before anything runs."""
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    for target, words in ((folder, "did not write"), (doc, "is a file")):
        r = _factlib("extract", doc, "--engine", "dask", "--format", "parquet", "-o", target)
        _no_traceback(r)
        assert r.returncode == 2 and words in r.stderr, r.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"] and (folder / "notes.txt").read_text() == "my notes"
    assert doc.read_text(encoding="utf-8") == GOOD


def test_reference_import_never_writes_over_the_file_it_imports(tmp_path):
    from test_figures_import import MAPPING, SDMX_CSV

    data = tmp_path / "na.csv"
    data.write_text(SDMX_CSV, encoding="utf-8")
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(MAPPING, encoding="utf-8")
    args = ["reference", "import", data, "--mapping", mapping, "--source-name", "NBS", "--published", "2025-01-17"]
    assert _factlib(*args, "-o", tmp_path / "ref.csv").returncode == 0  # the same import, elsewhere: fine
    before = data.read_bytes()
    r = _factlib(*args, "-o", data)
    _no_traceback(r)
    assert r.returncode == 2 and "input" in r.stderr, r.stderr
    assert data.read_bytes() == before
    r = _factlib(*args, "-o", tmp_path)
    assert r.returncode == 2 and "is a folder" in r.stderr, r.stderr


def test_serve_snapshot_never_replaces_the_store(tmp_path, seeds_dir):
    store = tmp_path / "claims.sqlite"
    assert _factlib("extract", seeds_dir / "000_6795ef89a86ceb71.txt", "--store", store).returncode == 0
    before = store.read_bytes()
    r = _factlib("serve", "--store", store, "--db", store, "--build-only")
    _no_traceback(r)
    assert r.returncode == 2 and "claim store itself" in r.stderr, r.stderr
    assert store.read_bytes() == before
    snap = tmp_path / "snap" / "factlib.db"
    r = _factlib("serve", "--store", store, "--db", snap, "--build-only")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in snap.parent.iterdir()) == ["factlib.db", "factlib.metadata.json"]  # no temporaries
    r = _factlib("serve", "--store", store, "--db", snap, "--build-only")
    assert r.returncode == 0, r.stderr  # an earlier snapshot is replaced


@pytest.mark.parametrize("content", [b"my thesis notes\n", b"", "sqlite-other"], ids=["text", "empty", "other-db"])
def test_serve_snapshot_never_replaces_a_users_file(tmp_path, seeds_dir, content):
    import sqlite3

    store = tmp_path / "claims.sqlite"
    assert _factlib("extract", seeds_dir / "000_6795ef89a86ceb71.txt", "--store", store).returncode == 0
    mine = tmp_path / "mine.db"
    if content == "sqlite-other":
        con = sqlite3.connect(mine)
        con.execute("CREATE TABLE budget (item TEXT, amount REAL)")
        con.commit()
        con.close()
    else:
        mine.write_bytes(content)
    before = mine.read_bytes()
    r = _factlib("serve", "--store", store, "--db", mine, "--build-only")
    _no_traceback(r)
    assert r.returncode == 2 and "not a factlib snapshot" in r.stderr, r.stderr
    assert mine.read_bytes() == before


def test_atomic_text_keeps_the_old_file_when_writing_fails(tmp_path):
    from factlib.cli.output import atomic_text

    target = tmp_path / "claims.jsonl"
    target.write_text("old complete output\n")
    with pytest.raises(RuntimeError), atomic_text(str(target)) as out:
        out.write("half of the new")
        raise RuntimeError("crash mid-write")
    assert target.read_text() == "old complete output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_csv_formula_cells_are_neutralised_numbers_stay(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("=HYPERLINK(\"http://x\") 网民规模达10.67亿\n@SUM(1) 普及率达75.6%\n-2+3 出口下降-3.5%\n",
                   encoding="utf-8")
    r = _factlib("extract", doc, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows
    for row in rows:
        for key, cell in row.items():
            assert not cell or cell[0] not in "=+@" and not (cell[0] == "-" and not cell[1:2].isdigit()), (key, cell)
    sentences = {row["sentence"] for row in rows}
    assert any(s.startswith("'=HYPERLINK") for s in sentences) and any(s.startswith("'@SUM") for s in sentences)
    assert any(s.startswith("'-2+3") for s in sentences)
    assert "75.6" in {row["value"] for row in rows} and "-3.5" in {row["value"] for row in rows}


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-2+3", "'-2+3"), ("\tx", "'\tx"), ("-3.5", "-3.5"), ("+12%", "+12%"), ("1,234.5", "1,234.5"),
    ("网民", "网民"), (-3, -3), (None, None), ("", ""),
])
def test_safe_cell(value, expected):
    from factlib.report.tabular import safe_cell

    assert safe_cell(value) == expected


# ---- 5. both engines: a bad file is one line, the others go on ----------------------------------
@pytest.mark.slow
@pytest.mark.xdist_group("dask")
def test_dask_engine_with_bad_files(mixed):
    r = _factlib("extract", mixed, "--engine", "dask", "--workers", "1", timeout=600)
    _no_traceback(r)
    assert r.returncode == 0, r.stderr[-3000:]
    docs = {json.loads(line)["doc_id"] for line in r.stdout.splitlines()}
    assert docs == {os.path.splitext(f)[0] for f in GOOD_FILES}, r.stderr[-3000:]
    _bad_lines_named(r)
    r = _factlib("check", mixed, "--engine", "dask", "--workers", "1", timeout=600)
    _no_traceback(r)
    assert r.returncode == 0, r.stderr[-3000:]
    for name, reason in BAD_FILES.items():
        assert any(name in line and reason in line for line in r.stderr.splitlines()), (name, r.stderr[-3000:])


# ---- 11. reference values that are not numbers -----------------------------------------------------
@pytest.mark.parametrize("bad", ["abc", "1e999"])
def test_reference_value_that_is_no_finite_number_is_a_clear_error(tmp_path, bad):
    from factlib.figures.load import REFERENCE_COLUMNS

    ref = tmp_path / "figures.csv"
    good = {c: "" for c in REFERENCE_COLUMNS}
    good.update(metric_zh="网民规模", period="2022-12", value="10.67", unit="亿人")
    rows = [good, {**good, "value": bad}]
    with open(ref, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(REFERENCE_COLUMNS))
        w.writeheader()
        w.writerows(rows)
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    r = _factlib("check", doc, "--reference", ref)
    _no_traceback(r)
    assert r.returncode == 2
    line = r.stderr.strip().splitlines()[-1]
    assert str(ref) in line and "row 2" in line and bad in line
