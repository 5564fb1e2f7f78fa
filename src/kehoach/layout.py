"""layout: put paragraphs back together the way the author wrote them.

Readers see lines; a plan is paragraphs. This stage
- drops what is not the document: a website's metadata, banners and footers, page numbers,
  decorative rules, conversion fragments (each reported as a diagnostic);
- splits a document flattened onto one line at its header and its numbering;
- joins lines that a page width, a table cell or a web page broke in the middle of a paragraph.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import regex

from kehoach import grammar
from kehoach.blocks import Block, span
from kehoach.diagnostics import Diagnostics
from kehoach.normalize.text import fold, is_upper

# patterns used in loops, compiled once
_ONE_WORD_OR_SO = regex.compile(r"\p{L}+|Số\s*:?")
_ENDS_AT_DAY = regex.compile(r"(?i:ngày)(?:\s+\d{1,2})?$")
_STARTS_WITH_MONTH = regex.compile(r"(?i:tháng)\b")

_TERMINAL = regex.compile(r"[.;:!?…]['\"”’)]*$")
_LOWER_START = regex.compile(r"^\p{Ll}")
_RULE_CHARS = "-–—_=*~"
_RULE_EDGES = regex.compile(rf"^[{_RULE_CHARS}]{{3,}}\p{{L}}?\s+|\s+[{_RULE_CHARS}]{{3,}}$")
_SHORT_FRAGMENT = regex.compile(r"^[-–+•*]?\s*\p{L}{0,2}\*?$")


def with_labels(blocks: list[Block]) -> list[Block]:
    """Word's automatic numbering, kept out of the text by the reader, put back in front of it so
    that a numbered paragraph reads as it is shown ("III. TỔ CHỨC THỰC HIỆN")."""
    return [block.with_text(f"{block.label} {block.text}") if block.label else block for block in blocks]


def drop_debris(blocks: list[Block], diagnostics: Diagnostics) -> tuple[list[Block], bool]:
    """The blocks that belong to the document, and whether the text was cut ("[...]")."""
    rules = grammar.debris()
    # looked up once: this runs on every block of the plan
    rule_line, cut_marker, any_debris = grammar.header().rule.rx, rules.cut_marker, _any_debris()
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
        # rare: each kind is then asked in turn (the metadata test reads the line before its cut mark)
        if text is not blocks[index].text or any_debris.search(text):
            if _is_site_metadata(blocks, index):
                diagnostics.warn("site_metadata_removed", f"website metadata left out: {text[:60]}", block.source())
                continue
            if rules.site_lines.rx.search(text):
                diagnostics.warn("site_text_removed", f"website text left out: {text[:60]}", block.source())
                continue
            if rules.page_number.rx.search(text):
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
        if block is not None and block.cell is not None:
            run.append(block)
            continue
        out.extend(sorted(run, key=lambda b: b.cell[1]))
        run = []
        if block is not None:
            out.append(block)
    return out


def flatten_tabs(blocks: list[Block]) -> list[Block]:
    """Body text: a column gap inside a paragraph is only wide spacing."""
    return [block.with_text(block.text.replace("\t", " ")) if "\t" in block.text else block for block in blocks]


def join_header_fragments(blocks: list[Block]) -> list[Block]:
    """Put back header lines a table cell broke: "ỦY" / "BAN NHÂN DÂN", "Số:" / "2578/KH-UBND",
    "Bình" / "Thuận, ngày ...", "Lạng Sơn, ngày 13" / "tháng 01 năm 2020", and a motto on two lines."""
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
    if _ONE_WORD_OR_SO.fullmatch(before):
        return True  # one word alone on a line: "ỦY" / "BAN NHÂN DÂN", "Số:" / "2578/KH-UBND"
    if _ENDS_AT_DAY.search(before) and _STARTS_WITH_MONTH.match(block.text):
        return True
    joined = fold(f"{before} {block.text}")
    return bool(motto.search(joined)) and not motto.search(fold(before)) and not motto.search(fold(block.text))


def split_flattened(blocks: list[Block], diagnostics: Diagnostics) -> list[Block]:
    """A document flattened onto one line (national motto and body text together) is split before
    its motto lines, its type line, its legal-basis sentences and its numbered sections."""
    motto = grammar.header().motto
    out: list[Block] = []
    for block in blocks:
        if len(block.text) < 200:  # a flattened document is one long line
            out.append(block)
            continue
        folded = fold(block.text)
        if not motto.search(folded):
            out.append(block)
            continue
        diagnostics.warn("flattened_text", "a document flattened onto one line was split at its structure",
                         block.source())
        out.extend(replace(block, text=piece) for piece in _flattened_pieces(block.text, folded, motto))
    return out


_OPENERS = r"(?:Căn cứ|Thực hiện|Để thực hiện|Theo văn bản|Theo đề nghị|Xét đề nghị|Trên cơ sở)"
_FLAT_BREAK = regex.compile(
    rf"(?<=[.;:])\s+(?=(?:[IVX]+|[A-ZĐ]|\d{{1,2}}|[a-zđ])\s?[.)]\s+\p{{Lu}})"  # a label after a sentence
    rf"|(?<=[.;:]|\p{{Lu}}{{2,}}\s?\d{{0,4}})\s+(?={_OPENERS}\b)"  # a legal-basis sentence
)


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
        out.extend(_split_type_line(part) for part in _FLAT_BREAK.split(piece))
    return [part for group in out for part in group if part.strip()]


def _split_type_line(piece: str) -> list[str]:
    """"... KẾ HOẠCH PHÒNG CHỐNG ..." inside a flattened piece starts the type line: a type word of
    grammars/doctypes.yaml in capitals, after capitals."""
    from kehoach.doctypes import find_words

    for start, end, _ in find_words(piece):
        if start > 0 and piece[start:end].isupper() and is_upper(piece[:start]):
            return [piece[:start].strip(), piece[start:].strip()]
    return [piece]


def reflow(blocks: list[Block], starts_block, is_label) -> list[Block]:
    """Join lines that continue the paragraph before them.

    A line continues the previous one when it starts with a small letter and the previous line
    did not end a sentence (across blank lines too: a page break), or when no blank line separates
    them, the previous line ended no sentence, and the line does not start a block of its own
    (`starts_block`: a numbering label, a legal-basis opener). A short numbered heading
    (`is_label`) is not continued by a capitalised line unless both are in capitals (a heading
    wrapped by the page width).

    Linear in the text: a paragraph's lines are collected and joined once, and each decision looks
    only at the paragraph's first line and at the line before.
    """
    paragraphs: list[list[Block]] = []
    for block in blocks:
        if paragraphs and _continues(paragraphs[-1], block, starts_block, is_label):
            paragraphs[-1].append(block)
        else:
            paragraphs.append([block])
    return [_join(lines) for lines in paragraphs]


def _join(lines: list[Block]) -> Block:
    if len(lines) == 1:
        return lines[0]
    first = lines[0]
    line, end_line, end_page = span(lines)
    return replace(first, text=" ".join(line.text for line in lines), line=line, end_line=end_line,
                   end_page=end_page,
                   style=replace(first.style, bold=all(line.style.bold for line in lines),
                                 italic=all(line.style.italic for line in lines)))


def _continues(lines: list[Block], block: Block, starts_block, is_label) -> bool:
    previous = lines[-1]
    if previous.cell and block.cell and previous.cell[0] == block.cell[0]:
        return False  # two cells of one table row
    before, text = previous.text, block.text
    head = lines[0].text
    if starts_block(text):
        return False
    if before.endswith(":") and not block.blank_before and not is_label(head) and (
            _LOWER_START.match(text) or text[:1].isdigit()):
        return True  # "- Đến năm 2030:" / "tỷ lệ suy dinh dưỡng ...": a colon does not end the item
    if _TERMINAL.search(before[-8:]):
        return False
    if _LOWER_START.match(text):
        return True
    if block.blank_before:
        return False
    if is_label(head) and sum(len(line.text.split(maxsplit=15)) for line in lines[:3]) <= 14 \
            and not text[:1].isdigit():
        return all(is_upper(line.text) for line in lines) and is_upper(text)
    return True
