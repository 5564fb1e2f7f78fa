"""classify: each line gets its tokens, flat, once (markdown-it's tokens before its tree).

A `Line` is a Block with what the grammars say of it: the numbering label at its start, the
legal-basis opener at its start, which header or footer part it is (motto, number, place and
date, type line, "Nơi nhận", the signing authority ...). Zones and the outline read these tokens;
nothing after this stage asks a grammar again whether a line is numbered or opens a legal basis.
(The extractors still read inside a line: a citation's number, a target's figure.)

Guarantees: one Line per Block, in order, the Block unchanged; a token is None or False when the
grammar does not recognise the line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.doctypes import DocType, type_line
from kehoach.models import Numbering, Relation
from kehoach.normalize.text import fold, is_upper

LIST_SCHEMES = frozenset({Numbering.dash, Numbering.plus, Numbering.bullet})


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


@dataclass(frozen=True, slots=True)
class Line:
    """A Block and its tokens."""

    block: Block
    label: Label | None = None  # numbering at its start (grammars/numbering.yaml)
    opener: Relation | None = None  # legal-basis opener at its start ("Căn cứ", "Thực hiện")
    item_opener: Relation | None = None  # a list item's opener, after its marker ("- Căn cứ ...")
    motto: bool = False  # the national motto, or a party's line in its place
    number: bool = False  # "Số: 12/KH-UBND"
    place_date: bool = False  # "Hà Nội, ngày 5 tháng 3 năm 2024"
    doc_type: DocType | None = None  # a type line ("KẾ HOẠCH", "QUYẾT ĐỊNH ...")
    title_on_type_line: str = ""  # what follows the type word on its line
    enacting_line: bool = False  # the authority that enacts a decision ("CHỦ TỊCH ỦY BAN ...")
    enacting_formula: bool = False  # "QUYẾT ĐỊNH:" before a decision's articles
    as_follows: bool = False  # a line ending "... như sau:", which hands over to the body
    cites: bool = False  # an opener with a document number, or a whole legal-basis sentence
    basis_sentence: bool = False  # an opener sentence, not a title that starts with "Thực hiện"
    recipients: bool = False  # "Nơi nhận:"
    authority: bool = False  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" (in the first column)
    body_end: bool = False  # "./." that ends the body
    upper: bool = False  # mostly capital letters
    digits: bool = False  # holds a digit

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
    """The numbering label at the start of `text`, or None (a label with no text after it is none)."""
    schemes = _schemes()  # one match for all the schemes; the first that matches wins
    match = schemes.rx.match(text)
    if match is None:
        return None
    rest = text[match.end():].strip()
    if not rest:
        return None
    glued = not text[match.end() - 1:match.end()].isspace()
    return Label(schemes.which(match).name, match.group("label").strip(), rest, glued)


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
    """The tokens of one line."""
    text = block.text
    header, signature = grammar.header(), grammar.signature()
    label = label_of(text)
    opener = opener_of(text)
    item_opener = opener_of(label.rest) if label is not None and label.is_list else opener
    typed = type_line(text)
    basis_sentence = is_basis_sentence(text, opener)
    first_column = text.split("\t", 1)[0] if "\t" in text else text
    return Line(
        block=block,
        label=label,
        opener=opener,
        item_opener=item_opener,
        motto=header.motto.search(fold(text)) is not None,
        number=header.number.search(text) is not None,
        place_date=header.place_date.search(text) is not None,
        doc_type=typed[0] if typed else None,
        title_on_type_line=typed[1] if typed else "",
        enacting_line=header.enacting_line.search(text) is not None,
        enacting_formula=header.enacting_formula.search(text) is not None,
        as_follows=header.as_follows_end.search(text) is not None,
        cites=opener is not None and (header.number_hint.search(text) is not None or basis_sentence),
        basis_sentence=basis_sentence,
        recipients=signature.recipients_heading.search(text) is not None,
        authority=signature.authority.search(first_column) is not None,
        body_end=signature.body_end.search(text) is not None,
        upper=is_upper(text),
        digits=any(char.isdecimal() for char in text),
    )


def classify(blocks: list[Block]) -> list[Line]:
    """The stage: every block's tokens."""
    return [classify_line(block) for block in blocks]
