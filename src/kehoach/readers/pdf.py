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
import statistics
from collections import Counter
from dataclasses import dataclass, field

import regex

from kehoach.blocks import Block, Style
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.normalize import clean

# patterns used in loops, compiled once
_BOLD_FONT = regex.compile(r"Bold|Black|Heavy|Semibold")

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less are on one line
MARGIN_SHARE = 0.08  # top and bottom share of a page where running headers and footers live
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


def _split_columns(words: list[dict]) -> list[list[dict]]:
    """Words of one line, cut where one gap is much wider than the line's usual spacing."""
    if len(words) < 4:
        return [words]
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(words)]
    usual = statistics.median(gaps)
    widest = max(gaps)
    cut = gaps.index(widest) + 1
    if widest >= max(6.0, 1.9 * max(usual, 0.5)) and cut >= 2 and len(words) - cut >= 1:
        return [words[:cut], *_split_columns(words[cut:])]
    return [words]


def _bold(words: list[dict]) -> bool:
    chars = [c for w in words for c in w.get("chars", ())]
    if not chars:
        return False
    bold = sum(1 for c in chars if _BOLD_FONT.search(c.get("fontname", "")))
    return bold >= 0.6 * len(chars)


def _page_lines(page, number: int) -> list[Line]:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=LINE_TOLERANCE, keep_blank_chars=False,
                               use_text_flow=False, return_chars=True)
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
        for part in _split_columns(row):
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


def read_pdf(data: bytes, diagnostics: Diagnostics, ocr: str = "auto", max_pages: int = 2000,
             max_ocr_pages: int = 200) -> list[Block]:
    with _pdfminer_warnings(diagnostics):
        return _read_pdf(data, diagnostics, ocr, max_pages, max_ocr_pages)


def _read_pdf(data: bytes, diagnostics: Diagnostics, ocr: str, max_pages: int, max_ocr_pages: int) -> list[Block]:
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
    try:
        pages = _pages(pdf, diagnostics, ocr, max_pages, max_ocr_pages)
    finally:
        # not `with pdf`: pdfplumber's close walks the page tree again, and on a broken tree
        # that would replace the clear error above with the library's own
        with contextlib.suppress(Exception):
            pdf.close()
    if not any(pages):
        if ocr == "never":
            raise InputError("the PDF has no text layer (a scan): run with --ocr auto to read it by OCR")
        raise InputError("no text found in the PDF, not even by OCR")
    return lines_to_blocks(drop_running_lines(pages, diagnostics))


def _pages(pdf, diagnostics: Diagnostics, ocr: str, max_pages: int, max_ocr_pages: int) -> list[list[Line]]:
    pages: list[list[Line]] = []
    scanned: list[int] = []
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
    for number, page in enumerate(pdf.pages, start=1):
        try:
            lines = _page_lines(page, number) if ocr != "always" else []
        except Exception as exc:  # a broken page must not lose the others
            diagnostics.warn("page_unreadable", f"page {number} could not be read ({type(exc).__name__})")
            lines = []
        if not lines and ocr != "never":
            if len(scanned) >= max_ocr_pages:
                raise InputError(f"more than {max_ocr_pages} pages need OCR, the limit (raise it with "
                                 "--max-ocr-pages, or use --ocr never)")
            from kehoach.readers.ocr import ocr_page

            lines = ocr_page(page, number, diagnostics)
            scanned.append(number)
        pages.append(lines)
        page.close()
    return pages
