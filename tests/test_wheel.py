"""Issue 13, defect 2: an installed (non-editable) wheel makes reports from any folder.

The wheel is built offline from a copy of the checkout (``pip wheel --no-build-isolation``: the
dev extra provides setuptools and wheel), installed with ``--no-deps --no-index`` into a folder
of its own, and run by a fresh virtual environment that sees only that folder plus the
dependencies of this environment (added after it on ``sys.path``, through a ``.pth`` file, so
the editable checkout cannot shadow the wheel).  ``factlib report`` then runs from a temporary
folder outside the checkout.
"""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report")]


def _copy_source(dst: Path) -> None:
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dst / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "factlib", dst / "factlib", ignore=ignore)
    shutil.copytree(ROOT / "notebooks", dst / "notebooks", ignore=ignore)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    pytest.importorskip("wheel")
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    _copy_source(src)
    dist = work / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                            "-w", str(dist), str(src)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    wheels = list(dist.glob("factlib-*.whl"))
    assert len(wheels) == 1
    target = work / "site"
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target),
                           str(wheels[0])], capture_output=True, text=True, timeout=600)
    assert inst.returncode == 0, inst.stderr[-2000:]
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    venv_site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                    capture_output=True, text=True, check=True).stdout.strip())
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()] or [sysconfig.get_paths()["purelib"]]
    (venv_site / "factlib_wheel_test.pth").write_text("\n".join([str(target), *deps]) + "\n")
    return {"python": python, "target": target, "wheel": wheels[0]}


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    # the dependencies' data files (nbconvert's templates, kernel specs) are in this environment's
    # prefix, where a real install of the dependencies would have put them in the new one
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(Path(sys.prefix) / "share" / "jupyter"),
                                                        env.get("JUPYTER_PATH")]))
    return env


def test_wheel_carries_the_notebooks_as_they_are_at_the_top(installed):
    shipped = installed["target"] / "factlib" / "notebooks"
    top = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in shipped.glob("*.ipynb")) == top
    assert all(filecmp.cmp(ROOT / "notebooks" / n, shipped / n, shallow=False) for n in top)


def test_installed_wheel_runs_a_report_outside_the_checkout(installed, tmp_path, seeds_dir):
    python = str(installed["python"])
    where = subprocess.run([python, "-c", "import json, factlib; from factlib.report.batch import notebooks_dir; "
                            "print(json.dumps([factlib.__file__, str(notebooks_dir())]))"],
                           capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=300)
    assert where.returncode == 0, where.stderr
    module, notebooks = json.loads(where.stdout)
    assert module.startswith(str(installed["target"])) and notebooks.startswith(str(installed["target"]))
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(seeds_dir / "000_6795ef89a86ceb71.txt", texts)
    r = subprocess.run([python, "-m", "factlib", "report", "texts", "-o", "out", "--jobs", "1", "--no-progress",
                        "--only", "corpus_overview", "--only", "document_report"],
                       capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "(0 failed)" in r.stderr
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "document" / "000_6795ef89a86ceb71.html").is_file()
