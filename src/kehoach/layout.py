"""layout: the lines of the document as the author laid them out, one entry point (`arrange`).

Readers see what a page or a file holds; this stage
- puts Word's automatic numbering back in front of its paragraph;
- drops what is not the document: a website's metadata, banners and footers, page numbers,
  decorative rules, conversion fragments (each reported as a diagnostic);
- splits a document flattened onto one line at its header, its legal basis and its numbering;
- reads the two-column header (issuer | motto) column by column, and puts back header lines a
  table cell broke ("ỦY" / "BAN NHÂN DÂN").

Guarantees: the blocks keep their order and sources; nothing is joined past the header region
(`Arranged.header_end`), where the paragraphs stage takes over once zones are known.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import regex

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.classify import Line, bare_heading_label, classify_line, closes_a_parenthesis, label_of, opener_of
from kehoach.diagnostics import Diagnostics
from kehoach.doctypes import find_words
from kehoach.flat_tables import unflatten_tables
from kehoach.models import Numbering
from kehoach.normalize.text import fold, is_upper

HEADER_SEARCH = 60  # blocks: a header further down than this is not a header
_RULE_CHARS = "-–—_=*~"
_RULE_EDGES = compile_regex(rf"^[{_RULE_CHARS}]{{3,}}\p{{L}}?\s+|\s+[{_RULE_CHARS}]{{3,}}$")
_SHORT_FRAGMENT = compile_regex(r"^[-–+•*]?\s*\p{L}{0,2}\*?$")


@dataclass(frozen=True)
class Arranged:
    blocks: list[Block]
    header_end: int  # a header can only be in blocks[:header_end]
    truncated: bool  # the text says it was cut ("[...]")


def arrange(blocks: list[Block], diagnostics: Diagnostics) -> Arranged:
    """The stage: labels in place, debris out, a flattened document split, the header region read
    column by column with its broken lines put back."""
    blocks, truncated = drop_debris(with_labels(blocks), diagnostics)
    blocks = join_labels_to_titles(blocks)
    # a flattened document is one long line from its header on: looked for only where a header can
    # be, before the first numbered heading
    flat_end = _numbering_start(blocks)
    blocks = split_flattened(blocks[:flat_end], diagnostics) + blocks[flat_end:]
    region = _header_region_end(blocks)
    head = join_header_fragments(columns_first(split_columns(split_at_rules(_unbulleted(blocks[:region])))))
    return Arranged(head + blocks[region:], len(head), truncated)


def join_labels_to_titles(blocks: list[Block]) -> list[Block]:
    """A heading's label alone on its line with its title in capitals on the next ("Phần thứ nhất"
    / "KẾT QUẢ THỰC HIỆN ...", as long plans set their parts; "II." / "NHIỆM VỤ"): one heading. A
    title in sentence case is not taken for the label's (it may be the text under a heading whose
    title was lost), nor are a table's cells."""
    out: list[Block] = []
    for block in blocks:
        if out and block.cell is None and out[-1].cell is None and is_upper(block.text) \
                and label_of(block.text) is None and bare_heading_label(out[-1].text.strip()):
            out[-1] = out[-1].joined(block)
            continue
        out.append(block)
    return out


def _numbering_start(blocks: list[Block]) -> int:
    """The first block that opens with a heading's numbering ("I.", "1."), within the first
    HEADER_SEARCH blocks; a header comes before it."""
    motto = grammar.header().motto
    for index, block in enumerate(blocks[:HEADER_SEARCH]):
        if classify_line(block).heading and not _flattened_with_motto(block.text, motto):
            return index
    return min(len(blocks), HEADER_SEARCH)


def _flattened_with_motto(text: str, motto) -> bool:
    """A whole document on one line, its header's motto in it: a sharing site's page numbered "1."
    is no section."""
    return len(text) >= _FLATTENED_LENGTH and motto.search(fold(text)) is not None


def _header_region_end(blocks: list[Block]) -> int:
    """Where the header can no longer be: once a header line has been seen, a long paragraph or the
    first legal-basis sentence (long lines before it are a website's page title and summary)."""
    seen_header = False
    previous: Line | None = None
    in_title = False  # on the capitals of a title, however many lines a copy wrapped it into
    for index, block in enumerate(blocks[:HEADER_SEARCH]):
        line = classify_line(block)
        if line.label is not None and (not line.label.is_list or seen_header) \
                and not (previous is not None and closes_a_parenthesis(previous.text, line)):
            return index  # the body's numbering has begun (a website's lists may come before a header)
        seen_header = seen_header or line.header_anchor
        # where a title starts: under the type line, or under the date where no type line is printed
        after_type = previous is not None and (previous.doc_type is not None or previous.place_date)
        title = after_type or (in_title and line.upper)  # the title's first line, or more of its capitals
        long_paragraph = len(line.text) > 250 and not (title and line.upper)  # a long title in capitals
        if seen_header and (long_paragraph or (line.cites and not title)):
            return index
        in_title = title and line.upper
        previous = line
    return min(len(blocks), HEADER_SEARCH)


def with_labels(blocks: list[Block]) -> list[Block]:
    """Word's automatic numbering, kept out of the text by the reader, put back in front of it so
    that a numbered paragraph reads as it is shown ("III. TỔ CHỨC THỰC HIỆN")."""
    return [block.with_text(f"{block.label} {block.text}") if block.label else block for block in blocks]


def drop_debris(blocks: list[Block], diagnostics: Diagnostics) -> tuple[list[Block], bool]:
    """The blocks that belong to the document, and whether the text was cut ("[...]")."""
    rules = grammar.debris()
    # looked up once: this runs on every block of the plan
    rule_line, cut_marker, any_debris = grammar.header().rule.rx, rules.cut_marker, _any_debris()
    page_mark = rules.page_mark
    blocks = unflatten_tables(blocks)  # a table's bare numbers are its row numbers and values
    kept: list[Block] = []
    truncated = False
    for index, block in enumerate(blocks):
        text = block.text
        if cut_marker.search(text):
            truncated = True
            diagnostics.warn("truncated", "the text is cut here ('[...]'): what follows in the plan is missing",
                             block.source())
            text = cut_marker.rx.sub("", text).strip()
            if not text:
                continue
            block = block.with_text(text)
        if page_mark.search(text):
            diagnostics.warn("page_mark_removed", f"a site's page mark left out: {text[:40]}", block.source())
            text = page_mark.rx.sub(" ", text).strip()
            if not text:
                continue
            block = block.with_text(text)
        # rare: each kind is then asked in turn (the metadata test reads the line before its cut mark)
        if text is not blocks[index].text or any_debris.search(text) or rules.site_excerpt.search(text):
            if _is_site_metadata(blocks, index):
                diagnostics.warn("site_metadata_removed", f"website metadata left out: {text[:60]}", block.source())
                continue
            if rules.site_lines.rx.search(text) or rules.site_excerpt.search(text):
                diagnostics.warn("site_text_removed", f"website text left out: {text[:60]}", block.source())
                continue
            if block.cell is None and rules.page_number.rx.search(text):  # a table's "1" is its row number
                diagnostics.warn("page_number_removed", f"page number left out: {text}", block.source())
                continue
            if rule_line.search(text):
                continue  # a decorative rule under a name: layout, not text
        # the pattern walks every space of the line; a rule (three marks or more) can only stand at its ends
        at_edge = not text[:3].strip(_RULE_CHARS) or not text[-3:].strip(_RULE_CHARS)
        trimmed = _RULE_EDGES.sub("", text) if at_edge else text
        if trimmed != text:  # a rule drawn beside text in another column ("------- Độc lập - Tự do ...")
            block = block.with_text(trimmed)
        if "*" in block.text and _SHORT_FRAGMENT.match(text):
            diagnostics.warn("stray_fragment_removed", f"conversion fragment left out: {text}", block.source())
            continue
        kept.append(block)
    return kept, truncated


@functools.cache
def _any_debris() -> regex.Pattern:
    """Website metadata, website text, a page number or a rule line: one search for a line that is
    none of them (most lines), where four would be made."""
    rules = grammar.debris()
    return grammar.FirstOf((rules.site_metadata, rules.site_lines, rules.page_number, grammar.header().rule)).rx


def _is_site_metadata(blocks: list[Block], index: int) -> bool:
    """A metadata line, in a block of at least two (one alone may be a sentence of the plan)."""
    pattern = grammar.debris().site_metadata.rx
    if not pattern.search(blocks[index].text):
        return False
    neighbours = blocks[max(0, index - 2):index] + blocks[index + 1:index + 3]
    return any(pattern.search(block.text) for block in neighbours)


# a rule drawn under a name with text after it on the same line ("... THÀNH PHỐ HÀ NỘI __________ Số:
# 247/KH-UBND", a website's cell holding the issuer, its rule and the number)
_INNER_RULE = compile_regex(rf"(?<=\S)[ \t]+[{_RULE_CHARS}]{{4,}}[ \t]+(?=\S)")


def _unbulleted(blocks: list[Block]) -> list[Block]:
    """Header lines in capitals without the bullet a website's layout put before them
    ("• ỦY BAN NHÂN DÂN", a legal-texts site's page): no header line is a list item."""
    out = []
    for block in blocks:
        label = label_of(block.text)
        if label is not None and label.scheme == Numbering.bullet and is_upper(label.rest):
            block = replace(block, text=label.rest)
        out.append(block)
    return out


def split_at_rules(blocks: list[Block]) -> list[Block]:
    """Header lines split where a rule stands between two parts of them."""
    out: list[Block] = []
    for block in blocks:
        if _INNER_RULE.search(block.text) is None:
            out.append(block)
            continue
        out += [replace(block, text=part.strip()) for part in _INNER_RULE.split(block.text) if part.strip()]
    return out


def split_columns(blocks: list[Block]) -> list[Block]:
    """Header and signature lines hold two columns separated by a gap (kept as a tab): one block each."""
    out: list[Block] = []
    for block in blocks:
        if "\t" not in block.text:
            out.append(block)
            continue
        for column, part in enumerate(block.text.split("\t")):
            out.append(replace(block, text=part, cell=(block.line or 0, column),
                               blank_before=block.blank_before and column == 0))
    return out


def columns_first(blocks: list[Block]) -> list[Block]:
    """Consecutive table rows read column by column, as a person reads a two-column header: the
    issuer's lines, then the motto's (a motto wrapped inside its cell comes together again)."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        # an empty line before a row ends the table: the rows after it are read on their own
        if block is not None and block.cell is not None and not (run and block.blank_before):
            run.append(block)
            continue
        out.extend(sorted(run, key=lambda b: b.cell[1] if b.cell else 0))
        run = []
        if block is not None and block.cell is not None:
            run.append(block)
        elif block is not None:
            out.append(block)
    return out


def join_header_fragments(blocks: list[Block]) -> list[Block]:
    """Put back header lines a table cell broke: "ỦY" / "BAN NHÂN DÂN", "Số:" / "2578/KH-UBND",
    "Bình" / "Thuận, ngày ...", "Lạng Sơn, ngày 13" / "tháng 01 năm 2020", a motto on two lines,
    and a line that closes the parenthesis the one above opened ("(KHÓA" / "XVII) ...")."""
    motto = grammar.header().motto
    out: list[Block] = []
    for block in blocks:
        if out and _continues_header_line(out[-1], block, motto):
            out[-1] = out[-1].joined(block)
            continue
        out.append(block)
    return out


def _continues_header_line(previous: Block, block: Block, motto: grammar.Entry) -> bool:
    before = previous.text
    rules = grammar.header()
    if rules.broken_word.search(before):
        return True  # one word alone on a line: "ỦY" / "BAN NHÂN DÂN", "Số:" / "2578/KH-UBND"
    if rules.broken_date_end.search(before) and rules.broken_date_rest.search(block.text):
        return True
    # a place and date a cell wrapped anywhere ("Bình Định," / "ngày 29 tháng 5 năm 2018",
    # "Thanh Hóa, ngày" / "19 tháng 5 năm 2025"): whole only when joined
    place_date = rules.place_date.rx
    if not place_date.search(before) and not place_date.search(block.text) \
            and place_date.search(f"{before} {block.text}"):
        return True
    if closes_a_parenthesis(before, classify_line(block)):
        return True  # "... TỈNH (KHÓA" / "XVII) THỰC HIỆN ...": a title a copy wrapped inside its parenthesis
    joined = fold(f"{before} {block.text}")
    return bool(motto.search(joined)) and not motto.search(fold(before)) and not motto.search(fold(block.text))


_FLATTENED_LENGTH = 200
_PAGE_NUMBER_BEFORE_NAME = compile_regex(r"^\d{1,3}\.[ \t]+(?=\p{Lu}[\p{Lu} ]*$)")


def split_flattened(blocks: list[Block], diagnostics: Diagnostics) -> list[Block]:
    """A document flattened onto one line (national motto and body text together, or a header
    without its motto: `_opens_with_a_header`) is split before its motto lines, its type line, its
    legal-basis sentences and its numbered sections."""
    motto = grammar.header().motto
    out: list[Block] = []
    for block in blocks:
        folded = fold(block.text)
        found = motto.search(folded) if "\t" not in block.text else None
        if found is None:
            if len(block.text) < _FLATTENED_LENGTH or not _opens_with_a_header(block.text):
                out.append(block)
                continue
        elif len(block.text) < _FLATTENED_LENGTH:  # a flattened document is one long line
            # an issuer and the motto a website put on one line ("TRƯỜNG THCS AN PHÚ CỘNG HÒA XÃ HỘI
            # ..."): the capitals before the motto are the issuer's cell
            before = block.text[:found.start()].strip()
            if before and is_upper(before) and len(before) > 3:
                out += [replace(block, text=before), replace(block, text=block.text[found.start():].strip())]
            else:
                out.append(block)
            continue
        diagnostics.warn("flattened_text", "a document flattened onto one line was split at its structure",
                         block.source())
        pieces = _flattened_pieces(block.text, folded, motto)
        # "1. B XÂY D NG": the site's number for the page, before the issuer's name
        pieces[0] = _PAGE_NUMBER_BEFORE_NAME.sub("", pieces[0]) if found is None or found.start() < 80 else pieces[0]
        out.extend(replace(block, text=piece) for piece in pieces if piece)
    return out


# where a flattened piece breaks: a label after a sentence ("... năm 2024. II. NHIỆM VỤ"), or a
# legal-basis sentence after a sentence or after the capitals of a header line (its opener is
# checked by the grammar's openers, see `_breaks`)
_SPACE_BEFORE_OPENER = compile_regex(r"(?<=[.;:]|\p{Lu}{2,}\s?\d{0,4})\s+(?=\S)")


_SPACE_BEFORE_CAPITAL = compile_regex(r"(?<=\S)[ \t]+(?=\p{Lu})")


def _breaks(piece: str) -> list[str]:
    """`piece` cut before each label that follows a sentence, before each legal-basis opener, before
    the number printed after the issuer's name and after the place and date."""
    cuts = {(match.start(), match.end()) for match in grammar.numbering().flattened_label.rx.finditer(piece)}
    # an opener is a few words at the start: asked of the next 80 characters, not of the rest of a
    # long flattened piece at each place
    cuts |= {(match.start(), match.end()) for match in _SPACE_BEFORE_OPENER.finditer(piece)
             if opener_of(piece[match.end():match.end() + 80])}
    header = grammar.header()
    # a legal-basis opener that names a numbered document, wherever it stands ("... Giai đoạn 2016 -
    # 2020 Thực hiện Kế hoạch số 323/KH-SGD&ĐT ...": the title runs into the basis)
    cuts |= {(match.start(), match.end()) for match in _SPACE_BEFORE_CAPITAL.finditer(piece)
             if opener_of(piece[match.end():match.end() + 80])
             and header.number_hint.rx.search(piece, match.end(), match.end() + 60)}
    # the number after the issuer's name ("... PHÒNG GIÁO DỤC & ĐÀO TẠO. Số: 78 /KH-PGD&ĐT."), and
    # what follows the place and date ("Thanh Oai, ngày 02 tháng 02 năm 2016. KẾ HOẠCH ...")
    cuts |= {(match.start(), match.start()) for match in header.number_after_name.rx.finditer(piece)}
    place_date = header.place_date.rx.search(piece)
    if place_date is not None and place_date.end() < len(piece):
        after = len(piece) - len(piece[place_date.end():].lstrip(" .\t"))
        cuts.add((place_date.end(), after))
    parts, start = [], 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start < start:
            continue
        parts.append(piece[start:cut_start])
        start = cut_end
    parts.append(piece[start:])
    return parts


_HEADER_SPAN = 400  # characters: a flattened header's number and its place and date lie within them


def _opens_with_a_header(text: str) -> bool:
    """A long line that opens with a header without its motto (a copy that left the motto out): the
    number right after the issuer's name, and a place and date, both near its start."""
    header = grammar.header()
    start = text[:_HEADER_SPAN]
    return header.number_after_name.rx.search(start) is not None and header.place_date.rx.search(start) is not None


def _flattened_pieces(text: str, folded: str, motto: grammar.Entry) -> list[str]:
    cuts = []
    for match in motto.finditer(folded):
        cuts += [match.start(), match.end()]
    pieces, start = [], 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
    out: list[str] = []
    for piece in pieces:
        for part in _breaks(piece):
            out.extend(_split_type_line(part))
    return [part for part in out if part.strip()]


def _split_type_line(piece: str) -> list[str]:
    """"... KẾ HOẠCH PHÒNG CHỐNG ..." inside a flattened piece starts the type line: a type word of
    grammars/doctypes.yaml in capitals, after capitals."""
    for start, end, _ in find_words(piece):
        if start > 0 and piece[start:end].isupper() and is_upper(piece[:start]):
            return [piece[:start].strip(), piece[start:].strip()]
    return [piece]
