"""Executed notebook → standalone HTML without code, plus its charts as PNG files.

Uses nbconvert's ``HTMLExporter`` with factlib's template (``templates/factlib_report``,
JupyterLab's look without require.js/MathJax/mermaid from a CDN, and a
Content-Security-Policy forbidding every script but factlib's vetted table sorter, allowed by its
hash: :mod:`factlib.report.sortable`).  Code cells' inputs and prompts are
excluded; outputs (tables, charts as embedded PNG, markdown) remain.  Outputs of
:func:`factlib.report.record.record` are dropped first.
"""
from __future__ import annotations

import base64
import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from factlib.report.html import CSP
from factlib.report.sortable import SCRIPT
from factlib.report.record import strip_records

__all__ = ["TEMPLATE_DIR", "html_exporter", "notebook_to_html", "png_outputs"]

TEMPLATE_DIR = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def html_exporter() -> Any:
    """A configured ``HTMLExporter`` (built once per process: building it is slow)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="factlib_report",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def notebook_to_html(nb: Any, title: str | None = None) -> str:
    """HTML page for the executed notebook ``nb`` (not modified)."""
    nb = strip_records(copy.deepcopy(nb))
    if title:
        nb.metadata["title"] = title
    body, _ = html_exporter().from_notebook_node(nb, resources={"factlib_csp": CSP, "factlib_script": SCRIPT})
    return body


def png_outputs(nb: Any) -> list[bytes]:
    """Every PNG image the notebook displayed, in order."""
    images = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = (output.get("data") or {}).get("image/png")
            if data:
                if isinstance(data, list):
                    data = "".join(data)
                images.append(base64.b64decode(data))
    return images
