"""The parts of a Word package beside its body: Strict Open XML's namespaces, and embedded files
whose content Word shows in the body (altChunk).

- Strict Open XML ("Strict Open XML Document" in Word's Save As) names the same elements under
  other namespaces: they are mapped to the usual (transitional) ones before the parts are parsed.
- altChunk: tools that make Word files from web pages (html-docx-js, some portals) put the body
  in an embedded HTML file and leave a pointer to it in document.xml. The embedded file is read
  (HTML, MHTML, text, or a Word file one level deep) and its paragraphs stand where the pointer is.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

from kehoach.blocks import Block
from kehoach.diagnostics import Diagnostics

STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_RELATIONSHIPS = "word/_rels/document.xml.rels"
_ALT_CHUNK_TYPE = "/aFChunk"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def to_transitional(xml: bytes | None) -> tuple[bytes | None, bool]:
    """A part with Strict namespaces renamed to the transitional ones, and whether it had any."""
    if xml is None or b"purl.oclc.org/ooxml" not in xml:
        return xml, False
    for strict, transitional in STRICT.items():
        xml = xml.replace(strict, transitional)
    return xml, True


def embedded_parts(archive: zipfile.ZipFile, names: set[str], read_part) -> dict[str, tuple[str, bytes]]:
    """The files altChunk pointers name, by relationship id: (part name, bytes). `read_part`
    reads a part within the unzipped-size limit."""
    if _RELATIONSHIPS not in names:
        return {}
    data = read_part(archive, _RELATIONSHIPS)
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, tuple[str, bytes]] = {}
    for relationship in root:
        if not str(relationship.get("Type", "")).endswith(_ALT_CHUNK_TYPE):
            continue
        target = posixpath.normpath(posixpath.join("word", relationship.get("Target", "")))
        if relationship.get("Target", "").startswith("/"):
            target = relationship.get("Target", "").lstrip("/")
        ident = relationship.get("Id")
        data = read_part(archive, target) if target in names and ident else None
        if ident and data is not None:
            found[str(ident)] = (target, data)
    return found


def embedded_blocks(name: str, data: bytes, diagnostics: Diagnostics, nested: bool) -> list[Block] | None:
    """The paragraphs of an embedded file, or None for a kind that is not read here."""
    from kehoach.readers import decode, sniff

    kind = sniff(data)
    if kind == "html":
        from kehoach.readers.html import read_html

        return read_html(data, diagnostics)
    if kind == "mhtml":
        from kehoach.readers.html import read_mhtml

        return read_mhtml(data, diagnostics)
    if kind == "docx" and not nested:
        from kehoach.readers.docx.document import read_docx

        return read_docx(data, diagnostics, nested=True)
    if kind == "txt":
        from kehoach.readers.text import read_text

        text, _legacy = decode(data)
        return read_text(text, diagnostics)
    return None
