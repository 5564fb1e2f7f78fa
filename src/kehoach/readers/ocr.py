"""OCR of scanned PDF pages with tesseract's Vietnamese model.

A page is rendered at 300 dpi (diacritics need the resolution), read by tesseract as TSV (one row
per word with its box and confidence), and the words go through the same line and column grouping
as a PDF's text layer. The mean word confidence of each page is reported as a diagnostic.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.cache import compile_regex
from kehoach.classify import label_of
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.processes import run_program
from kehoach.readers.lines import Line, split_row_columns
from kehoach.roles import with_its_marks

# patterns used in loops, compiled once
_LETTER_OR_DIGIT = compile_regex(r"[\p{L}\d]")

RESOLUTION = 300
TIMEOUT_SECONDS = 180
LANGUAGE = "vie"
INSTALL_HINT = "install tesseract with its Vietnamese data (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"


def tesseract() -> str:
    program = shutil.which("tesseract")
    if program is None:
        raise InputError(f"this PDF is a scan and reading it needs tesseract, which is not installed: {INSTALL_HINT}")
    return program


_MEANINGFUL_MARKS = set("-–—+•.,;:()/%\"“”")
_BULLET_LOOKALIKE = compile_regex(r"^[eoc]?[®©°•«»¢·●○■□▪►❖✓✔➢]$")
# a round bullet read as a letter ("e Lồng ghép ...", "s Phối hợp ..."): a lone small letter that
# starts a line before a capital, which no Vietnamese sentence does with these letters
_BULLET_AS_LETTER = compile_regex(r"^[eosc]$")


def _words(tsv: str, scale: float) -> list[dict]:
    """Words with their box in points, tesseract's line id, and confidence; accent marks that
    tesseract read as words of their own (low confidence, no letter or digit) are left out."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        confidence = float(row.get("conf") or 0)
        if _BULLET_LOOKALIKE.match(text):
            text = "•"  # a bullet glyph read as "®", "e©", "°"
        elif not _LETTER_OR_DIGIT.search(text) and not set(text) <= _MEANINGFUL_MARKS and confidence < 60:
            continue
        elif len(text) <= 2 and confidence < 30 and not set(text) <= _MEANINGFUL_MARKS:
            continue  # "ˆ^", "z": accents and specks read as words
        left, top = float(row["left"]) / scale, float(row["top"]) / scale
        width, height = float(row["width"]) / scale, float(row["height"]) / scale
        words.append({"text": text, "x0": left, "x1": left + width, "top": top, "bottom": top + height,
                      "conf": confidence, "chars": (),
                      "line": (row["block_num"], row["par_num"], row["line_num"])})
    return words


def _rows(words: list[dict]) -> list[list[dict]]:
    """Tesseract's lines, merged when they share a row of the page (the two columns of a header)."""
    lines: dict[tuple, list[dict]] = {}
    for word in words:
        lines.setdefault(word["line"], []).append(word)
    spans = []
    for members in lines.values():
        tall = [w for w in members if _LETTER_OR_DIGIT.search(w["text"])] or members
        spans.append((statistics.median(w["top"] for w in tall), statistics.median(w["bottom"] for w in tall),
                      members))
    spans.sort(key=lambda span: (span[0], min(w["x0"] for w in span[2])))
    rows: list[tuple[float, float, list[dict]]] = []
    for top, bottom, members in spans:
        if rows:
            last_top, last_bottom, last = rows[-1]
            overlap = min(bottom, last_bottom) - max(top, last_top)
            if overlap > 0.5 * min(bottom - top, last_bottom - last_top):
                rows[-1] = (min(top, last_top), max(bottom, last_bottom), last + members)
                continue
        rows.append((top, bottom, list(members)))
    out = []
    for _, _, members in rows:
        members.sort(key=lambda w: w["x0"])
        out.append(members)
    return out


MIN_RESOLUTION = 100  # dpi: below it diacritics are lost, and the page is left out instead


def resolution_for(width_pt: float, height_pt: float, max_pixels: int) -> float:
    """The resolution to render a page at: RESOLUTION, or less when the page would take more than
    `max_pixels` (a page two metres wide at 300 dpi is 560 million pixels, 4 GB of memory)."""
    pixels = (width_pt / 72.0 * RESOLUTION) * (height_pt / 72.0 * RESOLUTION)
    if pixels <= max_pixels:
        return float(RESOLUTION)
    return RESOLUTION * (max_pixels / pixels) ** 0.5


def _recognise(image, number: int) -> str:
    """Tesseract's TSV for a greyscale PIL image."""
    program = tesseract()
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as folder:
        # uncompressed (PGM): the same pixels as a PNG, without a tenth of a second spent packing
        # them here and unpacking them in tesseract, per page
        path = Path(folder) / "page.pgm"
        image.save(path)
        try:
            done = run_program([program, str(path), "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                               timeout=TIMEOUT_SECONDS, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"OCR of page {number} took longer than {TIMEOUT_SECONDS} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        hint = message[-1] if message else f"exit status {done.returncode}"
        if "vie" in hint and ("Failed loading" in hint or "Error opening data file" in hint):
            raise InputError(f"tesseract has no Vietnamese data: {INSTALL_HINT}")
        raise InputError(f"OCR of page {number} failed: {hint}")
    return done.stdout.decode("utf-8", "replace")


def render(page, resolution: float):
    """A pdfium page as a greyscale PIL image at `resolution` dpi, drawn without smoothing, as
    pdfplumber drew the pages the seeds' scans were measured with; pdfium draws it in grey itself
    (the same pixels as a colour drawing turned grey on every page of the sample scans, in half
    the time)."""
    bitmap = page.render(scale=resolution / 72, no_smoothtext=True, no_smoothpath=True, no_smoothimage=True,
                         grayscale=True)
    return bitmap.to_pil().convert("L")


@dataclass
class PageScan:
    """A page rendered for OCR, waiting for tesseract: what `lines_of` needs to place its words."""

    image: Any
    number: int
    scale: float  # pixels per point
    width: float  # points, upright
    height: float


def render_for_ocr(page, number: int, diagnostics: Diagnostics, max_pixels: int = 50_000_000,
                   rotation: int = 0) -> PageScan | None:
    """A PDF page (pdfium's) rendered for OCR, turned `rotation` degrees clockwise first for text
    drawn sideways; None for a page too large to render within `max_pixels` (a diagnostic says so).
    pdfium is not thread-safe: pages are rendered one at a time, tesseract reads them in parallel."""
    width, height = float(page.get_width()), float(page.get_height())
    resolution = resolution_for(width, height, max_pixels)
    if resolution < MIN_RESOLUTION:
        diagnostics.warn("ocr_page_too_large", f"page {number} ({width / 72 * 2.54:.0f} x {height / 72 * 2.54:.0f} cm) "
                         f"left out of OCR: it would need more than {max_pixels / 1e6:g} million pixels even at "
                         f"{MIN_RESOLUTION} dpi", hint="raise --max-ocr-pixels to read it")
        return None
    if resolution < RESOLUTION:
        diagnostics.warn("ocr_resolution_lowered", f"page {number} is large: read by OCR at {resolution:.0f} dpi to "
                         f"stay within {max_pixels / 1e6:g} million pixels")
    image = render(page, resolution)
    if rotation:
        image = image.rotate(-rotation, expand=True)
        width, height = (height, width) if rotation % 180 else (width, height)
    return PageScan(image, number, resolution / 72.0, width, height)


def recognise(scan: PageScan) -> str:
    """Tesseract's TSV for a rendered page (runs in a worker thread: tesseract is a process of its own)."""
    return _recognise(scan.image, scan.number)


def lines_of(scan: PageScan, tsv: str, diagnostics: Diagnostics):
    """The lines of a rendered page from tesseract's TSV (a list of `lines.Line`)."""
    return _lines(tsv, scan.scale, scan.number, scan.width, scan.height, diagnostics)


def ocr_page(page, number: int, diagnostics: Diagnostics, max_pixels: int = 50_000_000, rotation: int = 0):
    """The lines of a PDF page (pdfium's) read by OCR, in this thread (a list of `lines.Line`)."""
    scan = render_for_ocr(page, number, diagnostics, max_pixels, rotation)
    return [] if scan is None else lines_of(scan, recognise(scan), diagnostics)


def ocr_image(data: bytes, diagnostics: Diagnostics, max_pixels: int = 50_000_000):
    """The lines of a picture given directly (a photographed or scanned page as JPEG, PNG, TIFF),
    read by OCR as one page; the picture's own resolution is taken as 300 dpi when it states none."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # checked here against the limit, with a message that names it
    try:
        picture = Image.open(io.BytesIO(data))
        width, height = picture.size
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"a picture that cannot be read ({exc})") from exc
    if width * height > max_pixels:
        raise InputError(f"the picture is {width} x {height} pixels, more than the limit of {max_pixels / 1e6:g} "
                         "million (raise it with --max-ocr-pixels)")
    try:
        picture.seek(0)
        image = picture.convert("L")
    except (OSError, ValueError) as exc:
        raise InputError(f"a picture that cannot be read ({exc})") from exc
    dpi = picture.info.get("dpi", (RESOLUTION, RESOLUTION))[0] or RESOLUTION
    scale = float(dpi) / 72.0
    return _lines(_recognise(image, 1), scale, 1, width / scale, height / scale, diagnostics)


def _lines(tsv: str, scale: float, number: int, width: float, height: float, diagnostics: Diagnostics):

    words = _words(tsv, scale)
    if not words:
        diagnostics.warn("ocr_no_text", f"page {number}: OCR found no text")
        return []
    confidence = sum(w["conf"] for w in words) / len(words)
    diagnostics.warn("ocr", f"page {number} read by OCR, mean word confidence {confidence:.0f}%",
                     hint="check names and numbers against the scan" if confidence < 80 else None)
    lines = []
    for index, row in enumerate(_rows(words), start=1):
        if len(row) > 1 and _BULLET_AS_LETTER.match(row[0]["text"]) and row[1]["text"][:1].isupper():
            row[0] = {**row[0], "text": "•"}
        line = Line(page=number, index=index, top=min(w["top"] for w in row), bottom=max(w["bottom"] for w in row),
                    x0=row[0]["x0"], x1=row[-1]["x1"], page_width=width, page_height=height)
        for part in split_row_columns(row):
            line.segments.append((_heading_marks(" ".join(w["text"] for w in part)), part[0]["x0"], part[-1]["x1"],
                                  False))
        lines.append(line)
    return lines


_TITLE_END = compile_regex(r"[ \t]*[.:]?[ \t]*$")


def _heading_marks(text: str) -> str:
    """A heading's marks a scan misread put back where its words are a role phrase's ("II. CHÍ
    TIỂU" -> "II. CHỈ TIÊU"): what a section's title and role are read from."""
    label = label_of(text)
    start = len(text) - len(label.rest) if label is not None else 0
    end = _TITLE_END.search(text, start)
    stop = end.start() if end is not None else len(text)
    spelled = with_its_marks(text[start:stop])
    return text if spelled is None else text[:start] + spelled + text[stop:]
