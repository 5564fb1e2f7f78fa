"""Word's automatic numbering, resolved to the label Word shows ("III.", "2.1.", "a)", "•").

numbering.xml holds abstract definitions (per level: format, text template such as "%1.%2.",
start value, restart rule) and numbering instances (w:num) that point at one and may override
start values or whole levels. Instances that share an abstract definition continue one list,
as Word does, unless an instance overrides a start value (Word's "restart numbering").
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from kehoach.readers.docx.numbering_definitions import Definitions, Level, definitions
from kehoach.readers.docx.part_bytes import W

NS = {"w": W}
LEVELS = 9
# Bullet characters as stored (Symbol and Wingdings glyphs live in the private use area) -> "-", "+" or "•"
_BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+", "o": "•", "§": "•", "•": "•", "◦": "•", "▪": "•", "■": "•",
            "➢": "•", "✓": "•", "\uf0b7": "•", "\uf0a7": "•", "\uf076": "•", "\uf0d8": "•", "\uf0fc": "•",
            "\uf0a8": "•", "\uf06e": "•", "\uf02d": "-"}


# Levels built once: a label is asked for every numbered paragraph
_PLAIN = Level()
_UNDEFINED = [Level(text=f"%{index + 1}.") for index in range(LEVELS)]  # a level the list does not define
_MARKERS = [f"%{index + 1}" for index in range(LEVELS)]


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


# Word shows no list number beyond this: a start value of 10^12 would otherwise be a label of
# a billion "M"s or forty billion letters
MAX_NUMBER = 32767


def format_number(number: int, fmt: str) -> str:
    number = max(-MAX_NUMBER, min(number, MAX_NUMBER))
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
    """The levels one numbering instance shows: its own overrides, else its definition's levels."""

    def __init__(self, definitions: Definitions, aid: str, overrides: dict[int, Level]):
        self.definitions = definitions
        self.aid = aid
        self.overrides = overrides

    def get(self, ilvl: int, default: Level) -> Level:
        level = self.overrides.get(ilvl) or self.definitions.level(self.aid, ilvl)
        return default if level is None else level


class NumberingResolver:
    """Labels of numbered paragraphs, in document order (call `label` once per paragraph)."""

    def __init__(self, numbering_xml: bytes | None,
                 style_numbering: Callable[[str], tuple[str, int] | None] = lambda style_id: None):
        self.damaged: str | None = None  # why numbering.xml could not be read, when it could not
        try:
            self.definitions = definitions(numbering_xml)
        except etree.XMLSyntaxError as exc:
            self.definitions, self.damaged = definitions(None), str(exc)
        self.resolved: dict[str, tuple[str, _Levels]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_numbering = style_numbering

    def _levels(self, num_id: str, depth: int = 0) -> tuple[str, _Levels]:
        if num_id in self.resolved:
            return self.resolved[num_id]
        aid, overrides = self.definitions.num(num_id)
        link = self.definitions.link(aid)
        if link and depth < 3:  # levels defined by a numbering style
            linked = self.style_numbering(link)
            if linked and self.definitions.has(linked[0]) and linked[0] != num_id:
                aid, _ = self._levels(linked[0], depth + 1)
        levels = {ilvl: level for ilvl, (_, level) in overrides.items() if level is not None}
        self.resolved[num_id] = (aid, _Levels(self.definitions, aid, levels))
        return self.resolved[num_id]

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """The label Word shows; None for an unnumbered paragraph, or one whose definition is damaged
        (`damaged` says why: the document is still read)."""
        try:
            return self._label(num_id, ilvl)
        except etree.XMLSyntaxError as exc:
            self.damaged = str(exc)
            return None

    def _label(self, num_id: str | None, ilvl: int) -> str | None:
        if not num_id or num_id == "0" or not self.definitions.has(num_id):
            return None
        ilvl = max(0, min(ilvl, LEVELS - 1))
        aid, levels = self._levels(num_id)
        level = levels.get(ilvl, _UNDEFINED[ilvl])
        counters = self.counters.get(aid)
        if counters is None:
            counters = self.counters[aid] = [None for _ in range(LEVELS)]
        if num_id not in self.started:
            self.started.add(num_id)
            for index, (start, _) in self.definitions.num(num_id)[1].items():
                if start is not None and 0 <= index < LEVELS:
                    counters[index] = start - 1
                    for deeper in range(index + 1, LEVELS):
                        counters[deeper] = None
        current_count = counters[ilvl]
        counters[ilvl] = (current_count if current_count is not None else level.start - 1) + 1
        for deeper in range(ilvl + 1, LEVELS):
            if counters[deeper] is None:
                continue  # nothing to restart
            rule = levels.get(deeper, _PLAIN).restart
            if rule is None or (rule != 0 and rule <= ilvl + 1):
                counters[deeper] = None
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            return _BULLETS.get(level.text.strip(), "•") if level.text.strip() else None
        text = level.text
        if "%" not in text:
            return text.strip() or None
        for index, marker in enumerate(_MARKERS):
            if marker in text:
                current = levels.get(index, _PLAIN)
                count = counters[index]
                value = count if count is not None else current.start
                fmt = "decimal" if level.legal else current.fmt
                text = text.replace(marker, format_number(value, fmt))
        return text.strip() or None
