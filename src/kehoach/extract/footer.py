"""footer: the "Nơi nhận" lines and the signature block (authority, position, signer)."""

from __future__ import annotations

import regex

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.models import Signature
from kehoach.normalize.text import WHITESPACE, fold, is_upper

_LIST_MARK = regex.compile(r"^[ \t]*[-–+•*][ \t]*")
_LETTERS = regex.compile(r"\p{L}")


def _recipient_text(text: str) -> str:
    return _LIST_MARK.sub("", text).strip(" ;,.").strip()


def extract_recipients(footer: list[Block]) -> list[str]:
    rules = grammar.signature()
    archive = rules.archive_copy.rx
    out: list[str] = []
    after_heading = False
    previous_open = False
    for block in footer:
        text = block.text
        heading = rules.recipients_heading.rx.match(text)
        if heading:
            after_heading = True
            text = text[heading.end():].strip()
            if not text:
                continue
        if not after_heading or _is_signature_line(text):
            continue
        listed = _LIST_MARK.match(text) or archive.search(fold(text))
        name = _recipient_text(text)
        if out and not listed and previous_open and not rules.person_name.rx.search(text) and not is_upper(text):
            out[-1] = f"{out[-1]} {name}".strip()  # a recipient line wrapped by its column's width
        elif (listed or text.rstrip().endswith(";")) and len(_LETTERS.findall(name)) >= 3:
            out.append(name)
        previous_open = bool(out) and not text.rstrip().endswith((";", ".")) and not archive.search(fold(name))
    return out


def _is_signature_line(text: str) -> bool:
    rules = grammar.signature()
    return bool(rules.authority.rx.search(text) or rules.position.rx.search(text)
                or rules.signed_marks.rx.search(text))


def _capital_name(text: str, rules) -> bool:
    """"NGUYỄN VĂN AN": a name printed in capitals, not a position or an authority."""
    words = text.split()
    return (2 <= len(words) <= 5 and text.isupper() and all(w.isalpha() for w in words)
            and not rules.position.rx.search(text) and not rules.authority.rx.search(text))


def extract_signature(footer: list[Block]) -> Signature:
    rules = grammar.signature()
    signature = Signature()
    position_at = None
    for index, block in enumerate(footer):
        text = block.text.strip()
        match = rules.authority.rx.search(text)
        if match and signature.position is None:
            if signature.authority is not None:
                # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH": the nearer line is the signing authority
                signature.on_behalf_of = signature.authority
            signature.authority = WHITESPACE.sub(" ", text).strip(" ,;.:")
            signature.source = signature.source or block.source()
            continue
        if signature.position is None and (rules.position.rx.search(text) or (
                signature.authority is not None and is_upper(text) and len(text.split()) <= 8
                and not _LIST_MARK.match(text))):
            signature.position = WHITESPACE.sub(" ", text).strip(" ,;.:")
            signature.source = signature.source or block.source()
            position_at = index
    if position_at is not None:
        for block in footer[position_at + 1:]:
            text = block.text.strip()
            if rules.signed_marks.rx.search(text) or _LIST_MARK.match(text):
                continue
            if rules.person_name.rx.search(text) or _capital_name(text, rules):
                signer = regex.sub(r"\s+", " ", text)
                signature.signer = signer.title() if signer.isupper() else signer
    return signature
