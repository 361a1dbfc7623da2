"""Packaging: environment.yml in step with pyproject.toml, data tables well-formed, CLI help."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(req: str) -> str:
    # "dask[dataframe]>=2024.8" -> "dask>=2024.8": the version bound, without extras
    return re.sub(r"\[[^\]]*\]", "", req).replace(" ", "").lower()


def test_environment_yml_lists_the_same_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = [], []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += [p for p in dep.get("pip", []) if not p.startswith("-e")]
        elif _name(dep) not in ("python", "pip"):
            conda.append(dep)
    listed = {_name(d): _spec(d) for d in conda + pip}
    wanted = {_name(d): _spec(d) for d in project["dependencies"]}
    assert listed == wanted, (
        f"only in environment.yml: {sorted(set(listed) - set(wanted))}; "
        f"only in pyproject.toml: {sorted(set(wanted) - set(listed))}; "
        f"different bounds: {sorted(k for k in listed.keys() & wanted.keys() if listed[k] != wanted[k])}"
    )
    assert "conda-forge" in env["channels"]


def test_required_packages_are_declared():
    deps = {_name(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    assert {"jupyter", "pandas", "matplotlib", "cn2an", "papermill"} <= deps
    for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        assert ">=" in d, f"{d}: runtime dependencies carry a lower bound"


DATA = sorted((ROOT / "factlib" / "data").rglob("*.csv"))


@pytest.mark.parametrize("path", DATA, ids=[str(p.relative_to(ROOT / "factlib" / "data")) for p in DATA])
def test_every_data_table_documents_itself_and_parses(path):
    from factlib.vocab.tables import _read_rows

    text = path.read_text(encoding="utf-8")
    first = text.lstrip("\ufeff").splitlines()[0]
    is_reference = "reference" in path.parts
    if not is_reference:  # the reference CSV keeps the published header; its README documents it
        assert first.startswith("#"), f"{path.name}: starts with a comment block saying what it holds"
    header, rows = _read_rows(path)
    assert header and rows
    assert all(len(r) == len(header) for r in rows)


def test_cli_help_for_every_command():
    from factlib.cli import COMMANDS

    r = subprocess.run([sys.executable, "-m", "factlib", "--help"], capture_output=True, text=True)
    assert r.returncode == 0
    for name in COMMANDS:
        assert name in r.stdout
        sub = subprocess.run([sys.executable, "-m", "factlib", name, "--help"], capture_output=True, text=True)
        assert sub.returncode == 0, (name, sub.stderr)
        assert "usage: factlib " + name in sub.stdout


def test_ci_script_calls_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    first_screen = "\n".join(readme.splitlines()[:40])
    commands = re.findall(r"^\s*(make \w+)", first_screen, re.M)
    assert commands[:2] == ["make report", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
