"""The definitions in numbering.xml that numbered paragraphs use, read when first asked for.

A LibreOffice file writes one list definition of nine levels for every numbered paragraph: in the
shared samples numbering.xml is up to three times the size of the document, and parsing it whole
cost more than reading every paragraph. `definitions` therefore indexes the file's bytes (where each
w:abstractNum, w:num and w:lvl starts and ends, found by substring search) and reads only the
elements a paragraph asks for. A file written in an unusual way (another namespace prefix,
comments, CDATA, a DTD) is parsed whole with lxml instead; both give the same answers, which a
test checks on every sample.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from lxml import etree

from kehoach.readers.attributes import whole_number
from kehoach.readers.docx.part_bytes import PARSER, QUOTED, PartBytes, W, unquote

_VAL = f"{{{W}}}val"
_ILVL = f"{{{W}}}ilvl"
_ABSTRACT, _NUM, _LVL = f"{{{W}}}abstractNum", f"{{{W}}}num", f"{{{W}}}lvl"
_ABSTRACT_ID, _NUM_ID = f"{{{W}}}abstractNumId", f"{{{W}}}numId"
_OVERRIDE, _START_OVERRIDE = f"{{{W}}}lvlOverride", f"{{{W}}}startOverride"
_STYLE_LINK = f"{{{W}}}numStyleLink"
_LEVEL_FIELDS = {f"{{{W}}}{name}": name for name in ("start", "lvlRestart", "numFmt", "lvlText", "isLgl")}


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # restart after this (1-based) level is used; 0 = never
    legal: bool = False  # "isLgl": shown in decimal whatever the format


_int = whole_number


def _make_level(values: dict[str, str | None]) -> Level:
    start = _int(values.get("start"), signed=True)
    return Level(
        fmt=values.get("numFmt") or "decimal",
        text=(values.get("lvlText") or "") if "lvlText" in values else "",
        start=1 if start is None else start,
        restart=_int(values.get("lvlRestart")),
        legal="isLgl" in values,
    )


def level_of(element) -> Level:
    """A w:lvl element's level (its direct children only, as Word reads them)."""
    values: dict[str, str | None] = {}
    for child in element:
        name = _LEVEL_FIELDS.get(child.tag)
        if name:
            values[name] = child.get(_VAL)
    return _make_level(values)


Overrides = dict[int, tuple[int | None, Level | None]]  # ilvl -> (start override, replacing level)


def num_of(element) -> tuple[str, Overrides]:
    """A w:num element: the abstract definition it uses and its overrides."""
    aid = ""
    overrides: Overrides = {}
    for child in element:
        if child.tag == _ABSTRACT_ID:
            aid = child.get(_VAL) or ""
        elif child.tag == _OVERRIDE:
            start = level = None
            for part in child:
                if part.tag == _START_OVERRIDE:
                    start = _int(part.get(_VAL), signed=True)
                elif part.tag == _LVL:
                    level = level_of(part)
            overrides[_int(child.get(_ILVL, "0")) or 0] = (start, level)
    return aid, overrides


class Definitions(Protocol):
    def has(self, num_id: str) -> bool: ...

    def num(self, num_id: str) -> tuple[str, Overrides]: ...

    def link(self, aid: str) -> str | None: ...

    def level(self, aid: str, ilvl: int) -> Level | None: ...


class _Remembered:
    """What both readers share: each answer is worked out once."""

    def __init__(self) -> None:
        self._nums: dict[str, tuple[str, Overrides]] = {}
        self._levels: dict[tuple[str, int], Level | None] = {}

    def num(self, num_id: str) -> tuple[str, Overrides]:
        if num_id not in self._nums:
            self._nums[num_id] = self._read_num(num_id)
        return self._nums[num_id]

    def level(self, aid: str, ilvl: int) -> Level | None:
        key = (aid, ilvl)
        if key not in self._levels:
            self._levels[key] = self._read_level(aid, ilvl)
        return self._levels[key]

    def _read_num(self, num_id: str) -> tuple[str, Overrides]:
        raise NotImplementedError

    def _read_level(self, aid: str, ilvl: int) -> Level | None:
        raise NotImplementedError


class _Empty(_Remembered):
    """A document without numbering.xml: no paragraph is numbered."""

    def has(self, num_id: str) -> bool:
        return False

    def _read_num(self, num_id: str) -> tuple[str, Overrides]:
        return "", {}

    def link(self, aid: str) -> str | None:
        return None

    def _read_level(self, aid: str, ilvl: int) -> Level | None:
        return None


class TreeDefinitions(_Remembered):
    """numbering.xml parsed whole: for files the byte index cannot read safely."""

    def __init__(self, xml: bytes):
        super().__init__()
        root = etree.fromstring(xml, parser=PARSER)
        self.abstracts = {a.get(_ABSTRACT_ID): a for a in root.iterchildren(_ABSTRACT)}
        self.nums = {n.get(_NUM_ID): n for n in root.iterchildren(_NUM)}

    def has(self, num_id: str) -> bool:
        return num_id in self.nums

    def _read_num(self, num_id: str) -> tuple[str, Overrides]:
        return num_of(self.nums[num_id])

    def link(self, aid: str) -> str | None:
        element = self.abstracts.get(aid)
        found = None if element is None else element.find(_STYLE_LINK)
        return None if found is None else found.get(_VAL)

    def _read_level(self, aid: str, ilvl: int) -> Level | None:
        element = self.abstracts.get(aid)
        if element is None:
            return None
        for lvl in element.iterchildren(_LVL):
            if (_int(lvl.get(_ILVL, "0")) or 0) == ilvl:
                return level_of(lvl)
        return None


_Q = rb"""\s*=\s*["']([^"']*)["']"""
# the start tag of a w:abstractNum or a w:num, with its id (an abstractNum's is abstractNumId)
_ELEMENT_START = re.compile(rb"<w:(abstractNum|num)\b[^>]*?\bw:(?:abstractNumId|numId)" + _Q + rb"[^>]*?(/?)>")
# the start of the w:lvl element for each level 0-8 ("0" does not match "01": Word writes no zeros)
_LEVEL_STARTS = [re.compile(rb"""<w:lvl\b[^>]*?\bw:ilvl\s*=\s*["']""" + str(ilvl).encode() + rb"""["'][^>]*?(/?)>""")
                 for ilvl in range(9)]
# a property element and its w:val, if it has one (the attribute is found wherever it stands)
# (the value keeps its quotes, so that an empty value is told from no value: findall gives b"" for both)
_FIELD = re.compile(rb"""<w:(start|lvlRestart|numFmt|lvlText|isLgl|abstractNumId|numStyleLink)\b"""
                    rb"""(?:[^>]*?\bw:val\s*=\s*""" + QUOTED + rb""")?[^>]*>""")


def _fields(xml: bytes, start: int, end: int) -> dict[str, str | None]:
    """name -> value of the property elements between `start` and `end` (the last one wins, as in
    the tree); found with one `findall`, which makes no match objects."""
    values: dict[str, str | None] = {}
    for name, quoted in _FIELD.findall(xml, start, end):
        values[name.decode("ascii")] = unquote(quoted) if quoted else None
    return values


class ByteDefinitions(_Remembered, PartBytes):
    """numbering.xml read from its bytes, element by element as paragraphs ask."""

    def __init__(self, xml: bytes):
        _Remembered.__init__(self)
        PartBytes.__init__(self, xml, "numbering")
        # (b"num" | b"abstractNum", id) -> where the element starts, where its start tag ends, and
        # whether that tag closes it; the end tag is looked for only when the element is read
        self.starts: dict[tuple[bytes, str], tuple[int, int, bool]] = {}
        for match in _ELEMENT_START.finditer(xml):
            kind, element_id, empty = match.groups()
            self.starts.setdefault((kind, element_id.decode("utf-8")), (match.start(), match.end(), bool(empty)))
        self.spans: dict[tuple[bytes, str], tuple[int, int]] = {}
        self.level_texts: dict[bytes, Level] = {}  # a level's bytes -> its Level: LibreOffice repeats them

    def _span(self, kind: bytes, element_id: str) -> tuple[int, int] | None:
        key = (kind, element_id)
        span = self.spans.get(key)
        if span is None:
            found = self.starts.get(key)
            if found is None:
                return None
            start, open_end, empty = found
            end = self.end_of(kind, open_end, empty)
            span = self.spans[key] = (start, len(self.xml) if end < 0 else end)
        return span

    @staticmethod
    def usable(xml: bytes) -> bool:
        return PartBytes.readable(xml, "numbering")

    def has(self, num_id: str) -> bool:
        return (b"num", num_id) in self.starts

    def _read_num(self, num_id: str) -> tuple[str, Overrides]:
        span = self._span(b"num", num_id)
        if span is None:  # asked only for a num the part defines (`has`)
            return "", {}
        start, end = span
        if self.xml.find(b"lvlOverride", start, end) >= 0:  # overrides: rare, and nested, so parsed
            return num_of(self.fragment(start, end))
        return _fields(self.xml, start, end).get("abstractNumId") or "", {}

    def link(self, aid: str) -> str | None:
        span = self._span(b"abstractNum", aid)
        if span is None:
            return None
        start, end = span
        first_level = self.xml.find(b"<w:lvl", start, end)
        end = end if first_level < 0 else first_level
        if self.xml.find(b"numStyleLink", start, end) < 0:
            return None  # most lists define their levels themselves
        return _fields(self.xml, start, end).get("numStyleLink")

    def _read_level(self, aid: str, ilvl: int) -> Level | None:
        span = self._span(b"abstractNum", aid)
        if span is None or not 0 <= ilvl < len(_LEVEL_STARTS):
            return None
        found = _LEVEL_STARTS[ilvl].search(self.xml, *span)
        if found is None:
            return None
        start = found.start()
        close = -1 if found.group(1) else self.xml.find(b"</w:lvl>", found.end(), span[1])
        end = found.end() if close < 0 else close + 8
        text = self.xml[start:end]
        level = self.level_texts.get(text)
        if level is None:
            if b"<mc:" in text:  # alternate renderings: read as Word does, parsed
                level = level_of(self.fragment(start, end))
            else:
                level = _make_level(_fields(self.xml, start, end))
            self.level_texts[text] = level
        return level


def definitions(xml: bytes | None) -> Definitions:
    if not xml:
        return _Empty()
    if ByteDefinitions.usable(xml):
        return ByteDefinitions(xml)
    return TreeDefinitions(xml)
