"""PDF: a page's words grouped into positioned lines (`lines.py` makes them Blocks).

- pdfium reads the document and each page's characters (`pdf_text.py` makes them words).
- A page is measured before pdfium reads it (`pdf_bounds.py`, on pdfminer's reading of the file's
  structure): a decompression bomb is refused, a page drawn with too many operators is left out.
- A page whose text layer cannot be used (glyph numbers with no letters, text running sideways)
  and a page without a text layer are read by OCR (`ocr.py`) when `ocr` allows it.
- Each page is released once read, so memory stays flat on long documents.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import io
import itertools
import logging
import math
import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.limits import DEFAULT, Limits
from kehoach.readers.lines import Line, pages_to_blocks, split_row_columns
from kehoach.readers.ocr import PageScan, lines_of, recognise, render_for_ocr
from kehoach.readers.pdf_bounds import page_cost
from kehoach.readers.pdf_tables import Grid, grids, page_rules
from kehoach.readers.pdf_text import Y_TOLERANCE, Char, Frame, Word, page_chars, words

# patterns used in loops, compiled once
_BOLD_FONT = compile_regex(r"Bold|Black|Heavy|Semibold")



def _bold(words: list[Word]) -> bool:
    fonts = [char.font for word in words for char in word.chars]
    if not fonts:
        return False
    bold = sum(1 for font in fonts if _bold_font(font))
    return bold >= 0.6 * len(fonts)


@functools.lru_cache(maxsize=256)
def _bold_font(name: str) -> bool:
    """pdfium reports the weight of a bold font as 400: the name says it ("TimesNewRomanPS-BoldMT")."""
    return _BOLD_FONT.search(name) is not None


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


def _rotation(chars: list[Char]) -> int:
    """The most common direction of sideways characters, in degrees (90, 180, 270)."""
    # a character's angle is clockwise, as the page is shown; the page is turned back the other way
    angles = Counter(round(-math.degrees(char.angle) / 90) % 4 * 90 for char in chars if not char.upright)
    return angles.most_common(1)[0][0] if angles else 90


def _page_layer(page, number: int) -> _Layer:
    textpage = page.get_textpage()
    try:
        chars = page_chars(textpage, Frame.of(page))
    finally:
        textpage.close()
    if chars:
        undecodable = sum(1 for char in chars if char.unmapped)
        if undecodable > UNDECODABLE_SHARE * len(chars):
            return _Layer([], f"{undecodable} of its {len(chars)} characters are glyph numbers with no letter (a font "
                              "without a Unicode map)")
        sideways = sum(1 for char in chars if not char.upright)
        if sideways > SIDEWAYS_SHARE * len(chars):
            return _Layer([], "its text runs sideways", rotation=_rotation(chars))
    tables = grids(*page_rules(page, Frame.of(page))) if chars else []
    return _Layer(_page_lines(number, words(chars), page.get_width(), page.get_height(), tables))


def _page_lines(number: int, found: list[Word], width: float, height: float,
                tables: Sequence[Grid] = ()) -> list[Line]:
    """The page's lines, top to bottom; the words of a ruled table make a line per table row."""
    rows: list[list[Word]] = []
    for word in sorted(found, key=lambda w: (w.top, w.x0)):
        if rows and abs(word.top - rows[-1][0].top) <= Y_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    in_tables: dict[tuple[int, int], list[tuple[int, int, Word]]] = {}  # (table, row) -> (line, column, word)
    for index, row in enumerate(rows, start=1):
        rest = []
        for word in row:
            x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
            table = next((at for at, grid in enumerate(tables) if grid.holds(x, y)), None)
            if table is None:
                rest.append(word)
            else:
                cell_row, column = tables[table].cell(x, y)
                in_tables.setdefault((table, cell_row), []).append((index, column, word))
        row = rest
        if not row:
            continue
        row.sort(key=lambda w: w.x0)
        line = Line(page=number, index=index, top=min(w.top for w in row), bottom=max(w.bottom for w in row),
                    x0=row[0].x0, x1=row[-1].x1, page_width=width, page_height=height)
        for part in split_row_columns(row):
            line.segments.append((" ".join(w.text for w in part), part[0].x0, part[-1].x1, _bold(part)))
        lines.append(line)
    for (table, _), placed in in_tables.items():
        lines.append(_table_row(number, tables[table], placed, width, height))
    lines.sort(key=lambda line: (line.top, line.index))
    return lines


def _table_row(number: int, grid: Grid, placed: list[tuple[int, int, Word]], width: float, height: float) -> Line:
    """A table row's Line: each cell's words in reading order (by line, then left to right)."""
    placed.sort(key=lambda item: (item[1], item[0], item[2].x0))
    cells = []
    for column, group in itertools.groupby(placed, key=lambda item: item[1]):
        cell_words = [word for _, _, word in group]
        cells.append((column, " ".join(word.text for word in cell_words), _bold(cell_words)))
    indexes = [index for index, _, _ in placed]
    return Line(page=number, index=min(indexes), end_index=max(indexes), top=min(w.top for _, _, w in placed),
                bottom=max(w.bottom for _, _, w in placed), x0=grid.xs[0], x1=grid.xs[-1], page_width=width,
                page_height=height, cells=cells)


def _page_objects(data: bytes) -> list | None:
    """pdfminer's reading of the page tree (page dictionaries, no content): what `pdf_bounds`
    measures before pdfium inflates a page. None when pdfminer cannot read the tree."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except Exception:  # a tree pdfminer cannot walk (pdfium may still read it); a password
        return None


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
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in _LOCKED:
            raise InputError("the PDF is encrypted with a password: remove the password and try again") from exc
        if _page_objects(data) == []:  # pdfium refuses a document without pages; pdfminer says why
            raise InputError("the PDF has no pages") from exc
        reason = str(exc).partition("(PDFium: ")[2].rstrip(").") or str(exc)
        raise InputError(f"not a readable PDF ({reason.lower()})") from exc
    reading = _Reading(diagnostics, ocr, limits, data)
    try:
        pages = reading.pages(pdf)
    finally:
        pdf.close()
    if not any(pages):
        raise InputError(reading.why_no_text())
    return pages_to_blocks(pages, diagnostics)


_LOCKED = {4, 5}  # pdfium's FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY


class _Reading:
    """One PDF read page by page: the text layer where it can be used, OCR where it cannot.

    Pages to read by OCR are rendered here, one at a time (pdfium is not thread-safe), and read by
    tesseract in worker threads, `limits.ocr_workers` at a time (each tesseract a process of its
    own): a 20-page scan takes the time of its pages divided by the workers. At most that many
    rendered pages wait in memory. Each page's diagnostics are kept apart and handed on in page
    order, so the result is the same whatever the number of workers."""

    def __init__(self, diagnostics: Diagnostics, ocr: str, limits: Limits, data: bytes):
        self.diagnostics, self.ocr, self.limits, self.data = diagnostics, ocr, limits, data
        self.workers = max(1, limits.ocr_workers or os.cpu_count() or 1)
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
        count = len(pdf)
        if count == 0:
            raise InputError("the PDF has no pages")
        if count > self.limits.max_pages:
            raise InputError(f"the PDF declares {count} pages, more than the limit of {self.limits.max_pages} (raise "
                             "it with --max-pages)")
        objects = _page_objects(self.data) if self.ocr != "always" else None
        if objects is not None and len(objects) != count:  # not one to one: every page measured first
            for number, page_object in enumerate(objects, start=1):
                page_cost(page_object, number, self.limits)  # a bomb is refused wherever it is
            objects = None
        read: list[_Page] = []
        waiting: collections.deque[Future] = collections.deque()
        pool: ThreadPoolExecutor | None = None
        try:
            for index in range(count):
                item = _Page(Diagnostics())
                read.append(item)
                cost = page_cost(objects[index], index + 1, self.limits) if objects is not None else None
                if cost:
                    item.diagnostics.warn("page_too_complex", cost)
                    self.left_out.append(cost)
                    continue
                try:
                    page = pdf[index]
                except Exception as exc:  # pdfium cannot load this page: the others are still read
                    item.diagnostics.warn("page_unreadable", f"page {index + 1} could not be read ({exc})")
                    continue
                try:
                    found = self.page(page, index + 1, item.diagnostics)
                finally:
                    page.close()
                if isinstance(found, PageScan):
                    if len(waiting) >= self.workers:  # no more rendered pages in memory than workers
                        wait([waiting.popleft()])
                    if pool is None:
                        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="kehoach-ocr")
                    item.scan, item.tsv = found, pool.submit(_recognise_and_let_go, found)
                    waiting.append(item.tsv)
                else:
                    item.lines = found
            pages = []
            for item in read:
                if item.scan is not None and item.tsv is not None:
                    item.lines = lines_of(item.scan, item.tsv.result(), item.diagnostics)
                for diagnostic in item.diagnostics.items:
                    self.diagnostics.add(diagnostic.level, diagnostic.code, diagnostic.message, diagnostic.source,
                                         diagnostic.hint)
                pages.append(item.lines)
            return pages
        finally:
            # a file that failed or ran out of time: pages not yet read are not started (a tesseract
            # already running ends by itself, within its own time limit)
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    def page(self, page, number: int, diagnostics: Diagnostics) -> list[Line] | PageScan:
        """The page's lines from its text layer, or the page rendered for OCR."""
        rotation = 0
        if self.ocr != "always":
            try:
                layer = _page_layer(page, number)
            except Exception as exc:  # a broken page must not lose the others (the time limit is no Exception)
                diagnostics.warn("page_unreadable", f"page {number} could not be read ({type(exc).__name__})")
                layer = _Layer([])
            if layer.unusable:
                self.unusable.append(layer.unusable)
                hint = None if self.ocr == "never" else "the page is read by OCR"
                diagnostics.warn("text_layer_unusable", f"page {number}: the text layer is not used: "
                                 f"{layer.unusable}", hint=hint)
            if layer.lines or self.ocr == "never":
                return layer.lines
            rotation = layer.rotation
        if self.scanned >= self.limits.max_ocr_pages:
            raise InputError(f"more than {self.limits.max_ocr_pages} pages need OCR, the limit (raise it with "
                             "--max-ocr-pages, or use --ocr never)")
        self.scanned += 1
        scan = render_for_ocr(page, number, diagnostics, self.limits.max_ocr_pixels, rotation=rotation)
        if scan is None:
            self.left_out.append(f"page {number} is too large to read by OCR within the limit of "
                                 f"{self.limits.max_ocr_pixels / 1e6:g} million pixels (raise it with "
                                 "--max-ocr-pixels)")
            return []
        return scan


@dataclass
class _Page:
    """A page being read: its lines, or its rendering and tesseract's answer to come."""

    diagnostics: Diagnostics
    lines: list[Line] = field(default_factory=list)
    scan: PageScan | None = None
    tsv: Future | None = None


def _recognise_and_let_go(scan: PageScan) -> str:
    """Tesseract's reading of a rendered page; the picture is let go as soon as it is read."""
    try:
        return recognise(scan)
    finally:
        scan.image = None
