"""PDF: a page's words grouped into positioned lines (`lines.py` makes them Blocks).

- A page is measured before the PDF library reads it (`pdf_bounds.py`): a decompression bomb is
  refused, a page drawn with too many operators is left out.
- A page whose text layer cannot be used (glyph numbers with no letters, text running sideways)
  and a page without a text layer are read by OCR (`ocr.py`) when `ocr` allows it.
- Each page is released once read, so memory stays flat on long documents.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
from collections import Counter
from dataclasses import dataclass

import regex

from kehoach.blocks import Block
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.limits import DEFAULT, Limits
from kehoach.readers.lines import Line, pages_to_blocks, split_row_columns

# patterns used in loops, compiled once
_BOLD_FONT = regex.compile(r"Bold|Black|Heavy|Semibold")

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less are on one line


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
    return pages_to_blocks(pages, diagnostics)


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
