"""How the ``factlib`` program ends (factlib.cli.console): after ``factlib report`` without tearing
down its modules, but only once its exit handlers have run and its output is flushed; every
other command, an error and a usage mistake end the ordinary way, with the same exit status."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "003_3cb92859fe70f893.txt"

#: runs the program as the console script does, with an exit handler that prints and writes a file
PROGRAM = """
import atexit, pathlib, sys
MARKER = pathlib.Path(sys.argv[1])
def handler():
    print("exit handler ran", flush=False)
    MARKER.write_text("written at exit")
atexit.register(handler)
class Teardown:  # freed when the interpreter tears its modules down
    def __del__(self, write=__import__("os").write):
        write(1, b"torn down\\n")
TEARDOWN = Teardown()
sys.argv = ["factlib", *sys.argv[2:]]
print("buffered before the command", end="\\n", flush=False)
from factlib.cli import console
console()
"""


def _program(tmp_path, *args):
    marker = tmp_path / "marker.txt"
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(marker), *args], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    return done, marker


@pytest.mark.slow
@pytest.mark.xdist_group("report")
def test_report_ends_after_its_exit_handlers_with_its_output_flushed(tmp_path):
    out = tmp_path / "out"
    done, marker = _program(tmp_path, "report", str(SEED), "-o", str(out), "--only", "corpus_overview",
                            "--jobs", "1", "--no-progress")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["buffered before the command", "exit handler ran"]  # not torn down
    assert marker.read_text() == "written at exit"
    assert "factlib report: open" in done.stderr.splitlines()[-1]
    assert (out / "index.html").is_file() and (out / "corpus_overview.html").is_file()


def test_other_commands_and_errors_end_the_ordinary_way(tmp_path):
    done, marker = _program(tmp_path, "docs", str(SEED))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "buffered before the command"
    assert done.stdout.splitlines()[-2:] == ["exit handler ran", "torn down"] and marker.is_file()
    marker.unlink()
    done, marker = _program(tmp_path, "report", "--no-such-flag")
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr
    assert done.stdout.splitlines()[-2:] == ["exit handler ran", "torn down"] and marker.is_file()


def test_python_dash_m_is_the_program(tmp_path):
    done = subprocess.run([sys.executable, "-m", "factlib", "docs", str(SEED)], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"id"' in done.stdout
