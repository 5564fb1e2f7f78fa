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


def _level(element) -> Level:
    start = _val(element, "w:start")
    restart = _val(element, "w:lvlRestart")
    return Level(
        fmt=_val(element, "w:numFmt") or "decimal",
        text=_val(element, "w:lvlText") if element.find("w:lvlText", NS) is not None else "",
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=element.find("w:isLgl", NS) is not None,
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


class NumberingResolver:
    """Labels of numbered paragraphs, in document order (call `label` once per paragraph)."""

    def __init__(self, numbering_xml: bytes | None, style_numbering: dict[str, tuple[str, int]]):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum id -> numbering style it takes its levels from
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, Level | None]]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_numbering = style_numbering
        if numbering_xml:
            self._load(etree.fromstring(numbering_xml, parser=etree.XMLParser(resolve_entities=False,
                                                                               no_network=True)))

    def _load(self, root) -> None:
        for abstract in root.findall("w:abstractNum", NS):
            aid = abstract.get(f"{{{W}}}abstractNumId")
            self.abstract[aid] = {int(lvl.get(f"{{{W}}}ilvl", "0")): _level(lvl)
                                  for lvl in abstract.findall("w:lvl", NS)}
            link = _val(abstract, "w:numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.findall("w:num", NS):
            overrides: dict[int, tuple[int | None, Level | None]] = {}
            for override in num.findall("w:lvlOverride", NS):
                start = _val(override, "w:startOverride")
                lvl = override.find("w:lvl", NS)
                overrides[int(override.get(f"{{{W}}}ilvl", "0"))] = (
                    int(start) if start and start.lstrip("-").isdigit() else None,
                    _level(lvl) if lvl is not None else None)
            self.nums[num.get(f"{{{W}}}numId")] = (_val(num, "w:abstractNumId") or "", overrides)

    def _levels(self, num_id: str, depth: int = 0) -> tuple[str, dict[int, Level]]:
        aid, overrides = self.nums[num_id]
        if aid in self.links and depth < 3:  # levels defined by a numbering style
            linked = self.style_numbering.get(self.links[aid])
            if linked and linked[0] in self.nums and linked[0] != num_id:
                aid, _ = self._levels(linked[0], depth + 1)
        levels = dict(self.abstract.get(aid, {}))
        for ilvl, (_, lvl) in overrides.items():
            if lvl is not None:
                levels[ilvl] = lvl
        return aid, levels

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        ilvl = max(0, min(ilvl, LEVELS - 1))
        aid, levels = self._levels(num_id)
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        counters = self.counters.setdefault(aid, [None] * LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for index, (start, _) in self.nums[num_id][1].items():
                if start is not None and 0 <= index < LEVELS:
                    counters[index] = start - 1
                    for deeper in range(index + 1, LEVELS):
                        counters[deeper] = None
        counters[ilvl] = (counters[ilvl] if counters[ilvl] is not None else level.start - 1) + 1
        for deeper in range(ilvl + 1, LEVELS):
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
