"""A WordprocessingML part read from its bytes, element by element (numbering.xml, styles.xml).

A document uses a few of the definitions such a part holds, and parsing all of them can cost more
than reading the text. Where the part is written plainly (its root declares the main namespace as
"w", and it holds no comment, CDATA or DTD that a pattern could misread), its elements are found
by substring and pattern search, and each one asked for is parsed alone, as a fragment inside the
root's own start tag (which carries the namespace declarations). Other files are parsed whole by
the caller; a test holds both ways to the same answers on every sample.
"""

from __future__ import annotations

import html
import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# huge_tree: a paragraph of more than 10 MB is valid XML that Word opens; what bounds a part is its
# unzipped size (--max-unzipped), and the nesting the reader walks is bounded by the reader
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
_DECLARES_W = re.compile(rb"""\bxmlns:w\s*=\s*["']""" + re.escape(W.encode()) + rb"""["']""")


# an attribute's value with its quotes, either kind, as a group (for `unquote`)
QUOTED = rb"""("[^"]*"|'[^']*')"""


def unquote(quoted: bytes) -> str:
    """An attribute's value as matched with its quotes (b'"A&amp;B"' -> "A&B")."""
    text = quoted[1:-1].decode("utf-8")
    return html.unescape(text) if "&" in text else text


class PartBytes:
    """A part's bytes and its root's start tag ("<w:numbering ...>", "<w:styles ...>")."""

    def __init__(self, xml: bytes, root: str):
        self.xml = xml
        self.root = root.encode()
        found = re.search(rb"<w:" + self.root + rb"\b[^>]*>", xml)
        self.open = found.group(0) if found else b""

    @staticmethod
    def readable(xml: bytes, root: str) -> bool:
        """Whether `xml` can be read from its bytes (see the module's conditions)."""
        found = re.search(rb"<w:" + root.encode() + rb"\b[^>]*>", xml[:4096])
        declares_w = found is not None and _DECLARES_W.search(found.group(0)) is not None
        # "<!" is looked for only when there is a "!" at all (a search for a single byte runs at
        # memory speed; one for "<!" stops at every "<" of the file)
        return declares_w and (b"!" not in xml or b"<!" not in xml)

    def end_of(self, name: bytes, open_end: int, empty: bool) -> int:
        """Where the element w:`name` whose start tag ends at `open_end` ends (the tag itself when
        it closes the element), or -1 when its end tag is missing."""
        if empty:
            return open_end
        close = self.xml.find(b"</w:" + name + b">", open_end)
        return -1 if close < 0 else close + len(name) + 5

    def fragment(self, start: int, end: int):
        """The element at xml[start:end], parsed with the root's declarations around it (lxml's
        XMLSyntaxError when it is damaged)."""
        return etree.fromstring(self.open + self.xml[start:end] + b"</w:" + self.root + b">", parser=PARSER)[0]
