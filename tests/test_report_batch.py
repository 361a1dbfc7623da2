"""Batch execution: parameters via papermill, long-lived kernels, failures, atomic writes, tables.

These tests use tiny notebooks from ``tests/data/notebooks`` so they check the batch
machinery itself; ``tests/test_notebooks.py`` runs the real report notebooks.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest

from factlib.report.batch import Job, KernelSession, execute_jobs, plan_jobs, portable_parameters, run_job
from factlib.report.files import (
    TMP_MARK,
    atomic_write,
    atomic_write_with,
    remove_stale_temporaries,
    safe_name,
)
from factlib.report.record import RECORD_MIME, read_records, strip_records
from factlib.report.tabular import write_table

pytestmark = pytest.mark.xdist_group("report_batch")

NB = Path(__file__).parent / "data" / "notebooks"

# Paths a user might really have: quotes, spaces, CJK, a backslash, a brace.
AWKWARD = [
    ("quotes", 'it\'s a "quoted" path/000.txt'),
    ("spaces", "/tmp/my corpus/seed 000.txt"),
    ("cjk", "/tmp/语料/網民規模.txt"),
    ("backslash-brace", "C:\\data\\{x}\\a.txt"),
    ("code-injection", "x'); import os; os._exit(3); ('"),
]


@pytest.fixture(scope="module")
def session():
    with KernelSession(cwd=NB) as s:
        yield s


@pytest.mark.parametrize("path", [p for _, p in AWKWARD], ids=[i for i, _ in AWKWARD])
def test_parameters_reach_the_notebook_verbatim(session, path, tmp_path):
    r = run_job(session, Job("echo_params", "echo/x", "t", {"path": path}), NB, tmp_path)
    assert r.error is None
    assert r.records["path"] == path
    assert r.records["leaked"] is False  # %reset -f ran before the notebook
    html = (tmp_path / r.html).read_text(encoding="utf-8")
    from factlib.report.sortable import foreign_scripts

    assert foreign_scripts(html) == [] and 'http-equiv="Content-Security-Policy"' in html
    # the executed notebook carries the injected parameters cell after the parameters cell
    nb = nbformat.read(tmp_path / r.ipynb, as_version=4)
    tags = [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code"]
    assert tags[0] == ["parameters"] and tags[1] == ["injected-parameters"]
    assert not any("factlib-reset" in t for t in tags)


def test_one_kernel_serves_many_notebooks(session, tmp_path):
    pids = set()
    for i in range(3):
        r = run_job(session, Job("echo_params", f"echo/{i}", "t", {"path": str(i)}), NB, tmp_path)
        assert r.error is None and r.records["leaked"] is False
        pids.add(r.records["pid"])
    assert len(pids) == 1


def test_failure_is_recorded_and_the_html_still_written(session, tmp_path):
    r = run_job(session, Job("echo_params", "echo/bad", "t", {"path": "p", "fail": True}), NB, tmp_path)
    assert r.error == "ValueError: asked to fail for p"
    assert r.html and "asked to fail for p" in (tmp_path / r.html).read_text(encoding="utf-8")


def test_a_crashed_kernel_is_replaced(tmp_path):
    with KernelSession(cwd=NB) as s:
        r = run_job(s, Job("crash_kernel", "crash", "t", {"code": 1}), NB, tmp_path)
        assert r.error and r.error.startswith("DeadKernelError")
        ok = run_job(s, Job("echo_params", "after", "t", {"path": "after"}), NB, tmp_path)
        assert ok.error is None and ok.records["path"] == "after"


def test_unreadable_notebook_is_an_error_not_a_crash(session, tmp_path):
    r = run_job(session, Job("not_json", "broken", "t", {}), NB, tmp_path)
    assert r.error and r.html is None


def test_parallel_workers_keep_order_and_isolate_failures(tmp_path):
    jobs = [Job("echo_params", f"echo/{i}", f"t{i}", {"path": f"p {i}", "fail": i == 2}) for i in range(5)]
    results = execute_jobs(jobs, tmp_path, notebook_folder=NB, workers=2, progress=False)
    assert [r.job.output for r in results] == [j.output for j in jobs]
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert [r.records.get("path") for r in results] == [f"p {i}" for i in range(5)]
    # at most two workers (which of them takes a job is the scheduler's choice: a worker whose
    # kernel is slow to start may get none), and every worker that ran jobs started exactly one
    # kernel, whose process ran all of that worker's notebooks
    workers = {r.worker for r in results}
    assert 1 <= len(workers) <= 2
    for w in workers:
        mine = [r for r in results if r.worker == w]
        assert sum(1 for r in mine if r.kernel_startup > 0) == 1
        assert len({r.records["pid"] for r in mine}) == 1
    assert len({r.records["pid"] for r in results}) == len(workers)
    assert not list(tmp_path.rglob(f".*{TMP_MARK}*"))


# ----------------------------------------------------------------- atomic writes

def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "r" / "index.html"
    atomic_write(target, "old")
    atomic_write(target, "新的")
    assert target.read_text(encoding="utf-8") == "新的"
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]


def test_interrupted_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "index.html"
    atomic_write(target, "complete report")

    def half_then_die(tmp: Path) -> None:
        tmp.write_text("<html><body>half a rep", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write_with(target, half_then_die)
    assert target.read_text(encoding="utf-8") == "complete report"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_stale_temporaries_are_swept(tmp_path):
    (tmp_path / "document").mkdir()
    stale = tmp_path / "document" / f".000.html{TMP_MARK}123-abcd"
    stale.write_text("half")
    keep = tmp_path / "document" / "000.html"
    keep.write_text("whole")
    assert remove_stale_temporaries(tmp_path) == 1
    assert not stale.exists() and keep.exists()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_6795ef89a86ceb71", "000_6795ef89a86ceb71"),
        ("internet_users", "internet_users"),
        ("網民規模", "網民規模"),
        ("../../etc/passwd", None),
        ("a b", None),
        ('x"><script>', None),
        ("", None),
    ],
    ids=["seed-id", "metric", "cjk", "traversal", "space", "markup", "empty"],
)
def test_safe_name(name, expected):
    out = safe_name(name)
    assert "/" not in out and " " not in out and not out.startswith(".") and "<" not in out
    if expected is not None:
        assert out == expected
    assert safe_name(name) == out  # deterministic


def test_safe_names_do_not_collide():
    names = ["a b", "a_b", "a/b", "a?b"]
    assert len({safe_name(n) for n in names}) == len(names)


# ----------------------------------------------------------------- records and tables

def test_records_round_trip_and_are_stripped():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={RECORD_MIME: {"name": "findings", "value": 42}}),
        nbformat.v4.new_output("display_data", data={"text/plain": "42"}),
    ]
    nb.cells.append(cell)
    assert read_records(nb) == {"findings": 42}
    strip_records(nb)
    assert len(nb.cells[0].outputs) == 1 and read_records(nb) == {}


def test_claims_and_findings_tables_as_csv_and_parquet(tmp_path):
    findings = pd.DataFrame(
        {
            "finding_id": ["f1", "f2"],
            "claim_ids": [["000:1", "002:1"], ["003:4"]],
            "doc_ids": [["000", "002"], ["003"]],
            "observed": [22.0, [1.0665e9, 1.0675e9]],        # a value or an interval
            "evidence": [[{"doc_id": "000", "start": 5, "end": 9}], [{"doc_id": "003", "start": 0, "end": 7}]],
            "rel_diff": [0.0, None],
            "explanation": ["22个国家 ↔ 22 countries", "10.67億人"],
        }
    )
    paths = write_table(findings, tmp_path, "findings")
    assert [p.name for p in paths] == ["findings.csv", "findings.parquet"]
    # CSV for spreadsheets (issue 17): UTF-8 with BOM, flat cells, no JSON
    raw = (tmp_path / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(tmp_path / "findings.csv")
    assert csv.columns[0] == "finding_id"
    assert csv.loc[0, "claim_ids"] == "000:1; 002:1"
    assert csv.loc[1, "observed"] == "1066500000.0; 1067500000.0"
    assert csv.loc[0, "evidence"] == "000:5-9"
    assert not any(str(v).startswith(("[", "{")) for v in csv.to_numpy().ravel())
    back = pd.read_parquet(tmp_path / "findings.parquet")
    assert list(back["claim_ids"][0]) == ["000:1", "002:1"]
    assert list(back["explanation"]) == ["22个国家 ↔ 22 countries", "10.67億人"]
    assert len(back) == 2


# ----------------------------------------------------------------- plan

def _doc(doc_id, path, title=""):
    return SimpleNamespace(id=doc_id, path=path, title=title)


def test_plan_covers_overview_metrics_pairs_and_documents(tmp_path):
    docs = [_doc("000", str(tmp_path / "000.txt"), "中国方案"), _doc("002", str(tmp_path / "002 en.txt")),
            _doc("003", str(tmp_path / "003.txt"))]
    claims = pd.DataFrame({"doc_id": ["000", "002", "003", "003"],
                           "metric_key": ["wic_editions", None, "internet_users", "internet_users"]})
    findings = pd.DataFrame({"check": ["translation", "translation", "reference"],
                             "doc_ids": [["000", "002"], ["002", "000"], ["003"]]})
    ctx = SimpleNamespace(documents=docs, claims=claims, findings=findings)
    jobs = plan_jobs(ctx, tmp_path, None)
    kinds = [j.notebook for j in jobs]
    assert kinds == ["corpus_overview", "metric_crosscheck", "metric_crosscheck", "translation_alignment",
                     "document_report", "document_report", "document_report"]
    assert [j.parameters["metric_key"] for j in jobs if j.notebook == "metric_crosscheck"] == [
        "internet_users", "wic_editions"]
    pair = next(j for j in jobs if j.notebook == "translation_alignment")
    assert pair.parameters["doc_b"] == str((tmp_path / "002 en.txt").resolve())
    assert len({j.output for j in jobs}) == len(jobs)
    assert all(Path(j.parameters.get("corpus")).is_absolute() for j in jobs)


def test_record_stays_the_function_whatever_was_imported_first():
    # a warm kernel (factlib.report.warm) or the batch imports factlib.report.record before any
    # notebook calls fr.record(...): the submodule must not shadow the function
    import subprocess
    import sys

    code = ("import factlib.report.record, factlib.report.warm, factlib.report as fr; "
            "assert callable(fr.record) and fr.record.__module__ == 'factlib.report.record'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "corpus, out, shown",
    [
        ("/home/alice/work/seeds", "/home/alice/work/reports", "../seeds"),            # beside the output
        ("/home/alice/work/reports/in/a.txt", "/home/alice/work/reports", "in/a.txt"),  # inside it
        ("/home/alice/private/corpus", "/srv/shared/reports", "corpus"),               # elsewhere: the name only
        ("/home/alice/corpus", "/home/alice/corpus/out", "corpus"),                    # its parent: the name
        (["/home/alice/w/a.txt", "/tmp/x/b.txt"], "/home/alice/w/out", "../a.txt, b.txt"),
    ],
    ids=["beside", "inside", "elsewhere", "parent", "list"],
)
def test_index_names_the_corpus_without_the_home_folder(corpus, out, shown):
    from factlib.report.batch import shown_path

    assert shown_path(corpus, out) == shown


@pytest.mark.parametrize("notebooks,load,cores,want", [
    (11, 0.0, 2, 2),     # the seeds on an idle 2-core machine: two workers (8.6 s vs 10.3 s wall)
    (4, 0.0, 2, 1),      # a handful of notebooks: one worker
    (300, 0.0, 8, 8),    # a large batch: every core
    (300, 4.5, 2, 2),    # a busy machine: still two (seeds at load 10-18: 10.0-15.7 s wall vs 10.6-18.5 s with one)
    (11, 18.0, 2, 2),
    (300, 1.9, 2, 2),
])
def test_default_jobs_from_batch_size_and_load(monkeypatch, notebooks, load, cores, want):
    import os

    from factlib.report import batch

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert batch.default_jobs(notebooks) == want


def test_portable_parameters_name_files_relative_to_the_report_folder(tmp_path):
    out = tmp_path / "work" / "reports"
    params = {"corpus": str(tmp_path / "work" / "seeds"), "doc_path": str(tmp_path / "work" / "seeds" / "a b.txt"),
              "reference": [str(tmp_path / "refs" / "x.csv")], "metric_key": "/not/a/path/parameter",
              "context_file": str(tmp_path / "scratch" / "context.pickle"), "doc_a": "already/relative.txt"}
    shown = portable_parameters(params, out)
    assert shown == {"corpus": "../seeds", "doc_path": "../seeds/a b.txt", "reference": ["../../refs/x.csv"],
                     "metric_key": "/not/a/path/parameter", "context_file": None, "doc_a": "already/relative.txt"}
    assert params["context_file"].endswith("context.pickle")  # the job's own parameters are not changed


def test_a_relative_path_is_found_from_the_report_folder(tmp_path, monkeypatch):
    """An executed notebook opened where it lies (reports/notebooks/document/) finds ../seeds/a.txt
    relative to the report folder, the nearest folder above holding factlib's manifest."""
    from factlib.documents.load import MANIFEST_NAME
    from factlib.report.params import ParameterError, resolve_path

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("x", encoding="utf-8")
    reports = tmp_path / "reports"
    (reports / "notebooks" / "document").mkdir(parents=True)
    monkeypatch.chdir(reports / "notebooks" / "document")
    with pytest.raises(ParameterError):  # not a report folder yet: only the working directory
        resolve_path("../seeds/a.txt")
    (reports / MANIFEST_NAME).write_text("{}", encoding="utf-8")
    assert resolve_path("../seeds/a.txt") == str((tmp_path / "seeds" / "a.txt").resolve())
    monkeypatch.chdir(reports)
    assert resolve_path("../seeds/a.txt") == str((tmp_path / "seeds" / "a.txt").resolve())


def test_report_kernels_keep_no_ipython_history(session):
    """A batch kernel does not commit every cell to ~/.ipython's SQLite history (9-18 ms a cell):
    IPython's HistoryManager is off in it."""
    from jupyter_core.utils import run_sync

    if not session.started:
        session.ready()
    msg_id = session.kc.execute("", silent=False, store_history=False,
                                user_expressions={"h": "get_ipython().history_manager.enabled"})
    while True:
        reply = run_sync(session.kc.get_shell_msg)(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    value = reply["content"]["user_expressions"]["h"]
    assert value["status"] == "ok" and value["data"]["text/plain"] == "False"
