"""classify: each line gets its tokens, flat (markdown-it's tokens before its tree), all read here.

A `Line` is a Block with what the grammars say of it: the numbering label at its start, the
legal-basis opener at its start, which header or footer part it is (motto, number, place and
date, type line, "Nơi nhận", the signing authority ...). Zones and the outline read these tokens;
nothing after this stage asks a grammar again whether a line is numbered or opens a legal basis.
(The extractors still read inside a line: a citation's number, a target's figure.)

Guarantees: one Line per Block, in order, the Block unchanged; a token is None or False when the
grammar does not recognise the line, and is the same whenever and by whomever it is asked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.doctypes import DocType, type_line
from kehoach.models import Numbering, Relation
from kehoach.normalize.text import fold, is_upper

_THREE_DIGITS = compile_regex(r"\d{3}")
LIST_SCHEMES = frozenset({Numbering.dash, Numbering.plus, Numbering.bullet})
# the tokens that are true or false of a line (`Line` below has one property for each)
TOKEN_FLAGS = ("motto", "number", "place_date", "enacting_line", "enacting_formula", "as_follows", "cites",
               "basis_sentence", "recipients", "authority", "body_end", "upper")


@dataclass(frozen=True, slots=True)
class Label:
    scheme: Numbering
    label: str  # as printed, without its punctuation: "IV", "2", "2.1", "a", "-"
    rest: str  # the text after the label
    glued: bool  # no space between the label and the text ("I.MỤC TIÊU")

    @property
    def is_list(self) -> bool:
        """A dash, plus or bullet: a list item, not a numbered heading."""
        return self.scheme in LIST_SCHEMES


@dataclass(frozen=True)
class Line:
    """A Block and its tokens. The numbering label, which every stage reads, is read when the Line
    is made; every other token when it is asked for: a stage asks about the lines it looks at (the
    header's parts near the top, the footer's near the end), and most lines are never asked
    whether they are the motto."""

    block: Block
    label: Label | None  # numbering at its start (grammars/numbering.yaml)

    @property
    def opener(self) -> Relation | None:
        """The legal-basis opener at its start ("Căn cứ", "Thực hiện")."""
        return opener_of(self.text)

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def heading(self) -> bool:
        """Starts with a numbered heading's label (not a list item's marker)."""
        return self.label is not None and not self.label.is_list

    @property
    def starts_block(self) -> bool:
        """Starts a paragraph of its own: a numbering label or a legal-basis opener."""
        return self.label is not None or self.opener is not None

    @property
    def header_anchor(self) -> bool:
        """The motto, the number or the place and date: a header is here."""
        return self.motto or self.number or self.place_date

    @property
    def item_opener(self) -> Relation | None:
        """A list item's legal-basis opener, after its marker ("- Căn cứ ...")."""
        return opener_of(self.label.rest) if self.label is not None and self.label.is_list else self.opener

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def motto(self) -> bool:
        """The national motto, or a party's line in its place."""
        return grammar.header().motto.search(self.folded) is not None

    @property
    def number(self) -> bool:
        """"Số: 12/KH-UBND"."""
        return grammar.header().number.rx.search(self.text) is not None

    @property
    def place_date(self) -> bool:
        """"Hà Nội, ngày 5 tháng 3 năm 2024"."""
        return grammar.header().place_date.rx.search(self.text) is not None

    @property
    def type_line(self) -> tuple[DocType, str] | None:
        """(type, title on the line) of a type line, or None."""
        return type_line(self.text, self.folded)

    @property
    def doc_type(self) -> DocType | None:
        """The type a type line names ("KẾ HOẠCH", "QUYẾT ĐỊNH ...")."""
        return self.type_line[0] if self.type_line else None

    @property
    def title_on_type_line(self) -> str:
        """What follows the type word on its line."""
        return self.type_line[1] if self.type_line else ""

    @property
    def enacting_line(self) -> bool:
        """The authority that enacts a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN ...")."""
        return grammar.header().enacting_line.rx.search(self.text) is not None

    @property
    def enacting_formula(self) -> bool:
        """"QUYẾT ĐỊNH:" before a decision's articles."""
        return grammar.header().enacting_formula.rx.search(self.text) is not None

    @property
    def as_follows(self) -> bool:
        """A line ending "... như sau:", which hands over to the body."""
        return grammar.header().as_follows_end.rx.search(self.text) is not None

    @property
    def basis_sentence(self) -> bool:
        """An opener sentence, not a title that starts with "Thực hiện"."""
        return is_basis_sentence(self.text, self.opener)

    @property
    def cites(self) -> bool:
        """An opener with a document number, or a whole legal-basis sentence."""
        return self.opener is not None and (
            grammar.header().number_hint.rx.search(self.text) is not None or self.basis_sentence)

    @property
    def recipients(self) -> bool:
        """"Nơi nhận:"."""
        return grammar.signature().recipients_heading.rx.search(self.text) is not None

    @property
    def authority(self) -> bool:
        """"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" (in the first column)."""
        text = self.text
        return grammar.signature().authority.rx.search(text.split("\t", 1)[0] if "\t" in text else text) is not None

    @property
    def body_end(self) -> bool:
        """"./." that ends the body."""
        return grammar.signature().body_end.search(self.text) is not None

    @property
    def upper(self) -> bool:
        """Mostly capital letters."""
        return is_upper(self.text)

    @property
    def figures(self) -> bool:
        """Holds figures no name holds: three digits in a row, a slash, or a digit beside a
        place and date or a number. A unit's own number is part of its name ("TRƯỜNG TH SỐ 2
        PHƯỚC QUANG", "ỦY BAN NHÂN DÂN QUẬN 2")."""
        if not any(char.isdecimal() for char in self.text):
            return False
        return "/" in self.text or _THREE_DIGITS.search(self.text) is not None or self.number or self.place_date


@functools.cache
def _schemes() -> grammar.FirstOf:
    return grammar.FirstOf(grammar.numbering().schemes)


@functools.cache
def _ranks() -> dict[Numbering, int]:
    return {scheme.name: scheme.rank for scheme in grammar.numbering().schemes}


def rank(scheme: Numbering) -> int:
    """Where a scheme nests: PHẦN > A. > I. > 1. > 1.1. > a) > - > + (grammars/numbering.yaml)."""
    return _ranks()[scheme]


def label_of(text: str) -> Label | None:
    """The numbering label at the start of `text`, or None (a label with no words after it is none)."""
    schemes = _schemes()  # one match for all the schemes; the first that matches wins
    match = schemes.rx.match(text)
    if match is None:
        return None
    rest = text[match.end():].strip()
    if not any(char.isalnum() for char in rest):
        return None  # "01);": the end of a sentence a copy wrapped ("... gọi là Quy chế" / "01);")
    glued = not text[match.end() - 1:match.end()].isspace()
    return Label(schemes.which(match).name, match.group("label").strip(), rest, glued)


def bare_heading_label(text: str) -> bool:
    """A heading's numbering label alone on its line ("Phần thứ nhất", "PHẦN II", "III."): no label
    itself (see `label_of`), but its title may stand on the next line."""
    schemes = _schemes()
    match = schemes.rx.match(text)
    return match is not None and not any(char.isalnum() for char in text[match.end():]) \
        and schemes.which(match).name not in LIST_SCHEMES


def closes_a_parenthesis(before: str, line: Line) -> bool:
    """ "(khóa" / "XVII) THỰC HIỆN ...": what reads as a label ("XVII)", "2)") closes a parenthesis
    the line before left open, where a copy wrapped the text: it is no label."""
    label = line.label
    return label is not None and line.text.lstrip().startswith(f"{label.label})") \
        and before.count("(") > before.count(")")


@functools.cache
def openers() -> grammar.FirstOf:
    """The legal-basis openers of grammars/citations.yaml, anchored at the start; the first wins."""
    return grammar.FirstOf(grammar.citations().openers)


def opener_of(text: str) -> Relation | None:
    """The relation of a legal-basis opener at the start of `text`, or None."""
    match = openers().rx.search(text)
    return None if match is None else openers().which(match).relation


def is_basis_sentence(text: str, opener: Relation | None) -> bool:
    """"Thực hiện Quyết định số 361/QĐ-TTg ...;" is legal basis; "Thực hiện Chương trình phòng, chống
    mại dâm giai đoạn 2021-2025" under "KẾ HOẠCH" is a title: a title starts in lower case or
    capitals and ends without a sentence's punctuation."""
    if opener is None or text[:1].islower() or is_upper(text):
        return False
    return bool(grammar.header().basis_sentence_end.search(text)) or len(text) > 300


def classify_line(block: Block) -> Line:
    """The tokens of one line (the rest are read when first asked for)."""
    return Line(block, label_of(block.text))


def classify(blocks: list[Block]) -> list[Line]:
    """The stage: every block's tokens."""
    return [classify_line(block) for block in blocks]
