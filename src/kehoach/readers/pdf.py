"""PDF: words grouped into lines, lines into paragraphs, by position.

- A line whose words leave one gap much wider than the others holds two columns (the issuer and
  the motto of a header, the recipients and the signature of a footer): each column is a Block of
  its own, with its row and column.
- A line starts a new paragraph (blank_before) when the line above ended short of the right margin,
  when it stands apart vertically, or when it is indented; otherwise the layout stage may join it.
- Lines repeated at the top or bottom of several pages (running headers and footers) and page
  numbers are dropped.
- Pages without a text layer are read by OCR (`ocr.py`) when `ocr` allows it.
- Each page is released once read, so memory stays flat on long documents.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field

import regex

from kehoach.blocks import Block, Style
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.limits import DEFAULT, Limits
from kehoach.normalize import clean

# patterns used in loops, compiled once
_BOLD_FONT = regex.compile(r"Bold|Black|Heavy|Semibold")

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less are on one line
MARGIN_SHARE = 0.08  # top and bottom share of a page where running headers and footers live
MAX_COLUMNS = 16  # a header or signature row has two, a table row a handful
_DIGITS = regex.compile(r"\d+")
_PAGE_NUMBER = regex.compile(r"^[-–\s]*(?:(?i:trang)\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$")


@dataclass
class Line:
    page: int
    index: int  # 1-based line number on its page
    top: float
    bottom: float
    x0: float
    x1: float
    segments: list[tuple[str, float, float, bool]] = field(default_factory=list)  # text, x0, x1, bold
    page_width: float = 0.0
    page_height: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(s[0] for s in self.segments)


def split_row_columns(words: list[dict]) -> list[list[dict]]:
    """Words of one line, cut where one gap is much wider than the line's usual spacing.

    A loop, not a recursion, and at most MAX_COLUMNS cuts: a line of thousands of words with
    shrinking gaps would otherwise nest a call, and compute a median, per word."""
    columns: list[list[dict]] = []
    rest = words
    while len(rest) >= 4 and len(columns) < MAX_COLUMNS:
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(rest)]
        usual = statistics.median(gaps)
        widest = max(gaps)
        cut = gaps.index(widest) + 1
        if not (widest >= max(6.0, 1.9 * max(usual, 0.5)) and cut >= 2 and len(rest) - cut >= 1):
            break
        columns.append(rest[:cut])
        rest = rest[cut:]
    columns.append(rest)
    return columns


def _bold(words: list[dict]) -> bool:
    chars = [c for w in words for c in w.get("chars", ())]
    if not chars:
        return False
    bold = sum(1 for c in chars if _BOLD_FONT.search(c.get("fontname", "")))
    return bold >= 0.6 * len(chars)


@dataclass
class _Layer:
    """A page's text layer: its lines, or why they cannot be used (then the page is read by OCR,
    turned by `rotation` degrees first when its text runs sideways)."""

    lines: list[Line]
    unusable: str | None = None
    rotation: int = 0


# shares of a page's characters past which its text layer is not used
UNDECODABLE_SHARE = 0.3  # glyphs with no Unicode value: "(cid:37)" from a font without a ToUnicode map
SIDEWAYS_SHARE = 0.5  # characters not upright: a landscape page printed sideways


def _rotation(chars: list[dict]) -> int:
    """The most common direction of sideways characters, in degrees (90, 180, 270)."""
    angles = Counter(round(math.degrees(math.atan2(c["matrix"][1], c["matrix"][0])) / 90) % 4 * 90 for c in chars
                     if not c.get("upright", True) and c.get("matrix"))
    return angles.most_common(1)[0][0] if angles else 90


def _page_layer(page, number: int) -> _Layer:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=LINE_TOLERANCE, keep_blank_chars=False,
                               use_text_flow=False, return_chars=True)
    chars = [c for word in words for c in word.get("chars", ())]
    if chars:
        undecodable = "".join(word["text"] for word in words).count("(cid:")
        if undecodable > UNDECODABLE_SHARE * len(chars):
            return _Layer([], f"{undecodable} of its {len(chars)} characters are glyph numbers with no letter (a font "
                              "without a Unicode map)")
        sideways = sum(1 for c in chars if not c.get("upright", True))
        if sideways > SIDEWAYS_SHARE * len(chars):
            return _Layer([], "its text runs sideways", rotation=_rotation(chars))
    return _Layer(_page_lines(page, number, words))


def _page_lines(page, number: int, words: list[dict]) -> list[Line]:
    words.sort(key=lambda w: (round(w["top"] / LINE_TOLERANCE), w["x0"]))
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for index, row in enumerate(rows, start=1):
        row.sort(key=lambda w: w["x0"])
        line = Line(page=number, index=index, top=min(w["top"] for w in row), bottom=max(w["bottom"] for w in row),
                    x0=row[0]["x0"], x1=row[-1]["x1"], page_width=float(page.width), page_height=float(page.height))
        for part in split_row_columns(row):
            line.segments.append((" ".join(w["text"] for w in part), part[0]["x0"], part[-1]["x1"], _bold(part)))
        lines.append(line)
    return lines


def _running_key(line: Line) -> str:
    return _DIGITS.sub("#", clean(line.text).lower())


def drop_running_lines(pages: list[list[Line]], diagnostics: Diagnostics) -> list[list[Line]]:
    """Page numbers and lines repeated in the top or bottom margin of several pages."""
    def in_margin(line: Line) -> bool:
        return line.top < line.page_height * MARGIN_SHARE or line.bottom > line.page_height * (1 - MARGIN_SHARE)

    repeated = Counter(_running_key(line) for lines in pages for line in lines if in_margin(line))
    kept_pages = []
    dropped = 0
    for lines in pages:
        kept = []
        for line in lines:
            running = len(pages) > 2 and repeated[_running_key(line)] > 1 and len(line.text) < 120
            if in_margin(line) and (_PAGE_NUMBER.match(line.text) or running):
                dropped += 1
                continue
            kept.append(line)
        kept_pages.append(kept)
    if dropped:
        diagnostics.warn("page_number_removed", f"{dropped} page number(s) or running header/footer line(s) left out")
    return kept_pages


_CLOSING = set(".;:!?)…\"”")


def wrapped_at_dash(previous: Line | None, line: Line, right: float) -> bool:
    """Whether `line` starts with "- " only because a spaced dash inside a name fell at the start of
    a line ("... phối hợp với Phòng Lao động / - Thương binh và Xã hội huyện ..."), and is no
    list item: the line above stops on a word, not on punctuation, and ran so close to the right
    margin that the dash and the word after it could not have stood at its end. The two lines are
    one above the other (a signature's line beside a list of recipients is not the line above)."""
    if previous is None or len(previous.segments) != 1 or len(line.segments) != 1:
        return False
    if line.top < previous.bottom - 1 or previous.x0 > (line.x0 + right) / 2:
        return False
    text, above = line.text, previous.text.rstrip()
    if not text.startswith("- ") or not above or above[-1] in _CLOSING or not above[-1].isalnum():
        return False
    width_per_char = (line.x1 - line.x0) / max(len(text), 1)
    dash_and_word = len(" ".join(text.split(" ", 2)[:2])) + 1  # the space before the dash too
    return right - previous.x1 < dash_and_word * width_per_char


def lines_to_blocks(pages: list[list[Line]]) -> list[Block]:
    """Blocks from positioned lines: columns as cells, paragraph starts marked by geometry."""
    blocks: list[Block] = []
    full = [line for lines in pages for line in lines if len(line.segments) == 1]
    left = statistics.median([line.x0 for line in full]) if full else 0.0
    right = max((line.x1 for line in full), default=0.0)
    heights = [line.bottom - line.top for line in full] or [12.0]
    height = statistics.median(heights)
    previous: Line | None = None
    for lines in pages:
        for line in lines:
            new_paragraph = False
            if previous is not None and previous.page == line.page and len(previous.segments) == 1:
                gap = line.top - previous.bottom
                ended_short = previous.x1 < right - 4 * height
                # a first line indented and running to the right margin; a centred line is neither
                indented = line.x0 > left + 1.2 * height and line.x1 > right - 4 * height and not ended_short
                new_paragraph = gap > 0.9 * height or ended_short or indented
            elif previous is not None and len(previous.segments) > 1:
                new_paragraph = True
            if blocks and not new_paragraph and wrapped_at_dash(previous, line, right):
                blocks[-1] = blocks[-1].joined(Block(text=clean(line.text), line=line.index, end_line=line.index,
                                                     page=line.page))
                previous = line
                continue
            two_columns = len(line.segments) > 1
            # a line that starts right of the text's centre stands in the right column (a signer's name)
            right_only = not two_columns and line.x0 > (left + right) / 2 if right > left else False
            for column, (text, x0, _x1, bold) in enumerate(line.segments):
                text = clean(text, keep_columns=True)
                if not text:
                    continue
                cell = None
                if two_columns:
                    cell = (line.page * 10000 + line.index, column if x0 < (left + right) / 2 else 1)
                elif right_only:
                    cell = (line.page * 10000 + line.index, 1)
                blocks.append(Block(text=text, line=line.index, end_line=line.index, page=line.page,
                                    style=Style(bold=bold), cell=cell,
                                    blank_before=new_paragraph and column == 0))
            previous = line
    return blocks


def _declared_pages(pdf) -> int:
    """The page count the PDF's page tree states (/Count), or 0 when it states none readable."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        return count if isinstance(count, int) else 0
    except Exception:  # a broken tree is reported when the pages are read
        return 0


class _LibraryWarnings(logging.Handler):
    """Collects what pdfminer logs about a damaged file, which Python would otherwise print on
    stderr among kehoach's own one-line messages; it becomes one diagnostic instead."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _pdfminer_warnings(diagnostics: Diagnostics):
    handler, logger = _LibraryWarnings(), logging.getLogger("pdfminer")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        if handler.messages:
            diagnostics.warn("pdf_damaged", f"{len(handler.messages)} problem(s) in the PDF's structure were worked "
                             f"around; the first: {handler.messages[0][:160]}")


def read_pdf(data: bytes, diagnostics: Diagnostics, ocr: str = "auto", limits: Limits = DEFAULT) -> list[Block]:
    with _pdfminer_warnings(diagnostics):
        return _read_pdf(data, diagnostics, ocr, limits)


def _read_pdf(data: bytes, diagnostics: Diagnostics, ocr: str, limits: Limits) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps whatever pdfminer raised on a broken or locked file
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else (exc.__cause__ or exc)
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(cause).lower():
            raise InputError("the PDF is encrypted with a password: remove the password and try again") from exc
        if isinstance(cause, PDFSyntaxError | PSException | ValueError | KeyError | TypeError | EOFError):
            raise InputError(f"not a readable PDF ({cause})") from exc
        raise InputError(f"not a readable PDF ({type(cause).__name__})") from exc
    reading = _Reading(diagnostics, ocr, limits)
    try:
        pages = reading.pages(pdf)
    finally:
        # not `with pdf`: pdfplumber's close walks the page tree again, and on a broken tree
        # that would replace the clear error above with the library's own
        with contextlib.suppress(Exception):
            pdf.close()
    if not any(pages):
        raise InputError(reading.why_no_text())
    blocks = lines_to_blocks(drop_running_lines(pages, diagnostics))
    return convert_legacy_blocks(blocks, diagnostics)


def convert_legacy_blocks(blocks: list[Block], diagnostics: Diagnostics) -> list[Block]:
    """Lines a PDF's text layer holds in TCVN3 or VNI (a legacy font that maps its bytes to Latin
    letters) converted to Unicode as a text file's lines are: each block a line of one text, so
    that short lines are judged with the rest of the document."""
    from kehoach.legacy import convert_text

    if all(block.text.isascii() for block in blocks):
        return blocks
    text, converted = convert_text("\n".join(block.text for block in blocks))
    if not converted:
        return blocks
    out = [block if new == block.text else block.with_text(new)
           for block, new in zip(blocks, text.split("\n"), strict=True)]
    if converted:
        diagnostics.warn("legacy_encoding", f"{converted} line(s) in TCVN3 or VNI converted to Unicode")
    return out


class _Reading:
    """One PDF read page by page: the text layer where it can be used, OCR where it cannot."""

    def __init__(self, diagnostics: Diagnostics, ocr: str, limits: Limits):
        self.diagnostics, self.ocr, self.limits = diagnostics, ocr, limits
        self.scanned = 0
        self.left_out: list[str] = []  # pages not read, and why
        self.unusable: list[str] = []  # pages whose text layer could not be used, and why

    def why_no_text(self) -> str:
        if self.unusable and self.ocr == "never":
            return (f"the PDF's text cannot be used ({self.unusable[0]}): run with --ocr auto to read it by OCR")
        if self.ocr == "never":
            return "the PDF has no text layer (a scan): run with --ocr auto to read it by OCR"
        if self.left_out:
            return f"no text found in the PDF: {self.left_out[0]}"
        return "no text found in the PDF, not even by OCR"

    def pages(self, pdf) -> list[list[Line]]:
        max_pages = self.limits.max_pages
        declared = _declared_pages(pdf)
        if declared > max_pages:  # refused before pdfminer walks a page tree that size
            raise InputError(f"the PDF declares {declared} pages, more than the limit of {max_pages} (raise it with "
                             "--max-pages)")
        try:
            count = len(pdf.pages)
        except Exception as exc:  # pdfminer raises many kinds on a broken page tree
            raise InputError(f"the PDF's page tree is broken ({type(exc).__name__})") from exc
        if count == 0:
            raise InputError("the PDF has no pages")
        if count > max_pages:
            raise InputError(f"the PDF has {count} pages, more than the limit of {max_pages} (raise it with "
                             "--max-pages)")
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            pages.append(self.page(page, number))
            page.close()
        return pages

    def page(self, page, number: int) -> list[Line]:
        from kehoach.readers.pdf_bounds import page_cost

        rotation = 0
        if self.ocr != "always":
            cost = page_cost(page.page_obj, number, self.limits)
            if cost:
                self.diagnostics.warn("page_too_complex", cost)
                self.left_out.append(cost)
                return []
            try:
                layer = _page_layer(page, number)
            except Exception as exc:  # a broken page must not lose the others (the time limit is no Exception)
                self.diagnostics.warn("page_unreadable", f"page {number} could not be read ({type(exc).__name__})")
                layer = _Layer([])
            if layer.unusable:
                self.unusable.append(layer.unusable)
                hint = None if self.ocr == "never" else "the page is read by OCR"
                self.diagnostics.warn("text_layer_unusable", f"page {number}: the text layer is not used: "
                                      f"{layer.unusable}", hint=hint)
            if layer.lines or self.ocr == "never":
                return layer.lines
            rotation = layer.rotation
        if self.scanned >= self.limits.max_ocr_pages:
            raise InputError(f"more than {self.limits.max_ocr_pages} pages need OCR, the limit (raise it with "
                             "--max-ocr-pages, or use --ocr never)")
        from kehoach.readers.ocr import ocr_page

        self.scanned += 1
        lines = ocr_page(page, number, self.diagnostics, self.limits.max_ocr_pixels, rotation=rotation)
        if not lines and self.diagnostics.has("ocr_page_too_large"):
            self.left_out.append(f"page {number} is too large to read by OCR within the limit of "
                                 f"{self.limits.max_ocr_pixels / 1e6:g} million pixels (raise it with "
                                 "--max-ocr-pixels)")
        return lines
