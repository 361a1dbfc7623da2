"""The GitHub Actions workflow users copy (.github/workflows/ci.yml): valid against the workflow
schema (SchemaStore's, copied into tests/data), and it runs the suite and executes every report
notebook with parameters the notebooks declare."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SCHEMA = ROOT / "tests" / "data" / "github-workflow.schema.json"
REPORT_NOTEBOOKS = ("corpus_overview", "metric_crosscheck", "document_report", "translation_alignment")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def run_lines(workflow: dict) -> list[str]:
    """Every shell command of every job, continuation lines joined."""
    lines = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            script = step.get("run", "")
            lines += [ln.strip() for ln in script.replace("\\\n", " ").splitlines() if ln.strip()]
    return lines


def test_there_is_a_workflow():
    assert [p.name for p in WORKFLOWS] == ["ci.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_matches_the_schema(path):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    workflow = load(path)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(workflow), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_the_schema_catches_a_broken_workflow():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    workflow = load(WORKFLOWS[0])
    workflow["jobs"]["test"]["runs_on"] = workflow["jobs"]["test"].pop("runs-on")  # a typo
    assert list(jsonschema.Draft7Validator(schema).iter_errors(workflow))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_are_pinned_and_jobs_time_out(path):
    workflow = load(path)
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_workflow_runs_the_readme_test_command():
    lines = run_lines(load(WORKFLOWS[0]))
    assert "python -m pytest -n 2 --dist loadgroup -q" in lines
    assert any(ln.startswith("pip install -e '.[dev]'") for ln in lines)


def test_workflow_executes_every_report_notebook_with_declared_parameters():
    import papermill

    lines = [ln for ln in run_lines(load(WORKFLOWS[0])) if ln.startswith("papermill ")]
    seen = set()
    for line in lines:
        words = shlex.split(line)
        notebook = Path(words[1])
        seen.add(notebook.stem)
        declared = set(papermill.inspect_notebook(str(ROOT / notebook)))
        given = [words[i + 1] for i, w in enumerate(words) if w == "-p"]
        assert given and set(given) <= declared, (notebook, given, declared)
        for i, w in enumerate(words):  # every path parameter names a file or folder of the repository
            if w == "-p" and words[i + 1] in ("corpus", "doc_path", "doc_a", "doc_b"):
                assert (ROOT / words[i + 2]).exists(), words[i + 2]
    assert seen == set(REPORT_NOTEBOOKS)
