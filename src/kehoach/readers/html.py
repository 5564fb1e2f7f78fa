"""HTML: pages saved from legal-document websites.

The site's navigation, scripts, forms, banners and footers are left out (by element and by the
class or id names sites give them), block elements become Blocks, table cells become Blocks with
their row and column, and the HTML line is the source location. Metadata blocks and other debris
that remain are removed later by the layout stage, as for text copied from the same sites.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree, html

from kehoach.blocks import Block, Style
from kehoach.cache import compile_regex
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.readers.attributes import whole_number

_DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button",
              "select", "input", "textarea", "svg", "canvas", "template", "object", "embed", "head", "title", "meta",
              "link"}
_CHROME = compile_regex(r"(?i)\b(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|banner|login|search|share|"
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
        text = "".join(self.parts).strip()  # as written: the normalize stage cleans it
        if text:
            self.blocks.append(Block(text=text, line=self.line, end_line=end_line or self.line,
                                     style=Style(bold=bool(self.bold) and all(self.bold),
                                                 heading_level=self.heading), cell=self.cell))
        self.parts, self.bold, self.line = [], [], None


# what the walk does at a step: open an element, close it, or a table's steps
_OPEN, _CLOSE, _TAIL, _ROW, _CELL, _CELL_END, _ROW_END = range(7)


def _walk(root, out: _Collector, bold: bool) -> None:
    """The page in document order, with an explicit stack rather than recursion: saved pages nest
    elements hundreds or thousands deep (a plan inside 300 <div>s)."""
    stack: list[tuple] = [(_OPEN, root, bold, None)]
    while stack:
        step, element, bold, extra = stack.pop()
        if step == _OPEN:
            _open(element, out, bold, stack)
        elif step == _CLOSE:
            if extra:  # a block element
                out.flush()
                out.heading = None
            out.text(element.tail, bold and not extra, element.sourceline)
        elif step == _TAIL:  # the tail belongs to the parent
            out.text(element.tail, bold, element.sourceline)
        elif step == _ROW:
            out.row += 1
        elif step == _CELL:
            out.cell = (out.row, extra)
            out.text(element.text, bold, element.sourceline)
        elif step == _CELL_END:
            out.flush()
        elif step == _ROW_END:
            out.cell = None


def _open(element, out: _Collector, bold: bool, stack: list) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if not tag or tag in _DROP_TAGS or (tag not in ("body", "html") and _is_chrome(element)):
        if tag and element.text_content().strip():
            out.removed += 1
        out.text(element.tail, bold, element.sourceline)
        return
    if tag == "table":
        out.flush()
        stack.append((_TAIL, element, bold, None))
        stack.extend(reversed(_table_steps(element, bold)))
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
    stack.append((_CLOSE, element, bold, block))
    stack.extend((_OPEN, child, bold, None) for child in reversed(element))


def _table_steps(table, bold: bool) -> list[tuple]:
    """A table's rows and cells as steps, in document order."""
    steps: list[tuple] = []
    for tr in table.iter("tr"):
        steps.append((_ROW, tr, bold, None))
        column = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            steps.append((_CELL, cell, bold, column))
            steps.extend((_OPEN, child, bold, None) for child in cell)
            steps.append((_CELL_END, cell, bold, None))
            column += whole_number(cell.get("colspan")) or 1
        steps.append((_ROW_END, tr, bold, None))
    return steps


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.IGNORECASE)


def page_text(data: bytes) -> str:
    """A saved page's text, its encoding found as a browser finds it when the server's header is
    gone: a byte-order mark, then a <meta> charset, then UTF-8 if the bytes are UTF-8, then
    Windows Vietnamese and the legacy encodings, as for a text file. (lxml alone takes Latin-1
    when the page names no charset, and UTF-8 pages saved without one turn to mojibake.)"""
    for mark, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                           (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            return data.decode(encoding, "replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass  # a name Python does not know: guessed below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from kehoach.readers import decode

    try:
        text, _legacy = decode(data)
        return text
    except InputError:
        return data.decode("cp1252", "replace")


def read_html(data: bytes, diagnostics: Diagnostics) -> list[Block]:
    return _read_page(page_text(data), diagnostics)


def _read_page(text: str, diagnostics: Diagnostics) -> list[Block]:
    try:
        # huge_tree: past 256 levels libxml2 would drop the text; the walk has no depth limit of its own
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                 huge_tree=True, encoding="utf-8")
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
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
        if any("depth" in str(error).lower() for error in parser.error_log):
            raise InputError("the web page nests its elements more than 2,048 deep, where the HTML parser stops: "
                             "its text lies deeper")
        raise InputError("the web page has no text")
    return out.blocks


def read_mhtml(data: bytes, diagnostics: Diagnostics) -> list[Block]:
    """A "single file web page" (MHTML, what Word and browsers save and portals serve as .doc):
    its web page part, decoded from its transfer encoding (quoted-printable, base64)."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                page = part.get_content()
            except (LookupError, ValueError) as exc:  # an unknown charset, a broken encoding
                payload = part.get_payload(decode=True)
                page = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
                if not page:
                    raise InputError(f"the web archive's page cannot be decoded ({exc})") from exc
            return _read_page(page if isinstance(page, str) else page_text(page), diagnostics)
    raise InputError("a web archive (MHTML) with no web page in it")
