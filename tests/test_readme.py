"""The README's JupyterLab session runs as written."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


def test_readme_session_block_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A JupyterLab session", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    ns: dict = {}
    exec(compile(code, "README.md", "exec"), ns)
    claims, findings, timeline = ns["claims"], ns["findings"], ns["timeline"]
    assert {"doc_id", "surface", "value", "metric_key", "period"} <= set(claims.columns)
    assert (claims["surface"] == "10.67億人").any()
    assert len(findings) > 0 and set(findings["verdict"]) <= {
        "consistent", "contradicted", "unverifiable", "needs_review"}
    assert len(timeline.reference) > 0
    import matplotlib.pyplot as plt

    plt.close("all")


def _session_cells() -> list[str]:
    """The README session split as a user types it into JupyterLab: one cell per statement."""
    import ast

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme.split("## A JupyterLab session", 1)[1], re.S).group(1)
    lines = code.splitlines()
    return ["\n".join(lines[node.lineno - 1:node.end_lineno]) for node in ast.parse(code).body]


@pytest.mark.slow
@pytest.mark.xdist_group("readme_kernel")
def test_readme_session_renders_in_a_kernel_without_warnings():
    """Each statement in its own cell of a real IPython kernel, as in JupyterLab: no warning or
    error on standard error, every bare expression displayed once as HTML (the corpus as a table,
    not its texts) and the figure as one PNG (not twice)."""
    import nbformat
    from nbclient import NotebookClient

    cells = _session_cells()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import warnings; warnings.simplefilter('default')")]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    shown = {}
    for cell in nb.cells[1:]:
        for out in cell.outputs:
            assert out.output_type != "error", (cell.source, out)
            assert not (out.output_type == "stream" and out.name == "stderr"), (cell.source, out.text)
        shown[cell.source] = [out for out in cell.outputs if out.output_type in ("execute_result", "display_data")]
    expressions = [c for c in cells if "=" not in c.split("#")[0] and not c.startswith(("import", "from"))]
    assert len(expressions) >= 4, expressions
    for source in expressions:
        outs = shown[source]
        assert len(outs) == 1, (source, outs)
        data = outs[0].data
        if source.startswith("timeline.figure"):
            assert "image/png" in data
        else:
            assert "text/html" in data, source
    corpus_html = next(outs for src, outs in shown.items() if src.split("#")[0].strip() == "corpus")[0].data["text/html"]
    assert "<table" in corpus_html and len(corpus_html) < 20_000  # a summary, not five full texts
    pngs = sum("image/png" in o.data for outs in shown.values() for o in outs)
    assert pngs == 1
