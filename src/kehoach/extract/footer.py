"""footer: the "Nơi nhận" lines and the signature block (authority, position, signer)."""

from __future__ import annotations

import regex

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.models import Signature
from kehoach.normalize.text import WHITESPACE, fold, is_upper

_LIST_MARK = compile_regex(r"^[ \t]*[-–+•*][ \t]*")
_LETTERS = compile_regex(r"\p{L}")


def _recipient_text(text: str) -> str:
    return _LIST_MARK.sub("", text).strip(" ;,.").strip()


# a list flattened into one table cell: "Nơi nhận: - Bộ Y tế; - Sở Y tế; (báo cáo) - ..." breaks
# before each mark that follows the end of an entry
_INLINE_MARK = compile_regex(r"(?<=[;,.)])[ \t]+(?=[-–+•][ \t]+\S)")


def _lines_of(footer: list[Block]) -> list[str]:
    """The footer's lines, a list flattened into one line taken apart again."""
    return [part for block in footer for part in _INLINE_MARK.split(block.text)]


def extract_recipients(footer: list[Block]) -> list[str]:
    rules = grammar.signature()
    archive = rules.archive_copy.rx
    out: list[str] = []
    after_heading = False
    previous_open = False
    for text in _lines_of(footer):
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
        else:
            previous_open = False  # a line of the signature's column: what follows is no wrapped entry
            continue
        if archive.search(fold(name)):
            break  # "Lưu: VT": the last entry; footnotes may follow
        previous_open = not text.rstrip().endswith((";", "."))
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


# a signature block flattened into one cell: capitals (authority, position), then the signer's name
_CAPITALS_THEN_NAME = compile_regex(
    r"^(?P<capitals>[\p{Lu}\d][\p{Lu}\d.&,/\- \t]*?)[ \t]+(?P<name>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}*){1,5})$")


def _signature_lines(block: Block) -> list[Block]:
    """"KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Việt Phương" on one line, as a website's table cell gives it:
    the authority, the position and the name as three lines."""
    rules = grammar.signature()
    found = _CAPITALS_THEN_NAME.match(block.text.strip())
    if found is None or not rules.person_name.rx.search(found.group("name")):
        return [block]
    capitals, name = found.group("capitals"), found.group("name")
    for head, rest in _word_cuts(capitals):
        if rules.authority.rx.search(head) and rules.position.rx.search(rest):
            return [block.with_text(head), *_first_position(rest, block), block.with_text(name)]
    if rules.position.rx.search(capitals):
        return [*_first_position(capitals, block), block.with_text(name)]
    return [block]


def _first_position(capitals: str, block: Block) -> list[Block]:
    """The signer's position in the body that signs; a second one after it ("TRƯỞNG BAN PHÓ THỦ
    TƯỚNG": the head of a steering committee, also a deputy prime minister) is his office elsewhere."""
    position = grammar.signature().position.rx
    for head, rest in _word_cuts(capitals):
        if position.search(head) and position.search(rest):
            return [block.with_text(head)]
    return [block.with_text(capitals)]


def _word_cuts(text: str):
    """(head, rest) of `text` cut between each two of its words, the shortest head first."""
    words = text.split()
    for cut in range(1, len(words)):
        yield " ".join(words[:cut]), " ".join(words[cut:])


def extract_signature(footer: list[Block]) -> Signature:
    rules = grammar.signature()
    signature = Signature()
    position_at = None
    footer = [line for block in footer for line in _signature_lines(block)]
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
        following = footer[index + 1].text.strip() if index + 1 < len(footer) else ""
        if signature.authority is not None and signature.position is None and is_upper(text) \
                and not rules.position.rx.search(text) and (
                    rules.authority.rx.search(following) or rules.position.rx.search(following)):
            # "TM. ỦY BAN NHÂN" / "DÂN": the authority's name broken by its column
            signature.authority = f"{signature.authority} {WHITESPACE.sub(' ', text).strip(' ,;.:')}"
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
            text = _first_word_in_case(text)
            if rules.person_name.rx.search(text) or _capital_name(text, rules):
                signer = regex.sub(r"\s+", " ", text)
                signature.signer = _family_name_restored(signer.title() if signer.isupper() else signer)
    return signature


def _family_name_restored(signer: str) -> str:
    """"Nguyên Thị Diện" -> "Nguyễn Thị Diện": a common family name whose tone marks a scan misread
    (grammars/signature.yaml)."""
    names = grammar.signature().family_names
    first, _, rest = signer.partition(" ")
    if not rest or first in names:
        return signer
    same = [name for name in names if fold(name) == fold(first)]
    return f"{same[0]} {rest}" if len(same) == 1 else signer


def _first_word_in_case(text: str) -> str:
    """"ĐỒ Công Bình" -> "Đồ Công Bình": a scan that read the family name in capitals and the rest
    as written."""
    first, _, rest = text.partition(" ")
    if len(first) > 1 and first.isupper() and rest and not rest.isupper() and rest[:1].isupper():
        return f"{first.capitalize()} {rest}"
    return text
