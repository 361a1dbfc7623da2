"""Jupyter and papermill for readers: rich display, charts shown once, notebook parameters."""
from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def examples():
    import factlib

    corpus = factlib.load_corpus(str(EXAMPLES))
    claims = factlib.claims_frame(corpus)
    reference = factlib.load_reference()
    return corpus, claims, factlib.check(claims, reference=reference), reference


def test_load_corpus_of_a_typo_raises():
    import factlib

    with pytest.raises(FileNotFoundError, match="typo"):
        factlib.load_corpus("typo/")
    with pytest.raises(FileNotFoundError):
        factlib.load_corpus(["no/such/a.txt", "no/such/b.txt"])


def test_document_html_colours_claims_by_verdict(examples):
    from factlib.report.jupyter import document_html

    corpus, claims, findings, _ = examples
    wrong = next(d for d in corpus if d.id.startswith("03_"))
    out = document_html(wrong, findings=findings, claims=claims)
    assert re.search(r'class="claim v-contradicted"[^>]*>10\.97亿人<', out)
    assert "factlib-legend" in out and "<script" not in out
    # without frames it extracts and checks the document alone
    assert "v-contradicted" in document_html(wrong)


def test_corpus_html_is_a_summary_not_the_texts(examples):
    from factlib.report.jupyter import corpus_html

    corpus = examples[0]
    out = corpus_html(corpus)
    assert "4 documents" in out and out.count("<tr>") == 1 + 4
    assert "10.97亿人" not in out  # no full text


def test_ipython_formatters_and_styled_frames(examples):
    from IPython.core.interactiveshell import InteractiveShell

    from factlib.report.jupyter import register, styled

    corpus, claims, findings, reference = examples
    ip = InteractiveShell.instance()
    try:
        assert register(ip)
        data, _ = ip.display_formatter.format(corpus)
        assert "4 documents" in data["text/html"]
        data, _ = ip.display_formatter.format(corpus[2])
        assert "v-contradicted" in data["text/html"]
        html = styled(findings, claims=claims, reference=reference)._repr_html_()
        assert "✗ contradicted" in html and 'href="https://' in html
        html = styled(claims, findings=findings)._repr_html_()
        assert "10.97亿人" in html and "verdict-contradicted" in html
    finally:
        InteractiveShell.clear_instance()


def test_many_timelines_warn_nothing_and_leave_no_figure_open(examples):
    import matplotlib.pyplot as plt

    from factlib.report.charts import metric_timeline

    _, claims, _, reference = examples
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = [metric_timeline(claims, reference, "internet_users").figure for _ in range(25)]
    assert plt.get_fignums() == []  # never registered with pyplot: nothing to close, never shown twice
    assert len({id(f) for f in figures}) == 25


def test_timeline_labels_do_not_overlap():
    from factlib.report.charts import metric_timeline

    claims = pd.DataFrame([
        {"doc_id": f"d{i}", "claim_id": f"c{i}", "surface": s, "value": v, "low": v, "high": v,
         "qualifier": "exact", "kind": "count", "unit": "person", "metric_key": "internet_users", "period": p}
        for i, (s, v, p) in enumerate([("10.67亿人", 1.067e9, "2022-12"), ("10.7亿", 1.07e9, "2022-12"),
                                       ("1.067 billion", 1.067e9, "2022-12"), ("10.51亿", 1.051e9, "2022-06"),
                                       ("10.6亿", 1.06e9, "2022-11")])
    ])
    fig = metric_timeline(claims, None, "internet_users").figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    from matplotlib.text import Text

    boxes = [Text.get_window_extent(t, renderer) for t in fig.axes[0].texts if t.get_text()]  # without arrows
    assert len(boxes) == 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (a, b)


@pytest.mark.parametrize(
    "period, shape",
    [("2022", "year"), ("2023-Q1", "quarter"), ("2023-H1", "half"), ("2023-01/2023-06", "year-to-date"),
     ("2023-03/2023-05", "interval"), ("2022-12", "month")],
    ids=["year", "quarter", "half", "ytd", "interval", "month"],
)
def test_series_kept_apart_by_period_shape(period, shape):
    from factlib.report.charts import _period_shape

    assert _period_shape(period) == shape


@pytest.mark.parametrize("name", ["corpus_overview", "metric_crosscheck", "document_report", "translation_alignment"])
def test_papermill_help_shows_types_and_descriptions(name):
    from papermill.inspection import inspect_notebook

    params = inspect_notebook(str(NOTEBOOKS / f"{name}.ipynb"))
    assert params
    for p in params.values():
        assert p["inferred_type_name"] not in ("None", ""), p
        assert p["help"] and len(p["help"]) > 10, p


def _papermill(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "papermill", "-k", "python3", "--no-progress-bar", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
@pytest.mark.xdist_group("papermill_cli")
def test_papermill_from_the_repository_root(tmp_path):
    out = tmp_path / "o.ipynb"
    ok = _papermill(tmp_path, "notebooks/corpus_overview.ipynb", str(out))
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert "5 documents" in out.read_text(encoding="utf-8")
    missing = _papermill(tmp_path, "notebooks/corpus_overview.ipynb", str(out), "-p", "corpus", "/no/such")
    assert missing.returncode != 0 and "corpus '/no/such' does not exist" in missing.stderr
    unknown = _papermill(tmp_path, "notebooks/metric_crosscheck.ipynb", str(out), "-p", "metric_key", "no_such_key")
    assert unknown.returncode != 0 and "unknown metric_key 'no_such_key'" in unknown.stderr


@pytest.mark.slow
@pytest.mark.xdist_group("papermill_cli")
def test_readme_session_in_a_kernel_shows_each_result_once_without_warnings():
    """The README's JupyterLab block, one cell per paragraph, in a real kernel."""
    import nbformat
    from nbclient import NotebookClient

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme.split("## A JupyterLab session", 1)[1], re.S).group(1)
    cells = [nbformat.v4.new_code_cell(block) for block in code.strip().split("\n\n")]
    nb = nbformat.v4.new_notebook(cells=cells)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    for cell in nb.cells:
        streams = [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
        assert streams == [], (cell.source, streams)
    corpus_cell = next(c for c in nb.cells if "load_corpus" in c.source)
    timeline_cell = nb.cells[-1]
    html = corpus_cell.outputs[-1]["data"]["text/html"]
    assert "5 documents" in html and len(html) < 20000
    images = [o for o in timeline_cell.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1, timeline_cell.outputs
    doc_cell = next(c for c in nb.cells if c.source.strip().endswith("by verdict"))
    assert "class=\"claim v-" in doc_cell.outputs[-1]["data"]["text/html"]
