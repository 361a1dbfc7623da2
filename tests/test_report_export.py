"""The HTML export of an executed notebook: the page nbconvert's HTMLExporter would write.

factlib's exporter skips nbconvert's per-preprocessor validation and its BeautifulSoup pass;
these tests hold it to that pass's result (image ``alt`` text, focusable output areas) and to
the rest of the contract (records dropped, the notebook passed in left as it was).
"""
from __future__ import annotations

import base64
import copy
import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from factlib.report.export import NO_ALT, notebook_to_html, png_outputs
from factlib.report.record import RECORD_MIME

# a 1×1 PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _executed() -> nbformat.NotebookNode:
    png = base64.b64encode(PNG).decode()
    cells = [
        new_markdown_cell("# 网民规模 / Internet users"),
        new_code_cell("display(...)", execution_count=1, outputs=[
            new_output("display_data", data={"text/html": "<p class='x'>10.67億人 &lt;img src=x&gt;</p>"}),
            new_output("display_data", data={RECORD_MIME: {"name": "claims", "value": 3}}),
            new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
        ]),
        new_code_cell("print('hi')", execution_count=2, outputs=[
            new_output("stream", name="stdout", text="hi\n"),
        ]),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                               "language": "python"}})


def test_page_has_alt_text_focusable_outputs_and_no_records():
    nb = _executed()
    before = copy.deepcopy(nb)
    html = notebook_to_html(nb, title="网民规模")
    assert nb == before  # the executed notebook (written as .ipynb too) keeps its records
    assert "<title>网民规模</title>" in html
    imgs = re.findall(r"<img[^>]*>", html)
    assert len(imgs) == 1 and f'alt="{NO_ALT}"' in imgs[0] and "data:image/png;base64," in imgs[0]
    outputs = re.findall(r'<div[^>]*class="[^"]*jp-OutputArea-output[^"]*"[^>]*>', html)
    assert len(outputs) == 3 and all('tabindex="0"' in d for d in outputs)
    assert RECORD_MIME not in html and '"claims"' not in html
    assert "print(" not in html  # code is not shown
    assert "10.67億人 &lt;img src=x&gt;" in html  # escaped text stays escaped: one real <img> only
    assert png_outputs(nb) == [PNG]


def test_the_page_is_the_same_without_css_selectors(tmp_path):
    """``factlib report`` keeps bs4 from importing soupsieve (:func:`skip_css_selectors`: 0.3 s of
    CPU); the exporter parses no page, so every page is the same as with it."""
    import subprocess
    import sys

    path = tmp_path / "executed.ipynb"
    nbformat.write(_executed(), path)
    code = ("import sys\n"
            "if sys.argv[2] == 'skip':\n"
            "    from factlib.report.batch import skip_css_selectors\n"
            "    skip_css_selectors()\n"
            "import nbformat\n"
            "from factlib.report.export import notebook_to_html\n"
            "page = notebook_to_html(nbformat.read(sys.argv[1], as_version=4), title='t')\n"
            "sys.stdout.write(repr(sys.modules.get('soupsieve', 'absent')) + '\\n' + page)\n")
    pages = {}
    for how in ("skip", "keep"):
        done = subprocess.run([sys.executable, "-c", code, str(path), how], capture_output=True, text=True,
                              encoding="utf-8", timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # no warning either
        pages[how] = done.stdout.split("\n", 1)
    assert pages["skip"][0] == "None" and pages["keep"][0] != "None"
    assert f'alt="{NO_ALT}"' in pages["skip"][1]
    assert pages["skip"][1] == pages["keep"][1]
