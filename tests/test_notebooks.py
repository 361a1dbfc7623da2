"""The report notebooks: stored clean, paired with their scripts, executed on seeds/ and read back.

Each notebook runs twice: once the standard way (``papermill.execute_notebook``, a fresh
kernel, default parameters, as a user or CI would) and once through ``factlib report``'s
batch (long-lived kernels).  Their recorded outputs are compared with what the library
computes in this process.
"""
from __future__ import annotations

import ast
import html
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest

from factlib.report.record import read_records

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report_notebooks")]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SEEDS = ROOT / "seeds"
NAMES = ["corpus_overview", "metric_crosscheck", "document_report", "translation_alignment"]


# ----------------------------------------------------------------- stored form

@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs_with_python3_kernel(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: stored with outputs"
            assert cell.execution_count is None, f"{name}: stored with execution counts"
    assert "widgets" not in nb.metadata and "papermill" not in nb.metadata


@pytest.mark.parametrize("name", NAMES)
def test_one_parameters_cell_of_plain_defaults(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0], "the first code cell, and only it, is tagged parameters"
    for stmt in ast.parse(tagged[0].source).body:
        # plain or annotated (`corpus: str = "seeds"  # help`, which papermill --help-notebook shows)
        assert isinstance(stmt, (ast.Assign, ast.AnnAssign)), "parameters cell holds only assignments"
        if isinstance(stmt, ast.AnnAssign):  # the type is a name or a string, never code that runs
            assert isinstance(stmt.annotation, ast.Name) or (
                isinstance(stmt.annotation, ast.Constant) and isinstance(stmt.annotation.value, str))
        ast.literal_eval(stmt.value)  # literals only: papermill overrides them


@pytest.mark.parametrize("name", NAMES)
def test_notebook_and_percent_script_agree(name):
    """Edit either file, then `jupytext --sync notebooks/NAME.ipynb`."""
    ipynb = jupytext.read(NOTEBOOKS / f"{name}.ipynb")
    script = jupytext.read(NOTEBOOKS / f"{name}.py")
    assert ipynb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"

    def cells(nb):
        return [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in nb.cells]

    assert cells(ipynb) == cells(script), f"{name}.ipynb drifted from {name}.py"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_stays_thin(name):
    """Logic lives in factlib: no function or class definitions, few lines per cell."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) for n in ast.walk(tree))
        assert len(cell.source.splitlines()) <= 25


# ----------------------------------------------------------------- the pipeline in this process

@pytest.fixture(scope="module")
def ctx():
    from factlib.report.context import load_context

    return load_context(str(SEEDS))


def _seed(ctx, prefix):
    return next(d for d in ctx.documents if d.id.startswith(prefix))


# ----------------------------------------------------------------- papermill, fresh kernel, defaults

@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook executed by plain papermill with its default parameters (on seeds/)."""
    import papermill as pm

    out = tmp_path_factory.mktemp("executed")
    results = {}
    for name in NAMES:
        nb = pm.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(out / f"{name}.ipynb"),
                                 kernel_name="python3", cwd=str(NOTEBOOKS), progress_bar=False)
        results[name] = read_records(nb)
    return results


def test_overview_findings_count(executed, ctx):
    rec = executed["corpus_overview"]
    assert rec["findings"] == len(ctx.findings) > 0
    assert rec["documents"] == len(ctx.documents) == 5
    assert rec["counts"]["claims"] == len(ctx.claims)
    assert rec["verdicts"] == ctx.findings["verdict"].value_counts().to_dict()


def test_metric_notebook_plots_every_level_claim(executed, ctx):
    from factlib.report.charts import metric_timeline

    rec = executed["metric_crosscheck"]  # default metric_key: internet_users
    claims = ctx.claims[ctx.claims["metric_key"] == "internet_users"]
    expected = metric_timeline(claims, ctx.reference, "internet_users")
    assert rec["plotted_claims"] == len(expected.plotted)
    assert rec["plotted_claims"] + rec["skipped_claims"] == len(claims)
    assert rec["reference_points"] == len(expected.reference) > 0  # CNNIC's series is drawn


def test_internet_users_timeline_plots_seed_003(ctx):
    """10.67億人 (seed 003, 截至2022年12月我國網民規模) sits on the internet_users timeline."""
    from factlib.report.charts import metric_timeline

    row = ctx.claims[ctx.claims["surface"] == "10.67億人"]
    assert len(row) == 1
    assert row["metric_key"].iloc[0] == "internet_users"
    t = metric_timeline(ctx.claims, ctx.reference, "internet_users")
    assert "10.67億人" in set(t.plotted["surface"])


def test_document_notebook_counts_its_claims(executed, ctx):
    rec = executed["document_report"]  # default: seed 000
    doc = _seed(ctx, "000")
    assert rec["doc_id"] == doc.id
    assert rec["claims"] == int((ctx.claims["doc_id"] == doc.id).sum()) > 0


def test_alignment_notebook_pairs_22_countries(executed, ctx):
    rec = executed["translation_alignment"]  # default: 000 ↔ 002
    assert rec["aligned"] > 0
    from factlib.report.context import alignment_table

    table = alignment_table(ctx, _seed(ctx, "000").id, _seed(ctx, "002").id)
    aligned = table[table["status"] == "aligned"]
    assert rec["aligned"] == len(aligned)
    assert any("22" in a and "22" in b for a, b in zip(aligned["a_surface"], aligned["b_surface"]))


# ----------------------------------------------------------------- the batch on seeds/

@pytest.fixture(scope="module")
def report(tmp_path_factory, ctx):
    from factlib.report.batch import run_report

    out = tmp_path_factory.mktemp("reports")
    return run_report(str(SEEDS), out, jobs=2, progress=False)


def test_batch_writes_every_report(report, ctx):
    from factlib.report.context import metric_keys, translation_pairs
    from factlib.report.sortable import foreign_scripts

    assert report.ok, [(r.job.output, r.error) for r in report.failed]
    kinds = [r.job.notebook for r in report.results]
    assert kinds.count("corpus_overview") == 1
    assert kinds.count("document_report") == len(ctx.documents) == 5
    assert kinds.count("metric_crosscheck") == len(metric_keys(ctx.claims)) > 0
    assert kinds.count("translation_alignment") == len(translation_pairs(ctx.findings)) >= 1
    for r in report.results:
        html = (report.out_dir / r.html).read_text(encoding="utf-8")
        assert foreign_scripts(html) == []  # factlib's table sorter only (allowed by its CSP hash)
        assert "import factlib.report" not in html, "code cells must not be exported"
        assert r.records.get("summary"), r.job.output
    assert not list(report.out_dir.rglob("*.tmp-*"))


def test_batch_index_links_every_report_with_its_summary(report, ctx):
    index = report.index.read_text(encoding="utf-8")
    for r in report.results:
        href = r.html.replace(" ", "%20")
        assert f'href="{href}"' in index
    assert "none failed" in index
    for r in report.results:  # each one-line summary, escaped
        assert html.escape(r.records["summary"]) in index
    # a document's summary names its first numbers, e.g. seed 000's 22 个国家
    from factlib.report.context import headline_claims

    doc = _seed(ctx, "000")
    heads = headline_claims(ctx.claims[ctx.claims["doc_id"] == doc.id])
    assert heads and all(html.escape(h) in index for h in heads)


def test_batch_writes_claims_and_findings_tables(report, ctx):
    import pandas as pd

    names = sorted(p.name for p in report.data_files)
    assert names == ["claims.csv", "claims.parquet", "findings.csv", "findings.parquet"]
    claims = pd.read_parquet(report.out_dir / "claims.parquet")
    assert len(claims) == len(ctx.claims) and set(claims["claim_id"]) == set(ctx.claims["claim_id"])
    findings = pd.read_csv(report.out_dir / "findings.csv")
    assert len(findings) == len(ctx.findings)
    # flat cells (issue 17): ids joined with "; ", no JSON
    ids = findings["claim_ids"].iloc[0]
    assert set(ids.split("; ")) <= set(ctx.claims["claim_id"])


def test_batch_document_report_highlights_claims(report, ctx):
    doc = _seed(ctx, "003")
    r = next(r for r in report.results if r.records.get("doc_id") == doc.id)
    html = (report.out_dir / r.html).read_text(encoding="utf-8")
    marks = re.findall(r'class="claim(?: v-[a-z_]+)?"[^>]*>([^<]*)</a>', html)
    assert "10.67億人" in marks
    assert len(marks) == r.records["claims"] - _overlapping(ctx, doc.id)
    assert r.charts == [] and r.records["findings"] >= 1


def _overlapping(ctx, doc_id):
    spans = sorted(ctx.claims.loc[ctx.claims["doc_id"] == doc_id, ["start", "end"]].itertuples(index=False))
    n, pos = 0, -1
    for s, e in spans:
        if s < pos:
            n += 1
        else:
            pos = e
    return n


def test_executed_notebooks_name_their_files_relative_to_the_report_folder(report):
    """No absolute path (home folder, the run's scratch folder) in a written notebook: the corpus
    and documents relative to the report folder, the batch's context file None."""
    import json

    for r in report.results:
        nb = json.loads((report.out_dir / r.ipynb).read_text(encoding="utf-8"))
        params = nb["metadata"]["papermill"]["parameters"]
        assert params.get("context_file") is None, r.ipynb
        injected = next(c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
        source = "".join(injected["source"])
        for key in ("corpus", "doc_path", "doc_a", "doc_b"):
            if params.get(key):
                assert not Path(params[key]).is_absolute(), (r.ipynb, key, params[key])
                assert (report.out_dir / params[key]).resolve().exists(), (r.ipynb, key)
                assert f'{key} = "{params[key]}"' in source
        text = json.dumps(nb, ensure_ascii=False)
        assert not re.search(r"(?<![.\w])" + re.escape(str(SEEDS.resolve())), text), r.ipynb
        assert "factlib-report-" not in text, r.ipynb  # the scratch folder
        assert "context_file = None" in source


def test_batch_charts_saved_as_png(report):
    overview = next(r for r in report.results if r.job.notebook == "corpus_overview")
    assert len(overview.charts) == 2
    for c in overview.charts:
        assert (report.out_dir / c).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_failed_notebook_shown_on_index_and_exit_status(tmp_path):
    """A broken notebook fails alone: the others are written, the index shows the error,
    `factlib report` exits 1."""
    from factlib.cli import main

    folder = tmp_path / "my notebooks"
    shutil.copytree(NOTEBOOKS, folder)
    broken = nbformat.read(folder / "corpus_overview.ipynb", as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('the overview broke <b>here</b>')"))
    nbformat.write(broken, folder / "corpus_overview.ipynb")
    out = tmp_path / "out"
    rc = main(["report", str(SEEDS / "003_3cb92859fe70f893.txt"), "-o", str(out), "--jobs", "1",
               "--only", "corpus_overview", "--only", "document_report", "--notebooks", str(folder),
               "--no-progress"])
    assert rc == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1 failed" in index
    assert "RuntimeError: the overview broke &lt;b&gt;here&lt;/b&gt;" in index
    assert (out / "document" / "003_3cb92859fe70f893.html").is_file()
