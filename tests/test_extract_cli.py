"""``factlib extract`` and ``factlib evaluate`` from the command line, and the vocabulary tables."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factlib.vocab.tables import read_table

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"


def factlib(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factlib", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2023-01-10\n---\n截至2022年12月,我国网民规模达10.67亿人。\n",
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text("Retail sales rose 5.5 percent in 2023.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00" * 5 + b"\x00\x00\xd8\x00")
    return tmp_path


def test_extract_jsonl_to_stdout(corpus):
    r = factlib("extract", str(corpus / "a.md"), str(corpus / "b.txt"))
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    from factlib.claims.record import COLUMNS

    assert all(list(rec) == list(COLUMNS) for rec in recs)
    assert {rec["surface"] for rec in recs} >= {"2022年12月", "10.67亿人", "5.5 percent", "2023"}
    net = next(rec for rec in recs if rec["surface"] == "10.67亿人")
    assert net["period"] == "2022-12" and net["metric_key"] == "internet_users"


def test_extract_csv_and_parquet_files(corpus, tmp_path):
    out_csv = tmp_path / "claims.csv"
    r = factlib("extract", str(corpus / "*.md"), "--format", "csv", "-o", str(out_csv))
    assert r.returncode == 0, r.stderr
    assert out_csv.read_text(encoding="utf-8-sig").splitlines()[0].startswith("doc_id,claim_id,")
    out_pq = tmp_path / "claims.parquet"
    r = factlib("extract", str(corpus / "a.md"), "--format", "parquet", "-o", str(out_pq))
    assert r.returncode == 0, r.stderr
    import pandas as pd

    assert len(pd.read_parquet(out_pq)) == 2


def test_bad_document_is_reported_and_others_go_on(corpus):
    (corpus / "bad.txt").write_bytes(b"\x00" * 10)
    r = factlib("extract", str(corpus))
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.stdout.strip(), r.stderr
    assert all(ln.startswith("factlib: ") for ln in lines)


def test_evaluate_command(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "g1", "lang": "zh-Hans", "doc_date": None, "text": "互联网普及率达75.6%。",
        "claims": [{"surface": "75.6%", "value": 75.6, "unit": "%", "qualifier": "exact", "kind": "percent",
                    "metric": "互联网普及率", "period": ""}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = factlib("evaluate", str(gold), "--min-f1", "0.9")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "F1=1.000" in r.stdout


TABLES = [
    ("units", ("code", "dimension", "kind", "zh", "zh_hant", "en", "prefix", "not_before"), ("code",)),
    ("qualifiers", ("word", "lang", "position", "qualifier", "note"), ("word", "position")),
    ("cues", ("cue", "lang", "role", "note"), ("cue", "role")),
    ("time_words", ("word", "lang", "type", "offset", "start_month", "end_month", "note"), ("word",)),
    ("nonclaims", ("name", "first", "pattern", "note"), ("name",)),
    ("lexicalised", ("word", "note"), ("word",)),
]


@pytest.mark.parametrize("name, columns, key", TABLES, ids=[t[0] for t in TABLES])
def test_vocabulary_table_schema(name, columns, key):
    rows = read_table(name, required=columns, key=key)
    assert rows
    text = (ROOT / "factlib" / "data" / f"{name}.csv").read_text(encoding="utf-8")
    assert text.startswith("#"), "every table starts with a comment saying where it came from"


def test_unit_kinds_and_qualifiers_are_known_values():
    from factlib.claims.record import KINDS, QUALIFIERS
    from factlib.vocab.units import UnitTable

    for row in read_table("units"):
        assert row["kind"] in KINDS
    for row in read_table("qualifiers"):
        assert row["qualifier"] in QUALIFIERS and row["position"] in ("before", "after")
    UnitTable()  # builds: no surface listed twice


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_jobs_give_the_same_output_and_messages(corpus, tmp_path, fmt):
    """``--jobs 2`` (worker processes): the same bytes in the same order, the bad file reported once."""
    paths = [str(SEEDS_DIR), str(corpus / "a.md"), str(corpus / "bad.txt"), str(corpus / "b.txt")]
    outs, errs = [], []
    for jobs in ("1", "2"):
        out = tmp_path / f"claims{jobs}.{fmt}"
        r = factlib("extract", *paths, "--format", fmt, "-o", str(out), "--jobs", jobs)
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
        errs.append(sorted(line for line in r.stderr.splitlines() if "bad.txt" in line))
    if fmt == "parquet":
        import pandas as pd

        frames = [pd.read_parquet(tmp_path / f"claims{j}.parquet") for j in ("1", "2")]
        pd.testing.assert_frame_equal(frames[0], frames[1])
        assert len(frames[0]) > 100
    else:
        assert outs[0] == outs[1] and outs[0].count(b"\n") > 100
    assert errs[0] == errs[1] and len(errs[0]) == 1
