"""Plain text and markdown: one Block per line (or per table cell), markdown syntax turned into hints.

Text copied from legal-document websites comes with `|` table cells, literal "\\r\\n" escapes and
markdown emphasis; markdown exported from Word has `#` headings at arbitrary levels, `**bold**`
labels and nested list indentation. The reader keeps the words, drops the syntax, and records
what it saw as style hints; numbering is never decided here.
"""

from __future__ import annotations

import regex

from kehoach.blocks import Block, Style
from kehoach.cache import compile_regex
from kehoach.classify import label_of
from kehoach.diagnostics import Diagnostics

# patterns used in loops, compiled once
_WHOLE_LINE_ITALIC = compile_regex(r"\s*\*[^*]+\*\s*")

_ESCAPED_NEWLINE = compile_regex(r"(?:\\r)?\\n")
_MD_HEADING = compile_regex(r"^[ \t]*(#{1,6})[ \t]+")
_MD_ESCAPE = compile_regex(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BOLD = compile_regex(r"\*\*|(?<!_)__(?!_)")  # a longer run of "_" is a rule, not emphasis
_ITALIC = compile_regex(r"(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])")
_LONE_STAR = compile_regex(r"(?<=\p{L})\*(?=\s|$)")
_MD_LIST_INDENT = compile_regex(r"^[ \t]+(?=[-+*•][ \t])")
# markdown's "*   item": the marker padded to the item's indent; one space, not a column's gap
_MD_LIST_PADDING = compile_regex(r"^([*+])[ \t]{2,}(?=\S)")
_CELL_SPLIT = compile_regex(r"[ \t]*\|[ \t]*")
_MARKDOWN_SIGNS = compile_regex(r"^\s*#{1,6}\s|\*\*[^*]+\*\*", regex.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    return len(_MARKDOWN_SIGNS.findall(text[:20000])) >= 3


def read_text(text: str, diagnostics: Diagnostics) -> list[Block]:
    """Blocks of a decoded text: one per non-empty line, or one per cell of a `|` table row."""
    escaped = len(_ESCAPED_NEWLINE.findall(text))
    if escaped >= 3 and escaped > text.count("\n"):
        # A web page's source with its line breaks printed as "\r\n": read them as line breaks.
        text = _ESCAPED_NEWLINE.sub("\n", text)
        diagnostics.warn("escaped_newlines", f"{escaped} literal '\\r\\n' escapes read as line breaks")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from kehoach.grammar import debris

    stray = debris().stray_emphasis.rx
    blocks: list[Block] = []
    blank = False
    stripped_markup = 0
    for number, end, raw in _bold_spans_joined(text.split("\n")):
        line, style, changed = _strip_markdown(raw, stray)
        stripped_markup += changed
        cells = _cells(line)
        if not cells:
            blank = True
            continue
        for column, cell in enumerate(cells):
            text_ = cell.strip()  # as written: the normalize stage cleans it
            if not text_:
                continue
            blocks.append(Block(
                text=text_,
                line=number,
                end_line=end,
                style=style,
                cell=(number, column) if len(cells) > 1 else None,
                blank_before=blank and column == 0,
            ))
        blank = False
    if stripped_markup:
        diagnostics.warn("markup_removed", f"markdown or emphasis syntax removed from {stripped_markup} line(s)")
    return blocks


_BOLD_START = compile_regex(r"^[ \t]*(?:#{1,6}[ \t]+)?\*\*[ \t]*")


def _opens_bold_heading(line: str) -> bool:
    """A numbered heading opening a bold span, numbered in any of the grammar's schemes: "**2. Sở",
    "**2) Sở", "#### **IV. CHẾ ĐỘ" (not "**KT. CHỦ TỊCH", a signature's lines in one bold span, nor
    a list's "**- ")."""
    start = _BOLD_START.match(line)
    if start is None:
        return False
    label = label_of(line[start.end():])
    return label is not None and not label.is_list


def _bold_spans_joined(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line number, last line number, text) of each line, a numbered heading's bold span
    opened on one line and closed on the next ("**2. Sở" / "Khoa học và Công nghệ**") joined: one
    heading a converter wrapped."""
    out: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.count("**") % 2 and index + 1 < len(lines) and _opens_bold_heading(line) \
                and lines[index + 1].count("**") % 2 and lines[index + 1].strip():
            out.append((index + 1, index + 2, f"{line.rstrip()} {lines[index + 1].lstrip()}"))
            index += 2
            continue
        out.append((index + 1, index + 1, line))
        index += 1
    return out


def _cells(line: str) -> list[str]:
    if "|" not in line:
        return [line] if line.strip() else []
    return [cell for cell in _CELL_SPLIT.split(line) if cell.strip()]


def _strip_markdown(raw: str, stray: regex.Pattern) -> tuple[str, Style, int]:
    """The line without markdown syntax, the hints it carried, and 1 if anything was removed."""
    line = raw
    heading = None
    match = _MD_HEADING.match(line)
    if match:
        heading = len(match.group(1))
        line = line[match.end():]
    line = stray.sub("", line)
    bold = bool(_BOLD.search(line)) and line.strip().startswith(("**", "__"))
    line = _BOLD.sub("", line)
    italic_whole = bool(_WHOLE_LINE_ITALIC.fullmatch(line))
    line = _ITALIC.sub(r"\1", line)
    line = _LONE_STAR.sub("", line)
    line = _MD_ESCAPE.sub(r"\1", line)
    line = _MD_LIST_PADDING.sub(r"\1 ", _MD_LIST_INDENT.sub("", line))
    changed = int(line.strip() != raw.strip())
    return line, Style(bold=bold, italic=italic_whole, heading_level=heading), changed
