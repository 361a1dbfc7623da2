"""Front matter, HTML and Markdown → plain text with paragraph breaks.

Only markup is removed; the words stay verbatim.  HTML goes through a real parser
(selectolax/lexbor): tags, scripts, styles and comments disappear, block elements
become line breaks, entities are decoded.  Markdown loses images and link targets
(link text stays), heading markers and emphasis markers.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

__all__ = ["FrontMatterError", "Parsed", "parse_markup", "split_front_matter", "html_to_text", "markdown_to_text", "sniff_format"]


class FrontMatterError(ValueError):
    """The file starts a YAML front-matter block that cannot be read."""


@dataclass
class Parsed:
    meta: dict = field(default_factory=dict)
    body: str = ""
    format: str = "text"  # text | markdown | html


_FM_OPEN = re.compile(r"\A\s*---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split a leading ``---`` YAML block from the body.  No block → ``({}, text)``."""
    m = _FM_OPEN.match(text)
    if not m:
        return {}, text
    close = _FM_CLOSE.search(text, m.end())
    if not close:
        raise FrontMatterError("front matter opened with '---' is never closed")
    import yaml

    block = text[m.end(): close.start()]
    if len(block) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"front matter too long ({len(block)} characters; limit {MAX_FRONT_MATTER})")
    try:
        meta = yaml.load(block, Loader=_front_matter_loader())  # noqa: S506 (a SafeLoader subclass)
    except FrontMatterError:
        raise
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise FrontMatterError(f"broken front matter{where}: {problem}") from None
    except RecursionError:
        raise FrontMatterError("broken front matter: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as e:  # a value YAML's constructors refuse
        raise FrontMatterError(f"broken front matter: {e}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("broken front matter: expected 'key: value' lines")
    body = text[close.end():]
    return meta, body.lstrip("\r\n")


#: characters of YAML front matter read at most (real front matter is a few hundred)
MAX_FRONT_MATTER = 64 * 1024


def _front_matter_loader():
    """A ``yaml.SafeLoader`` that refuses aliases (``*name``: a few hundred bytes of nested
    aliases expand to gigabytes) and keeps timestamps as text (``2021-13-45`` is the date
    reader's problem, not a ``ValueError`` inside YAML)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class FrontMatterLoader(yaml.SafeLoader):
            def compose_node(self, parent, index):
                if self.check_event(yaml.AliasEvent):
                    event = self.peek_event()
                    raise FrontMatterError(
                        f"front matter uses a YAML alias (*{event.anchor}) at line {event.start_mark.line + 2}; "
                        "aliases are not read (write the value out)")
                return super().compose_node(parent, index)

        FrontMatterLoader.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        _LOADER = FrontMatterLoader
    return _LOADER


_LOADER = None

_HTML_HINT = re.compile(r"<(?:p|div|br|span|html|body|img|a|h[1-6]|li|table|section|article)\b[^>]*>", re.I)
# bracket and parenthesis runs stop at the next opening one too, so no search scans to the end of
# the text from every '[' (64k '[' would take quadratic time)
_MD_HINT = re.compile(r"!\[[^\[\]]*\]\([^()]*\)|^#{1,6} |\*\*[^*\n]+\*\*|\[[^\[\]\n]+\]\([^()\s]+\)", re.M)


def sniff_format(body: str, suffix: str = "") -> str:
    suffix = suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    sample = body[:20000]
    if len(_HTML_HINT.findall(sample)) >= 2:
        return "html"
    if _MD_HINT.search(sample):
        return "markdown"
    return "text"


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td th thead tr ul title".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")


#: deepest nesting of elements handed to the HTML parser (browsers cap their trees at 512 too).
#: The HTML tree builder looks down its stack of open elements for many tags (``<div>`` closes an
#: open ``<p>``; ``</div>`` looks for an open ``div``), so 100k nested tags take quadratic time
#: (46 s); a page nested deeper than this is read by :func:`_flat_html_text` instead (linear).
MAX_HTML_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_VOID_TAGS = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
#: closed by the next of their kind or by their parent (no nesting, so no depth)
_IMPLIED_END = frozenset("p li dt dd option optgroup rb rp rt rtc tr td th tbody thead tfoot colgroup caption "
                         "html head body".split())


def html_depth_exceeds(html: str, limit: int = MAX_HTML_DEPTH) -> bool:
    """Whether elements nest deeper than ``limit`` (counted from start and end tags, one pass;
    void elements, self-closed tags and elements whose end tag may be left out do not count)."""
    if html.count("<") <= limit:
        return False
    depth = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID_TAGS or name in _IMPLIED_END:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3):
            depth += 1
            if depth > limit:
                return True
    return False


def _flat_html_text(html: str) -> str:
    """Visible text of HTML nested too deeply for the tree builder, in one linear pass: comments
    and the content of script/style/… dropped, block tags become line breaks, other tags go,
    entities are decoded."""
    import html as html_lib

    parts: list[str] = []
    pos, n = 0, len(html)
    drop_open = re.compile(r"<!--|<(" + "|".join(_DROP_TAGS) + r")\b", re.I)
    while pos < n:
        m = drop_open.search(html, pos)
        if m is None:
            parts.append(html[pos:])
            break
        parts.append(html[pos:m.start()])
        if m.group() == "<!--":
            end = html.find("-->", m.end())
            pos = n if end < 0 else end + 3
        else:
            close = re.compile(r"</" + m.group(1) + r"\s*>", re.I).search(html, m.end())
            pos = n if close is None else close.end()
    text = "".join(parts)

    def tag(mt: re.Match) -> str:
        name = mt.group(2).lower()
        return "\n" if name in _BLOCK_TAGS else ""

    text = _TAG.sub(tag, text)
    return tidy(html_lib.unescape(text))


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment or page, one paragraph per line."""
    if html_depth_exceeds(html):
        return _flat_html_text(html)
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body or tree.root
    out: list[str] = []
    _walk(root, out)
    return tidy("".join(out))


def _walk(node, out: list[str]) -> None:
    """Text of ``node``'s children in document order, block elements on their own lines.

    Iterative (an explicit stack), so 100k nested unclosed tags cannot exhaust the recursion limit.
    """
    stack: list = [(node.child, False)]
    while stack:
        child, block_after = stack.pop()
        if child is None:
            if block_after:
                out.append("\n")
            continue
        stack.append((child.next, False))
        tag = child.tag
        if tag == "-text":
            out.append(child.text_content or "")
        elif tag in ("-comment", "!doctype"):
            pass
        elif tag == "br":
            out.append("\n")
        else:
            block = tag in _BLOCK_TAGS
            if block:
                out.append("\n")
                stack.append((None, True))  # the newline after the element's children
            stack.append((child.child, False))


_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")  # the specification of strip_emphasis
_DELIMS = re.compile(r"(?=(\*\*|__))")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)


def markdown_to_text(md: str) -> str:
    """Markdown → text: images dropped, link text kept, heading/emphasis markers dropped."""
    s = _MD_IMAGE.sub("", md)
    s = _MD_LINK.sub(r"\1", s)
    s = _MD_HEADING.sub("", s)
    s = strip_emphasis(s)
    s = _MD_RULE.sub("", s)
    return tidy(s)


def strip_emphasis(s: str) -> str:
    """``_MD_EMPH.sub(r"\\2", s)`` in O(n log n): the regex's lazy ``.+?`` rescans the rest of the
    line from every unmatched ``**``/``__`` (``'__a ' * 16000`` takes seconds).

    Same leftmost-first rule: an opener (``**`` or ``__`` followed by a non-space) closes at the
    nearest same delimiter on its line that is preceded by a non-space and leaves at least one
    character between them.
    """
    if "**" not in s and "__" not in s:
        return s
    # every occurrence (overlapping) of each delimiter; closers are those after a non-space
    where: dict[str, list[int]] = {"**": [], "__": []}
    for m in _DELIMS.finditer(s):
        where[m[1]].append(m.start())
    closers = {d: [q for q in qs if q > 0 and not s[q - 1].isspace()] for d, qs in where.items()}
    candidates = sorted((p, d) for d, qs in where.items() for p in qs)
    out: list[str] = []
    done = 0
    for p, d in candidates:
        if p < done or p + 2 >= len(s) or s[p + 2].isspace():
            continue
        line_end = s.find("\n", p)
        if line_end < 0:
            line_end = len(s)
        qs = closers[d]
        i = bisect_left(qs, p + 3)
        if i == len(qs) or qs[i] + 2 > line_end:
            continue
        q = qs[i]
        out.append(s[done:p])
        out.append(s[p + 2:q])
        done = q + 2
    out.append(s[done:])
    return "".join(out)


_SPACES = " \t\u3000\xa0"


def tidy(s: str) -> str:
    """Line breaks unified, spaces trimmed at both ends of each line, runs of blank lines
    collapsed to one, blank lines at both ends removed."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    blank = False
    for line in s.split("\n"):
        line = line.strip(_SPACES)
        if not line:
            if blank:
                continue
            blank = True
        else:
            blank = False
        out.append(line)
    return "\n".join(out).strip("\n")


def parse_markup(raw_text: str, suffix: str = "") -> Parsed:
    """Front matter + body converted to plain text."""
    meta, body = split_front_matter(raw_text)
    del raw_text
    fmt = sniff_format(body, suffix)
    if fmt == "html":
        text = html_to_text(body)
    elif fmt == "markdown":
        text = markdown_to_text(body)
    else:
        text = tidy(body)
    return Parsed(meta=meta, body=text, format=fmt)
