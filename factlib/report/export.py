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
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from factlib.report.html import CSP
from factlib.report.sortable import SCRIPT
from factlib.report.record import strip_records

__all__ = ["TEMPLATE_DIR", "html_exporter", "notebook_to_html", "png_outputs"]

TEMPLATE_DIR = Path(__file__).with_name("templates")


#: what ``HTMLExporter`` adds to the page after rendering (with a BeautifulSoup parse and
#: re-serialisation of the whole page: 40 % of an export): ``alt`` text on images without one,
#: ``tabindex="0"`` on output areas (and input wrappers) so that keyboard users reach them
NO_ALT = "No description has been provided for this image"
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)(?=[\s>/])", re.IGNORECASE)
_FOCUSABLE_DIV = re.compile(
    r'<div(?=\s)(?![^>]*\stabindex=)([^>]*\sclass="(?:[^"]*\s)?jp-(?:OutputArea-output|Cell-inputWrapper)(?:\s[^"]*)?")',
)


@lru_cache(maxsize=1)
def _exporter_class() -> type:
    from jinja2 import pass_context
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class ReportExporter(HTMLExporter):
        """``HTMLExporter`` for factlib's own executed notebooks: the same page, made cheaper.

        * no ``nbformat.validate`` after each preprocessor (a dozen full validations per page):
          the notebook is the product's own, executed by nbclient, and its preprocessors are
          nbconvert's stock ones;
        * the image ``alt`` text and the output areas' ``tabindex`` that ``HTMLExporter`` adds
          by parsing the finished page with BeautifulSoup are added by two regular expressions
          over the tags nbconvert's template writes.
        """

        def _validate_preprocessor(self, nbc: Any, preprocessor: Any) -> None:
            return None

        @pass_context
        def markdown2html(self, context: Any, source: str) -> str:
            """The markdown cell's HTML, rendered once per text: a batch exports the same notebook
            hundreds of times, and mistune parsing its headings and prose again was a quarter of
            each page's rendering.  A cell with attachments is rendered each time."""
            cell = context.get("cell", {})
            if cell.get("attachments"):
                return HTMLExporter.markdown2html(self, context, source)
            key = (source, context.get("resources", {}).get("metadata", {}).get("path", ""))
            cache = self.__dict__.setdefault("_factlib_markdown", {})
            html = cache.get(key)
            if html is None:
                html = HTMLExporter.markdown2html(self, context, source)
                if len(cache) >= 512:
                    cache.clear()
                cache[key] = html
            return html

        def _init_resources(self, resources: Any) -> Any:
            """nbconvert's resources, with its template's CSS and script files read once per exporter
            (``include_css``/``include_js`` read the file through the Jinja loader for every page:
            a sixth of each page's rendering)."""
            resources = super()._init_resources(resources)
            cache = self.__dict__.setdefault("_factlib_includes", {})
            for name in ("include_css", "include_js"):
                reader = resources.get(name)
                if callable(reader):
                    resources[name] = _once(cache, name, reader)
            return resources

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, dict]:
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code",
                                 self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            html = _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', html)
            html = _FOCUSABLE_DIV.sub(r'<div tabindex="0"\1', html)
            return html, resources

    return ReportExporter


def _once(cache: dict, kind: str, reader: Any) -> Any:
    """``reader(*args)`` remembered in ``cache`` by ``(kind, args)`` (a template file's contents)."""

    def read(*args: Any, **kwargs: Any) -> Any:
        key = (kind, args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = reader(*args, **kwargs)
        return cache[key]

    return read


_LOCAL = threading.local()


def html_exporter() -> Any:
    """A configured exporter, built once per thread (an exporter keeps per-notebook state while it
    renders, so the batch's worker threads each have their own)."""
    exporter = getattr(_LOCAL, "exporter", None)
    if exporter is None:
        exporter = _LOCAL.exporter = _exporter_class()(
            template_name="factlib_report",
            extra_template_basedirs=[str(TEMPLATE_DIR)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return exporter


def notebook_to_html(nb: Any, title: str | None = None) -> str:
    """HTML page for the executed notebook ``nb`` (not modified)."""
    nb = _without_records(nb)
    if title:
        nb.metadata["title"] = title
    body, _ = html_exporter().from_notebook_node(nb, resources={"factlib_csp": CSP, "factlib_script": SCRIPT})
    return body


def _without_records(nb: Any) -> Any:
    """A shallow copy of ``nb`` without record outputs (the exporter deep-copies it again before
    its preprocessors run; ``nb`` itself is not modified)."""
    from nbformat import NotebookNode

    copy = NotebookNode(nb)
    copy["metadata"] = NotebookNode(nb.get("metadata", {}))
    copy["cells"] = [NotebookNode(c) for c in nb.get("cells", [])]
    return strip_records(copy)


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
