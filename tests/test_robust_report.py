"""Issue 13 for ``factlib report``: bad files on the index, the output folder is factlib's alone,
and a killed report leaves nothing running and no temporary folder behind."""
from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report")]

GOOD = "截至2022年12月，我国网民规模达10.67亿，互联网普及率达75.6%。\n"


def _factlib(*args, cwd=None, timeout=900):
    return subprocess.run([sys.executable, "-m", "factlib", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def test_one_unreadable_file_does_not_fail_the_reports(tmp_path, seeds_dir):
    """Defect 1: an empty file made every report fail (the pickled LoadError)."""
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(seeds_dir / "000_6795ef89a86ceb71.txt", c / "a.txt")
    (c / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    r = _factlib("report", c, "-o", out, "--jobs", "1", "--no-progress", "--only", "corpus_overview",
                 "--only", "document_report")
    assert "Traceback" not in r.stderr
    assert r.returncode == 0, r.stderr[-3000:]
    assert "(0 failed)" in r.stderr
    assert any("empty.txt" in line and "empty file" in line for line in r.stderr.splitlines())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "empty.txt" in index and "empty file" in index
    assert (out / "document" / "a.html").is_file()


def test_report_of_a_corpus_with_bad_files_lists_them_and_renders_every_good_document(tmp_path):
    """Defects 1, 5 and 10 in one report: every kind of bad file beside good ones, read through the
    claim store; the bad files are on the index, every good document has its page, and an edit
    that keeps size and modification time is seen with --verify."""
    import pandas as pd

    from robust_support import BAD_FILES, GOOD, GOOD_FILES, make_mixed

    from factlib.report.files import safe_name

    corpus = make_mixed(tmp_path / "mixed")
    store = tmp_path / "claims.sqlite"
    out = tmp_path / "out"
    args = ["report", corpus, "-o", out, "--jobs", "1", "--no-progress", "--only", "document_report",
            "--store", store]
    before = _snapshot(tmp_path, skip={out, store})
    r = _factlib(*args)
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    assert r.returncode == 0, r.stderr[-3000:]
    assert "(0 failed)" in r.stderr
    assert _snapshot(tmp_path, skip={out, store}) == before  # nothing outside the output folder changed
    index = (out / "index.html").read_text(encoding="utf-8")
    for name, reason in BAD_FILES.items():
        assert name in index and reason in index, name
    for name in GOOD_FILES:
        page = out / "document" / f"{safe_name(os.path.splitext(name)[0])}.html"
        assert page.is_file(), name
        assert f"document/{page.name}" in index
    assert "skipped" in r.stderr and "reference.csv" in r.stderr
    # an edit that keeps size and modification time: the store trusts it, --verify re-hashes
    a = corpus / "a.txt"
    st = os.stat(a)
    a.write_text(GOOD.replace("10.67", "10.68"), encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))

    def surfaces(folder):
        claims = pd.read_csv(folder / "claims.csv", dtype=str)
        return set(claims.loc[claims["doc_id"] == "a", "surface"])

    r = _factlib(*args[:2], "-o", tmp_path / "stale", *args[4:])
    assert r.returncode == 0, r.stderr[-3000:]
    assert "10.67亿" in surfaces(tmp_path / "stale")
    r = _factlib(*args[:2], "-o", tmp_path / "fresh", *args[4:], "--verify")
    assert r.returncode == 0, r.stderr[-3000:]
    assert "10.68亿" in surfaces(tmp_path / "fresh") and "10.67亿" not in surfaces(tmp_path / "fresh")


def _snapshot(root, skip=()) -> dict:
    """Every entry under ``root`` (but ``skip``): its kind, size, modification time and bytes."""
    import stat as stat_

    skip = {str(p) for p in skip}
    out = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) not in skip]
        for name in dirs + files:
            path = os.path.join(folder, name)
            if path in skip or any(path.startswith(p + "-") for p in skip):  # the store's -wal/-shm
                continue
            st = os.lstat(path)
            data = open(path, "rb").read() if stat_.S_ISREG(st.st_mode) else None
            out[path] = (stat_.S_IFMT(st.st_mode), st.st_size if data is not None else 0, st.st_mtime_ns, data)
    return out


def test_missing_corpus_is_a_clear_error(tmp_path):
    out = tmp_path / "out"
    r = _factlib("report", tmp_path / "nope", "-o", out, "--jobs", "1", "--no-progress",
                 "--only", "document_report")
    assert "Traceback" not in r.stderr
    assert any("nope" in line and "no such file" in line for line in r.stderr.splitlines())
    assert "nope" in (out / "index.html").read_text(encoding="utf-8")


def test_same_named_files_get_their_own_pages(tmp_path):
    """Defect 3: 2021/news.txt and 2024/news.txt wrote one page over the other."""
    for year, value in (("2021", "10.92亿"), ("2024", "9.5亿")):
        (tmp_path / "c" / year).mkdir(parents=True)
        (tmp_path / "c" / year / "news.txt").write_text(
            f"中国互联网络信息中心发布报告。截至2022年12月，我国网民规模达{value}。\n", encoding="utf-8")
    out = tmp_path / "out"
    r = _factlib("report", tmp_path / "c", "-o", out, "--jobs", "1", "--no-progress", "--only", "document_report")
    assert r.returncode == 0, r.stderr[-3000:]
    pages = sorted(p.name for p in (out / "document").glob("*.html"))
    assert len(pages) == 2
    texts = [(out / "document" / p).read_text(encoding="utf-8") for p in pages]
    assert any("10.92" in t for t in texts) and any("9.5" in t for t in texts)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f"document/{p}" in index for p in pages)


def test_output_folder_is_factlibs_alone(tmp_path, seeds_dir):
    """Defect 8: -o deleted a user's .backup.tmp-2023 and overwrote index.html; outputs inside
    the corpus were read back as documents."""
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    (out / "claims.csv").write_text("my,own\ntable,1\n")
    (out / ".backup.tmp-2023").write_text("my backup")
    r = _factlib("report", corpus, "-o", out, "--jobs", "1", "--no-progress", "--only", "corpus_overview")
    assert "Traceback" not in r.stderr
    assert r.returncode == 2 and "--force" in r.stderr
    assert (out / "index.html").read_text() == "my own page"
    assert (out / "claims.csv").read_text() == "my,own\ntable,1\n"
    assert sorted(p.name for p in out.iterdir()) == [".backup.tmp-2023", "claims.csv", "index.html"]
    r = _factlib("report", corpus, "-o", out, "--force", "--jobs", "1", "--no-progress", "--only", "corpus_overview")
    assert r.returncode == 0, r.stderr[-3000:]
    assert (out / ".backup.tmp-2023").read_text() == "my backup"
    # inside the corpus, twice: the second run does not read the first run's output
    inside = corpus / "reports"
    for _ in range(2):
        r = _factlib("report", corpus, "-o", inside, "--jobs", "1", "--no-progress", "--only", "corpus_overview")
        assert r.returncode == 0, r.stderr[-3000:]
        assert "5 documents" in r.stderr or "documents" in (inside / "index.html").read_text(encoding="utf-8")
    docs = _factlib("docs", corpus)
    assert docs.stdout.count("\n") == 5
    assert "factlib output folder" in docs.stderr


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(procs) -> list:
    import psutil

    alive = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p)
        except psutil.NoSuchProcess:
            pass
    return alive


def _kernels(procs) -> list:
    out = []
    for p in procs:
        try:
            if "ipykernel" in " ".join(p.cmdline()):
                out.append(p)
        except Exception:
            pass
    return out


@pytest.mark.parametrize("sig, jobs", [(signal.SIGTERM, 1), (signal.SIGKILL, 1), (signal.SIGTERM, 2),
                                       (signal.SIGKILL, 2), (signal.SIGINT, 2)],
                         ids=["SIGTERM-1", "SIGKILL-1", "SIGTERM-2", "SIGKILL-2", "SIGINT-2"])
def test_killed_report_leaves_nothing_running(tmp_path, seeds_dir, sig, jobs):
    """Defect 9: after SIGTERM or SIGKILL of report --jobs 2, workers, kernels and the resource
    tracker stayed alive and the temporary folder stayed behind (with --jobs 1 and SIGKILL the
    temporary folder stayed: it is now removed by the report's watchdog process); Ctrl-C
    (SIGINT) stops the same way."""
    pytest.importorskip("psutil")
    corpus = tmp_path / "corpus"
    for i in range(4):
        shutil.copytree(seeds_dir, corpus / f"copy{i}")
    proc = subprocess.Popen([sys.executable, "-m", "factlib", "report", str(corpus), "-o", str(tmp_path / "out"),
                             "--jobs", str(jobs), "--no-progress"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        seen: dict[int, object] = {}
        while time.monotonic() < deadline:
            for p in _descendants(proc.pid):
                seen[p.pid] = p
            if len(_kernels(_alive(seen.values()))) >= jobs:
                break
            assert proc.poll() is None, "the report ended before its kernels were seen"
            time.sleep(0.2)
        else:
            pytest.fail(f"{jobs} kernel(s) never started")
        time.sleep(1.0)
        for p in _descendants(proc.pid):
            seen[p.pid] = p
        scratch = glob.glob(os.path.join(tempfile.gettempdir(), f"factlib-report-{proc.pid}-*"))
        assert scratch, "the batch's temporary folder was not found"
        proc.send_signal(sig)
        proc.wait(timeout=120)
        deadline = time.monotonic() + 60
        while _alive(seen.values()) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _alive(seen.values()), [p.cmdline() for p in _alive(seen.values())]
        deadline = time.monotonic() + 30
        while any(os.path.exists(s) for s in scratch) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not any(os.path.exists(s) for s in scratch)
    finally:
        if proc.poll() is None:
            proc.kill()
        for p in _alive(_descendants(proc.pid)):
            p.kill()


def test_scratch_watchdog_removes_the_folder_when_its_process_is_killed(tmp_path):
    """The watchdog of a report's scratch folder: the folder goes when the report is SIGKILLed
    (no clean-up of its own runs), and the watchdog itself exits."""
    pytest.importorskip("psutil")
    import psutil

    scratch = tmp_path / "factlib-report-x"
    script = (
        "import os, sys, time\n"
        "from factlib.report.batch import scratch_watchdog\n"
        "os.mkdir(sys.argv[1])\n"
        "open(os.path.join(sys.argv[1], 'context.pickle'), 'wb').write(b'x')\n"
        "w = scratch_watchdog(sys.argv[1])\n"
        "print(w.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(scratch)], stdout=subprocess.PIPE, text=True)
    try:
        watchdog = psutil.Process(int(proc.stdout.readline()))
        assert scratch.is_dir() and watchdog.is_running()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while scratch.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not scratch.exists()
        watchdog.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
