"""The command line in a pipeline or a CI job: standard input (``-``), ``check --format parquet``,
``check --fail-on`` exit statuses, the one-line summary on standard error, no progress frames in
logs, and the sub-command's usage for a bad flag."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "corpus"

# a wrong figure (CNNIC: 10.67亿 internet users at the end of 2022) and the right one
WRONG = "---\ndate: 2023-03-10\n---\n截至2022年12月，我国网民规模达10.97亿人。\n"
RIGHT = "---\ndate: 2023-03-10\n---\n截至2022年12月，我国网民规模达10.67亿人。\n"
SUMMARY = re.compile(r"^factlib: .*; \d+\.\d s$")


def factlib(*args, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factlib", *map(str, args)], capture_output=True, text=True,
                          input=stdin, cwd=cwd or ROOT, timeout=300)


def summary(r: subprocess.CompletedProcess) -> str:
    line = r.stderr.strip().splitlines()[-1]
    assert SUMMARY.match(line), r.stderr
    return line


# ---- standard input ---------------------------------------------------------------------------
def test_extract_reads_standard_input():
    r = factlib("extract", "-", stdin="截至2022年12月,我国网民规模达10.67亿人。\n")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert {rec["doc_id"] for rec in recs} == {"stdin"}
    assert "10.67亿人" in {rec["surface"] for rec in recs}
    assert "factlib: 1 document, 2 claims;" in summary(r)


def test_standard_input_beside_files_and_front_matter(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Retail sales rose 5.5 percent in 2023.\n", encoding="utf-8")
    r = factlib("docs", a, "-", stdin="---\ntitle: 来自管道\ndate: 2023-01-10\n---\n网民规模达10.67亿人。\n")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["a", "stdin"]
    assert rows[1]["path"] == "<stdin>" and rows[1]["title"] == "来自管道" and rows[1]["date"] == "2023-01-10"
    assert "/tmp" not in r.stderr and "factlib-stdin" not in r.stdout


def test_check_reads_standard_input_and_names_it_in_messages():
    r = factlib("check", "-", stdin=WRONG)
    assert r.returncode == 0, r.stderr
    findings = [json.loads(line) for line in r.stdout.splitlines()]
    assert findings and all(f["doc_ids"] == ["stdin"] for f in findings)
    empty = factlib("extract", "-", stdin="")
    assert empty.returncode == 1
    assert "factlib: <stdin>: " in empty.stderr and "factlib-stdin" not in empty.stderr


def test_standard_input_cannot_go_into_a_store(tmp_path):
    r = factlib("extract", "-", "--store", tmp_path / "s.sqlite", stdin=RIGHT)
    assert r.returncode == 2 and "standard input" in r.stderr and not (tmp_path / "s.sqlite").exists()


# ---- check: --format parquet, --fail-on --------------------------------------------------------
def test_check_parquet_is_the_flat_findings_frame(tmp_path):
    import pandas as pd

    from factlib.checks.findings import FINDING_COLUMNS

    out = tmp_path / "findings.parquet"
    r = factlib("check", DEMO, "--format", "parquet", "-o", out)
    assert r.returncode == 0, r.stderr
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(FINDING_COLUMNS)
    jsonl = factlib("check", DEMO)
    assert sorted(frame["finding_id"]) == sorted(json.loads(x)["finding_id"] for x in jsonl.stdout.splitlines())
    assert "contradicted" in set(frame["verdict"])
    assert factlib("check", DEMO, "--format", "parquet").returncode == 2  # needs -o


@pytest.mark.parametrize(("text", "fail_on", "status"), [
    (WRONG, None, 0),
    (WRONG, "contradicted", 3),
    (WRONG, "needs_review", 3),
    (RIGHT, "contradicted", 0),
    (RIGHT, "needs_review", 0),
], ids=["wrong-no-flag", "wrong-contradicted", "wrong-needs_review", "right-contradicted", "right-needs_review"])
def test_fail_on_sets_the_exit_status(text, fail_on, status):
    r = factlib("check", "-", *(["--fail-on", fail_on] if fail_on else []), stdin=text)
    assert r.returncode == status, r.stderr
    verdicts = {json.loads(x)["verdict"] for x in r.stdout.splitlines()}
    assert ("contradicted" in verdicts) == (text is WRONG)  # the output is written whatever the status


def test_fail_on_needs_review_counts_reviews(tmp_path):
    review = DEMO / "04_for_review_zh.md"
    assert factlib("check", review, "--fail-on", "contradicted").returncode == 0
    r = factlib("check", review, "--fail-on", "needs_review")
    assert r.returncode == 3
    assert "needs_review" in summary(r)


# ---- the summary line -------------------------------------------------------------------------
def test_summary_counts_documents_claims_and_findings_by_verdict():
    r = factlib("check", DEMO)
    assert r.returncode == 0, r.stderr
    verdicts = [json.loads(x)["verdict"] for x in r.stdout.splitlines()]
    line = summary(r)
    n_docs = len(list(DEMO.glob("*.md")))
    assert line.startswith(f"factlib: {n_docs} documents, ")
    claims = factlib("extract", DEMO)
    assert f", {len(claims.stdout.splitlines())} claims, {len(verdicts)} findings (" in line
    assert f"{verdicts.count('contradicted')} contradicted, {verdicts.count('needs_review')} needs_review" in line
    assert summary(claims).startswith(f"factlib: {n_docs} documents, {len(claims.stdout.splitlines())} claims; ")


def test_quiet_drops_the_summary_but_not_problems(tmp_path):
    assert factlib("extract", DEMO, "-q").stderr == ""
    (tmp_path / "bad.txt").write_bytes(b"")
    r = factlib("extract", tmp_path / "bad.txt", DEMO / "03_wrong_figure_zh.md", "-q")
    lines = r.stderr.strip().splitlines()
    assert "bad.txt" in lines[0] and "1 failed" in lines[-1]


def test_summary_line_function():
    from factlib.cli.common import summary_line

    line = summary_line(None, 3, 1, claims=1234, findings=["consistent", "contradicted", "consistent"],
                        seconds=2.04)
    assert line == "factlib: 3 documents, 1 failed, 1,234 claims, 3 findings (1 contradicted, 2 consistent); 2.0 s"
    assert summary_line(None, 1, claims=1, findings=[], seconds=0) == "factlib: 1 document, 1 claim, 0 findings; 0.0 s"


# ---- progress and usage -----------------------------------------------------------------------
def test_report_progress_only_on_a_terminal():
    import io

    from factlib.cli.report import _is_terminal

    assert _is_terminal(io.StringIO()) is False

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert _is_terminal(Tty()) is True


@pytest.mark.slow
def test_report_log_has_no_carriage_returns(tmp_path):
    r = factlib("report", DEMO / "03_wrong_figure_zh.md", "-o", tmp_path / "out", "--jobs", "1",
                "--only", "corpus_overview")
    assert r.returncode == 0, r.stderr
    assert "\r" not in r.stderr and "factlib report: open" in r.stderr


@pytest.mark.parametrize(("command", "args"), [
    ("extract", ["x"]), ("check", ["x"]), ("docs", ["x"]), ("report", ["x"]), ("serve", ["--store", "x"]),
], ids=["extract", "check", "docs", "report", "serve"])
def test_unknown_flag_prints_the_sub_commands_usage(command, args):
    r = factlib(command, *args, "--no-such-flag")
    assert r.returncode == 2
    assert r.stderr.startswith(f"usage: factlib {command} "), r.stderr
    assert f"factlib {command}: error: unrecognized arguments: --no-such-flag" in r.stderr


def test_help_documents_stdin_and_exit_statuses():
    top = factlib("--help").stdout
    assert "Exit status" in top and "'-' reads standard input" in top
    check = factlib("check", "--help").stdout
    assert "--fail-on {contradicted,needs_review}" in check and "parquet" in check


# ---- start-up: what a command imports (no timing: the modules are the spec) ---------------------
HEAVY = ("pandas", "pyarrow", "IPython", "nbformat", "nbconvert", "nbclient", "papermill", "matplotlib", "zmq",
         "jupyter_client", "tornado")


def _imported(*args: str, stdin: str = "") -> set[str]:
    code = ("import sys, io, contextlib\nfrom factlib.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            "    try:\n        main(sys.argv[1:])\n    except SystemExit:\n        pass\n"
            "print(' '.join(sorted(m for m in sys.modules if '.' not in m)))\n")
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, input=stdin,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    return set(r.stdout.split())


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["check", "--help"]], ids=" ".join)
def test_help_imports_nothing_heavy(args):
    loaded = _imported(*args)
    assert not loaded & {*HEAVY, "numpy", "opencc", "cn2an"}, loaded


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extract_to_text_imports_no_pandas_and_no_notebook_stack(fmt):
    loaded = _imported("extract", str(DEMO / "03_wrong_figure_zh.md"), "--format", fmt)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_check_imports_no_notebook_stack():
    loaded = _imported("check", str(DEMO / "03_wrong_figure_zh.md"))
    assert "pandas" in loaded  # the checks work on frames
    assert not loaded & (set(HEAVY) - {"pandas", "pyarrow"}), loaded & set(HEAVY)


# ---- CSV files a spreadsheet opens --------------------------------------------------------------
def test_csv_files_have_a_bom_and_flat_cells(tmp_path):
    """``-o x.csv`` starts with a UTF-8 byte-order mark (Excel reads UTF-8, not the ANSI code page);
    check's CSV has one scalar per cell (no JSON objects or lists inside cells); standard output
    stays without a BOM for pipes."""
    import csv

    doc = tmp_path / "wrong.md"
    doc.write_text(WRONG, encoding="utf-8")
    for command in ("check", "extract"):
        out = tmp_path / f"{command}.csv"
        r = factlib(command, doc, "--format", "csv", "-o", out, "-q")
        assert r.returncode == 0, r.stderr
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), command
        rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
        assert rows, command
        if command == "check":
            wrong = [row for row in rows if row["verdict"] == "contradicted"]
            assert wrong and wrong[0]["observed_value"] and float(wrong[0]["observed_value"]) > 1e9
            assert not any(cell.lstrip().startswith(("{", "[")) for row in rows for cell in row.values())
    r = factlib("check", doc, "--format", "csv", "-q")
    assert r.returncode == 0 and r.stdout.startswith("finding_id,check,verdict")
