"""Word's automatic numbering, resolved to the label Word shows ("III.", "2.1.", "a)", "•").

numbering.xml holds abstract definitions (per level: format, text template such as "%1.%2.",
start value, restart rule) and numbering instances (w:num) that point at one and may override
start values or whole levels. Instances that share an abstract definition continue one list,
as Word does, unless an instance overrides a start value (Word's "restart numbering").
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LEVELS = 9
# Bullet characters as stored (Symbol and Wingdings glyphs live in the private use area) -> "-", "+" or "•"
_BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+", "o": "•", "§": "•", "•": "•", "◦": "•", "▪": "•", "■": "•",
            "➢": "•", "✓": "•", "\uf0b7": "•", "\uf0a7": "•", "\uf076": "•", "\uf0d8": "•", "\uf0fc": "•",
            "\uf0a8": "•", "\uf06e": "•", "\uf02d": "-"}


def _val(element, path: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(f"{{{W}}}val")


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # restart after this (1-based) level is used; 0 = never
    legal: bool = False  # "isLgl": shown in decimal whatever the format


_VAL = f"{{{W}}}val"
_LEVEL_FIELDS = {f"{{{W}}}{name}": name for name in ("start", "lvlRestart", "numFmt", "lvlText", "isLgl")}


def _level(element) -> Level:
    # one pass over the children: a LibreOffice file defines hundreds of levels
    values: dict[str, str | None] = {}
    for child in element:
        name = _LEVEL_FIELDS.get(child.tag)
        if name:
            values[name] = child.get(_VAL)
    start, restart = values.get("start"), values.get("lvlRestart")
    return Level(
        fmt=values.get("numFmt") or "decimal",
        text=(values.get("lvlText") or "") if "lvlText" in values else "",
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        restart=int(restart) if restart and restart.isdigit() else None,
        legal="isLgl" in values,
    )


def _roman(number: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def _letter(number: int) -> str:
    """Word's letters: a..z, then aa..zz, aaa..."""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(number) if number > 0 else str(number)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        text = _letter(number)
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class _Levels:
    """The levels of one list, read from their XML when first asked for: a LibreOffice file
    defines nine levels for each of dozens of lists, and most are never shown."""

    def __init__(self, elements: dict[int, object]):
        self.elements = elements
        self.read: dict[int, Level] = {}

    def get(self, ilvl: int, default: Level) -> Level:
        if ilvl not in self.read:
            element = self.elements.get(ilvl)
            if element is None:
                return default
            self.read[ilvl] = _level(element)
        return self.read[ilvl]


class NumberingResolver:
    """Labels of numbered paragraphs, in document order (call `label` once per paragraph)."""

    def __init__(self, numbering_xml: bytes | None, style_numbering: dict[str, tuple[str, int]]):
        # Definitions are read when a paragraph first uses them: LibreOffice writes dozens of
        # unused lists into every file, and reading them all cost more than the paragraphs.
        self.abstract_elements: dict[str, object] = {}
        self.abstract: dict[str, dict[int, object]] = {}  # abstractNum id -> level elements by ilvl
        self.links: dict[str, str] = {}  # abstractNum id -> numbering style it takes its levels from
        self.num_elements: dict[str, object] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, object | None]]]] = {}
        self.resolved: dict[str, tuple[str, _Levels]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_numbering = style_numbering
        if numbering_xml:
            root = etree.fromstring(numbering_xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
            for abstract in root.iterchildren(f"{{{W}}}abstractNum"):
                self.abstract_elements[abstract.get(f"{{{W}}}abstractNumId")] = abstract
            for num in root.iterchildren(f"{{{W}}}num"):
                self.num_elements[num.get(f"{{{W}}}numId")] = num

    def _abstract_levels(self, aid: str) -> dict[int, object]:
        if aid not in self.abstract:
            element = self.abstract_elements.get(aid)
            self.abstract[aid] = {} if element is None else {
                int(lvl.get(f"{{{W}}}ilvl", "0")): lvl for lvl in element.iterchildren(f"{{{W}}}lvl")}
            link = None if element is None else _val(element, "w:numStyleLink")
            if link:
                self.links[aid] = link
        return self.abstract[aid]

    def _num(self, num_id: str) -> tuple[str, dict[int, tuple[int | None, object | None]]]:
        if num_id not in self.nums:
            num = self.num_elements[num_id]
            overrides: dict[int, tuple[int | None, object | None]] = {}
            for override in num.findall("w:lvlOverride", NS):
                start = _val(override, "w:startOverride")
                overrides[int(override.get(f"{{{W}}}ilvl", "0"))] = (
                    int(start) if start and start.lstrip("-").isdigit() else None, override.find("w:lvl", NS))
            self.nums[num_id] = (_val(num, "w:abstractNumId") or "", overrides)
        return self.nums[num_id]

    def _levels(self, num_id: str, depth: int = 0) -> tuple[str, _Levels]:
        if num_id in self.resolved:
            return self.resolved[num_id]
        aid, overrides = self._num(num_id)
        self._abstract_levels(aid)
        if aid in self.links and depth < 3:  # levels defined by a numbering style
            linked = self.style_numbering.get(self.links[aid])
            if linked and linked[0] in self.num_elements and linked[0] != num_id:
                aid, _ = self._levels(linked[0], depth + 1)
        elements = dict(self._abstract_levels(aid))
        for ilvl, (_, lvl) in overrides.items():
            if lvl is not None:
                elements[ilvl] = lvl
        self.resolved[num_id] = (aid, _Levels(elements))
        return self.resolved[num_id]

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        if not num_id or num_id == "0" or num_id not in self.num_elements:
            return None
        ilvl = max(0, min(ilvl, LEVELS - 1))
        aid, levels = self._levels(num_id)
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        counters = self.counters.setdefault(aid, [None] * LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for index, (start, _) in self._num(num_id)[1].items():
                if start is not None and 0 <= index < LEVELS:
                    counters[index] = start - 1
                    for deeper in range(index + 1, LEVELS):
                        counters[deeper] = None
        counters[ilvl] = (counters[ilvl] if counters[ilvl] is not None else level.start - 1) + 1
        for deeper in range(ilvl + 1, LEVELS):
            if counters[deeper] is None:
                continue  # nothing to restart
            rule = levels.get(deeper, Level()).restart
            if rule is None or (rule != 0 and rule <= ilvl + 1):
                counters[deeper] = None
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            return _BULLETS.get(level.text.strip(), "•") if level.text.strip() else None
        text = level.text
        for index in range(LEVELS):
            marker = f"%{index + 1}"
            if marker in text:
                current = levels.get(index, Level())
                value = counters[index] if counters[index] is not None else current.start
                fmt = "decimal" if level.legal else current.fmt
                text = text.replace(marker, format_number(value, fmt))
        return text.strip() or None
