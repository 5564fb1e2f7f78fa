"""The paragraph styles of a .docx (word/styles.xml), read when a paragraph first asks for one.

A paragraph takes its numbering, heading level, alignment, font and emphasis from its style, through
the style's basedOn chain. A plan uses a handful of the file's styles, but Word and python-docx
templates define a hundred and more, and parsing the whole file cost more than reading the
document (benchmarks/tricks.py measures it). `stylesheet` therefore indexes a large file's bytes
(where each w:style starts, with its id, found by one pattern) and parses only the styles asked
for, each as a small fragment. A small
file, or one written in an unusual way (another namespace prefix, comments, CDATA, a DTD), is
parsed whole with lxml instead; both give the same answers, which a test checks on every sample.

A damaged styles.xml does not stop the document being read: `damaged` says why, and the styles
that cannot be read are taken as absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from kehoach import grammar
from kehoach.readers.attributes import whole_number
from kehoach.readers.docx.part_bytes import PARSER, QUOTED, PartBytes, W, unquote


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_VAL, _ASCII, _HANSI, _CS = _w("val"), _w("ascii"), _w("hAnsi"), _w("cs")
_B, _I, _RFONTS = _w("b"), _w("i"), _w("rFonts")
_PSTYLE, _NUMPR, _NUMID, _ILVL, _JC, _OUTLINE = (_w("pStyle"), _w("numPr"), _w("numId"), _w("ilvl"), _w("jc"),
                                                 _w("outlineLvl"))
_STYLE, _BASED_ON, _NAME, _RPR, _PPR = _w("style"), _w("basedOn"), _w("name"), _w("rPr"), _w("pPr")
_STYLE_ID, _TYPE, _DEFAULT = _w("styleId"), _w("type"), _w("default")
_DEFAULTS, _RPR_DEFAULT = _w("docDefaults"), _w("rPrDefault")
_TRUE = ("1", "true", "on")


def _toggle(element) -> bool:
    """A toggle property (<w:b/>, <w:i w:val="0"/>) as set."""
    return element.get(_VAL, "true") not in ("0", "false", "off")


def run_properties(rpr) -> tuple[str | None, bool | None, bool | None]:
    """(font, bold, italic) a w:rPr sets itself: one pass over its children."""
    font = bold = italic = None
    for prop in rpr:
        tag = prop.tag
        if tag == _B:
            bold = _toggle(prop)
        elif tag == _I:
            italic = _toggle(prop)
        elif tag == _RFONTS:
            font = prop.get(_ASCII) or prop.get(_HANSI) or prop.get(_CS)
    return font, bold, italic


def paragraph_properties(ppr) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(style, numId, ilvl, jc, outlineLvl) of a w:pPr: one pass over its children rather than a
    path search for each (lxml's `find` runs its path language in Python)."""
    style_id = num_id = ilvl_text = jc = outline = None
    for prop in ppr:
        tag = prop.tag
        if tag == _PSTYLE:
            style_id = prop.get(_VAL)
        elif tag == _NUMPR:
            for part in prop:
                if part.tag == _NUMID:
                    num_id = part.get(_VAL)
                elif part.tag == _ILVL:
                    ilvl_text = part.get(_VAL)
        elif tag == _JC:
            jc = prop.get(_VAL)
        elif tag == _OUTLINE:
            outline = prop.get(_VAL)
    return style_id, num_id, ilvl_text, jc, outline


@dataclass
class StyleInfo:
    """What one style sets itself (None: what it leaves to the style it is based on)."""

    num_id: str | None = None
    ilvl: int | None = None
    heading: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    font: str | None = None
    centered: bool | None = None
    based_on: str | None = None


def style_info(style) -> StyleInfo:
    """A w:style element's settings (its direct children, as Word reads them)."""
    info = StyleInfo()
    name = ""
    for child in style:
        tag = child.tag
        if tag == _BASED_ON:
            info.based_on = child.get(_VAL)
        elif tag == _NAME:
            name = (child.get(_VAL) or "").lower()
        elif tag == _PPR:
            _, info.num_id, ilvl, jc, outline = paragraph_properties(child)
            info.ilvl = whole_number(ilvl)
            level = whole_number(outline)
            info.heading = None if level is None else level + 1
            info.centered = jc == "center" if jc else None
        elif tag == _RPR:
            info.font, info.bold, info.italic = run_properties(child)
    named = grammar.numbering().heading_style.rx.match(name) if name else None
    if named:
        info.heading = whole_number(named.group("level"))
    return info


def _default_font(defaults) -> str | None:
    """The font of w:docDefaults/w:rPrDefault/w:rPr."""
    for part in defaults.iterchildren(_RPR_DEFAULT):
        for rpr in part.iterchildren(_RPR):
            return run_properties(rpr)[0]
        return None
    return None


class TreeStyles:
    """styles.xml parsed whole: for files the byte index cannot read safely."""

    def __init__(self, xml: bytes | None):
        self.styles: dict[str, StyleInfo] = {}
        self.default_font: str | None = None
        self.default_style: str | None = None
        self.damaged: str | None = None
        if not xml:
            return
        try:
            root = etree.fromstring(xml, parser=PARSER)
        except etree.XMLSyntaxError as exc:
            self.damaged = str(exc)
            return
        defaults = next(root.iterchildren(_DEFAULTS), None)
        self.default_font = None if defaults is None else _default_font(defaults)
        for style in root.iterchildren(_STYLE):
            style_id = style.get(_STYLE_ID)
            if style_id is None:
                continue
            self.styles[style_id] = style_info(style)  # a repeated id: the last one counts
            if self.default_style is None and style.get(_TYPE) == "paragraph" and style.get(_DEFAULT) in _TRUE:
                self.default_style = style_id

    def get(self, style_id: str | None) -> StyleInfo | None:
        return self.styles.get(style_id) if style_id else None


# a w:style start tag ("<w:style\b" is not "<w:styles" nor "<w:styleLink"), and its attributes
_STYLE_START = re.compile(rb"<w:style\b([^>]*?)(/?)>")
_ATTRIBUTE = re.compile(rb"\bw:(styleId|type|default)\s*=\s*" + QUOTED)
_DEFAULTS_START = re.compile(rb"<w:docDefaults\b[^>]*?(/?)>")


class ByteStyles(PartBytes):
    """styles.xml read from its bytes: each style parsed when first asked for."""

    def __init__(self, xml: bytes):
        super().__init__(xml, "styles")
        self.damaged: str | None = None
        # style id -> where its element starts, where its start tag ends, and whether that tag closes it
        self.starts: dict[str, tuple[int, int, bool]] = {}
        self.default_style: str | None = None
        for match in _STYLE_START.finditer(xml):
            attributes = {name: unquote(value) for name, value in _ATTRIBUTE.findall(match.group(1))}
            style_id = attributes.get(b"styleId")
            if style_id is None:
                continue
            self.starts[style_id] = (match.start(), match.end(), bool(match.group(2)))  # the last one counts
            if (self.default_style is None and attributes.get(b"type") == "paragraph"
                    and attributes.get(b"default") in _TRUE):
                self.default_style = style_id
        self.read: dict[str, StyleInfo | None] = {}
        self.default_font = self._read_default_font()

    @staticmethod
    def usable(xml: bytes) -> bool:
        return PartBytes.readable(xml, "styles")

    def _fragment(self, start: int, end: int):
        """One element, parsed alone (None when it is damaged: `damaged` says why)."""
        try:
            return self.fragment(start, end)
        except (etree.XMLSyntaxError, IndexError) as exc:
            self.damaged = str(exc) or "an element cannot be read"
            return None

    def _element(self, start: int, open_end: int, empty: bool, name: bytes):
        end = self.end_of(name, open_end, empty)
        if end < 0:
            self.damaged = f"a w:{name.decode()} element is not closed"
            return None
        return self._fragment(start, end)

    def _read_default_font(self) -> str | None:
        found = _DEFAULTS_START.search(self.xml)
        if found is None:
            return None
        defaults = self._element(found.start(), found.end(), bool(found.group(1)), b"docDefaults")
        return None if defaults is None else _default_font(defaults)

    def get(self, style_id: str | None) -> StyleInfo | None:
        if not style_id:
            return None
        if style_id not in self.read:
            found = self.starts.get(style_id)
            element = None if found is None else self._element(*found, b"style")
            self.read[style_id] = None if element is None else style_info(element)
        return self.read[style_id]


Stylesheet = ByteStyles | TreeStyles


# Below this size the whole file is parsed: each fragment is a parse of its own, and for a file of a
# few styles the fragments take longer than the whole file (benchmarks/tricks.py).
_SMALL = 8 * 1024


def stylesheet(xml: bytes | None) -> Stylesheet:
    """The styles of `xml` (None: a document without styles.xml), read from its bytes when it is
    large enough for that to pay and can be."""
    if xml and len(xml) > _SMALL and ByteStyles.usable(xml):
        return ByteStyles(xml)
    return TreeStyles(xml)
