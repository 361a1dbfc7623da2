"""The one script a report page runs: sortable and filterable tables.

Reports forbid scripts (:data:`factlib.report.html.CSP`) except this one, which the policy
allows by its SHA-256 hash (``script-src 'sha256-…'``): any other inline script, event handler
attribute, ``javascript:`` URL or remote script stays blocked by the browser, so the page's
guarantees against a hostile document hold as before.  The script is vetted by reading it:

- it only reads text (``textContent``) and attributes factlib wrote (``data-sort``), and only
  creates elements with ``document.createElement`` and text with ``textContent`` — it never
  parses HTML (no ``innerHTML``, ``eval``, ``Function``, ``document.write``);
- it needs no network, no storage and no library; without it (JavaScript off) the tables are
  the same, unsorted, and the verdict filter (pure CSS radio buttons) still works.

Every ``table.factlib-table`` with a header row and at least :data:`MIN_SORT_ROWS` body rows
gets clickable headers (click or Enter: ascending, again: descending; numbers sort as numbers,
a cell's ``data-sort`` attribute wins over its text), and tables with at least
:data:`MIN_FILTER_ROWS` rows get a filter box that hides the rows not containing its text.
"""
from __future__ import annotations

import base64
import hashlib

__all__ = ["MIN_FILTER_ROWS", "MIN_SORT_ROWS", "SCRIPT", "SCRIPT_HASH", "foreign_scripts", "script_tag", "without_sorter"]

MIN_SORT_ROWS = 3
MIN_FILTER_ROWS = 8

SCRIPT = """
(function () {
  "use strict";
  var NUMBER = /^[+\\-\\u2212]?\\d[\\d,]*(\\.\\d+)?%?$/;
  function key(cell) {
    var raw = cell.getAttribute("data-sort");
    if (raw !== null && raw !== "" && isFinite(Number(raw))) { return [0, Number(raw), ""]; }
    var text = (cell.textContent || "").trim();
    if (NUMBER.test(text)) { return [0, Number(text.replace(/[,%+]/g, "").replace("\\u2212", "-")), ""]; }
    return [text === "" ? 2 : 1, 0, text];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) { return a[0] - b[0]; }
    if (a[0] === 0) { return a[1] - b[1]; }
    return a[2].localeCompare(b[2], "zh");
  }
  function sortBy(table, column, th) {
    var body = table.tBodies[0];
    var descending = th.getAttribute("aria-sort") === "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      var cell = row.cells[column];
      return {row: row, i: i, k: cell ? key(cell) : [2, 0, ""]};
    });
    rows.sort(function (a, b) {
      var c = compare(a.k, b.k);
      if (a.k[0] === 2 || b.k[0] === 2) { return c || a.i - b.i; }
      return (descending ? -c : c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  function addFilter(table) {
    var box = document.createElement("div");
    box.className = "factlib-search";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows / 筛选";
    input.setAttribute("aria-label", "Filter the rows of this table");
    var count = document.createElement("span");
    count.className = "factlib-muted";
    box.appendChild(input);
    box.appendChild(count);
    var parent = table.parentNode;
    parent.insertBefore(box, parent.classList.contains("factlib-filter") ? parent.firstChild : table);
    var rows = table.tBodies[0].rows;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      for (var r = 0; r < rows.length; r++) {
        var hide = q !== "" && (rows[r].textContent || "").toLowerCase().indexOf(q) < 0;
        rows[r].hidden = hide;
        if (!hide) { shown++; }
      }
      count.textContent = q === "" ? "" : " " + shown + " / " + rows.length;
    });
  }
  function setUp(table) {
    if (!table.tHead || !table.tBodies.length || !table.tHead.rows.length) { return; }
    var n = table.tBodies[0].rows.length;
    if (n < MIN_SORT) { return; }
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      th.classList.add("factlib-sortable");
      th.tabIndex = 0;
      th.title = "sort / 排序";
      th.addEventListener("click", function () { sortBy(table, column, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, column, th); }
      });
    });
    if (n >= MIN_FILTER) { addFilter(table); }
  }
  var MIN_SORT = __MIN_SORT__, MIN_FILTER = __MIN_FILTER__;
  function all() {
    Array.prototype.forEach.call(document.querySelectorAll("table.factlib-table"), setUp);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", all); } else { all(); }
})();
""".replace("__MIN_SORT__", str(MIN_SORT_ROWS)).replace("__MIN_FILTER__", str(MIN_FILTER_ROWS))

#: the CSP source that allows exactly :data:`SCRIPT`
SCRIPT_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii") + "'"


def script_tag() -> str:
    """``<script>`` + :data:`SCRIPT` + ``</script>`` (its text must stay byte-identical to match the hash)."""
    return f"<script>{SCRIPT}</script>"


_SCRIPT_ELEMENT = None


def foreign_scripts(html: str) -> list[str]:
    """The ``<script>`` elements of ``html`` that are not exactly :func:`script_tag` (for tests
    and audits: a report page must have none)."""
    import re

    global _SCRIPT_ELEMENT
    if _SCRIPT_ELEMENT is None:
        _SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?(?:</script\s*>|\Z)", re.I | re.S)
    ours = script_tag()
    return [m.group(0) for m in _SCRIPT_ELEMENT.finditer(html) if m.group(0) != ours]


def without_sorter(html: str) -> str:
    """``html`` with factlib's own script element removed (to look for anything else)."""
    return html.replace(script_tag(), "")
