"""HTML: pages saved from legal-document websites.

The site's navigation, scripts, forms, banners and footers are left out (by element and by the
class or id names sites give them), block elements become Blocks, table cells become Blocks with
their row and column, and the HTML line is the source location. Metadata blocks and other debris
that remain are removed later by the layout stage, as for text copied from the same sites.
"""

from __future__ import annotations

import regex
from lxml import etree, html

from kehoach.blocks import Block, Style
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.normalize import clean
from kehoach.readers.attributes import whole_number

_DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button",
              "select", "input", "textarea", "svg", "canvas", "template", "object", "embed", "head", "title", "meta",
              "link"}
_CHROME = regex.compile(r"(?i)\b(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|banner|login|search|share|"
                        r"social|comment|related|advert|ads|popup|modal|cookie|toolbar|tabs)\b")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
               "h5", "h6", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "body"}
_BOLD_TAGS = {"b", "strong"}


def _is_chrome(element) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return bool(_CHROME.search(names.replace("-", " ").replace("_", " ")))


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.bold: list[bool] = []
        self.line: int | None = None
        self.heading: int | None = None
        self.cell: tuple[int, int] | None = None
        self.row = 0
        self.removed = 0

    def text(self, text: str | None, bold: bool, line: int | None) -> None:
        if text and text.strip():
            if self.line is None:
                self.line = line
            self.parts.append(text)
            self.bold.append(bold)
        elif text:
            self.parts.append(" ")

    def flush(self, end_line: int | None = None) -> None:
        text = clean("".join(self.parts), keep_columns=True)
        if text:
            self.blocks.append(Block(text=text, line=self.line, end_line=end_line or self.line,
                                     style=Style(bold=bool(self.bold) and all(self.bold),
                                                 heading_level=self.heading), cell=self.cell))
        self.parts, self.bold, self.line = [], [], None


def _walk(element, out: _Collector, bold: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if not tag or tag in _DROP_TAGS or (tag not in ("body", "html") and _is_chrome(element)):
        if tag and element.text_content().strip():
            out.removed += 1
        out.text(element.tail, bold, element.sourceline)  # the tail belongs to the parent
        return
    if tag == "table":
        out.flush()
        _table(element, out, bold)
        out.text(element.tail, bold, element.sourceline)
        return
    block = tag in _BLOCK_TAGS
    if block:
        out.flush()
        if tag[:1] == "h" and tag[1:].isdecimal():
            out.heading = int(tag[1:])
    if tag == "br":
        out.flush()
    bold = bold or tag in _BOLD_TAGS
    out.text(element.text, bold, element.sourceline)
    for child in element:
        _walk(child, out, bold)
    if block:
        out.flush()
        out.heading = None
    out.text(element.tail, bold and not block, element.sourceline)


def _table(table, out: _Collector, bold: bool) -> None:
    for tr in table.iter("tr"):
        out.row += 1
        column = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            out.cell = (out.row, column)
            out.text(cell.text, bold, cell.sourceline)
            for child in cell:
                _walk(child, out, bold)
            out.flush()
            column += whole_number(cell.get("colspan")) or 1
        out.cell = None


def read_html(data: bytes, diagnostics: Diagnostics) -> list[Block]:
    try:
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"not readable HTML ({exc})") from exc
    body = root.find("body")
    out = _Collector()
    _walk(body if body is not None else root, out, bold=False)
    out.flush()
    if out.removed:
        diagnostics.warn("site_text_removed", f"{out.removed} navigation, banner or footer element(s) of the web page "
                         "left out")
    if not out.blocks:
        raise InputError("the web page has no text")
    return out.blocks
