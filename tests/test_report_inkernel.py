"""Notebooks executed several per request inside the kernel (factlib.report.inkernel) come out as
nbclient executes them: the same outputs, execution counts and metadata (timestamps apart); what
the kernel cannot reproduce goes back to nbclient and is executed there."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from factlib.report.batch import KernelSession
from factlib.report.nbnodes import notebook_json

pytestmark = pytest.mark.xdist_group("report_batch")

NB = Path(__file__).parent / "data" / "notebooks"
_TIMESTAMP = re.compile(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z"')

PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

CELLS = {
    "display": [
        "from IPython.display import HTML, Image, Markdown, display\nimport base64",
        "display(HTML('<b>网民 10.67亿</b>'))\ndisplay(Markdown('# title'))",
        f"display(Image(data=base64.b64decode({PNG!r}), format='png'))",
        "import factlib.report as fr\nfr.record('n', 3)\nfr.record('s', '網民')",
        "",
        "x = 1  # no output",
    ],
    "streams": [
        "print('one')\nprint('two')\nimport sys\nprint('err', file=sys.stderr)",
        "import warnings\nwarnings.warn('careful', UserWarning)\nprint('after')",
        "from IPython.display import HTML, display\nprint('before')\ndisplay(HTML('<i>x</i>'))\nprint('tail')",
    ],
    "leak": ["assert 'x' not in dir(), 'a name leaked from the previous notebook'\nx = 2"],
}
FALLBACK = {
    "execute_result": ["1 + 1"],
    "error": ["y = 1", "raise ValueError('asked to fail')", "z = 3"],
    "clear_output": ["from IPython.display import clear_output\nprint('a')\nclear_output()\nprint('b')"],
    "display_id": ["from IPython.display import display\ndisplay('x', display_id='d1')"],
}


def _nb(sources: list[str]) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# A notebook")]
    cells += [new_code_cell(s) for s in sources]
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                          "language": "python"}})
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i}"
    return nb


def _text(nb: nbformat.NotebookNode) -> str:
    return _TIMESTAMP.sub('"TS"', notebook_json(copy.deepcopy(nb)))


@pytest.fixture(scope="module")
def session():
    with KernelSession(cwd=NB) as s:
        s.ready()
        yield s


def test_notebooks_run_in_the_kernel_are_written_as_nbclient_writes_them(session):
    names = list(CELLS)
    expected = []
    for name in names:
        nb, error = session.execute(_nb(CELLS[name]))
        assert error is None, name
        expected.append(_text(nb))
    before = session.batched
    executed = session.execute_many([_nb(CELLS[name]) for name in names])
    assert session.batched - before == len(names)  # all of them in the kernel, none by nbclient
    for name, want, (nb, error) in zip(names, expected, executed):
        assert error is None, name
        assert _text(nb) == want, name
        nbformat.validate(nb)  # a valid notebook document
    counts = [c.execution_count for c in executed[0][0].cells if c.cell_type == "code"]
    assert counts == [1, 2, 3, 4, None, 5]  # an empty cell is not executed, as in nbclient
    timing = executed[0][0].cells[1].metadata["execution"]
    assert sorted(timing) == ["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"]


@pytest.mark.parametrize("name", list(FALLBACK))
def test_what_the_kernel_cannot_reproduce_is_executed_by_nbclient(session, name):
    want, want_error = session.execute(_nb(FALLBACK[name]))
    before = session.batched
    (nb, error), (ok, ok_error) = session.execute_many([_nb(FALLBACK[name]), _nb(CELLS["display"])])
    assert session.batched - before == 1  # the other notebook of the request still ran in the kernel
    assert error == want_error and ok_error is None
    if name == "error":
        assert error == "ValueError: asked to fail"
        assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, None]
    # tracebacks and results carry the kernel's own execution counts (which differ run to run)
    strip = re.compile(r"In\[\d+\]|\"execution_count\": \d+")
    assert strip.sub("", _text(nb)) == strip.sub("", _text(want))


def test_a_kernel_that_dies_in_a_request_is_replaced(tmp_path):
    with KernelSession(cwd=NB) as s:
        out = s.execute_many([_nb(["import os\nos._exit(1)"]), _nb(CELLS["leak"])])
        assert out[0][1] and out[0][1].startswith("DeadKernelError")
        assert out[1][1] is None


def test_a_request_that_times_out_goes_to_nbclient_with_its_time_out_per_cell(tmp_path):
    with KernelSession(cwd=NB, cell_timeout=3) as s:
        out = s.execute_many([_nb(["import time\ntime.sleep(30)"]), _nb(CELLS["leak"])])
        assert out[0][1] and out[0][1].startswith("TimeoutError")
        assert out[1][1] is None
        assert s.batches_off and s.batched == 0  # and the session's later notebooks go to nbclient
        (nb, error), = s.execute_many([_nb(CELLS["display"])])
        assert error is None and s.batched == 0
