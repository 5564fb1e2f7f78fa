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
from pathlib import Path

import regex

from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError

# patterns used in loops, compiled once
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\d]")

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
_BULLET_LOOKALIKE = regex.compile(r"^[eoc]?[®©°•«»¢·●○■□▪►❖✓✔➢]$")


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


def ocr_page(page, number: int, diagnostics: Diagnostics):
    """The lines of a page read by OCR (a list of `pdf.Line`)."""
    from kehoach.readers.pdf import Line, _split_columns

    program = tesseract()
    scale = RESOLUTION / 72.0
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as folder:
        image = Path(folder) / "page.png"
        page.to_image(resolution=RESOLUTION).original.convert("L").save(image)
        try:
            done = subprocess.run([program, str(image), "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                                  capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # threads only contend here
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"OCR of page {number} took longer than {TIMEOUT_SECONDS} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        hint = message[-1] if message else f"exit status {done.returncode}"
        if "vie" in hint and ("Failed loading" in hint or "Error opening data file" in hint):
            raise InputError(f"tesseract has no Vietnamese data: {INSTALL_HINT}")
        raise InputError(f"OCR of page {number} failed: {hint}")
    words = _words(done.stdout.decode("utf-8", "replace"), scale)
    if not words:
        diagnostics.warn("ocr_no_text", f"page {number}: OCR found no text")
        return []
    confidence = sum(w["conf"] for w in words) / len(words)
    diagnostics.warn("ocr", f"page {number} read by OCR, mean word confidence {confidence:.0f}%",
                     hint="check names and numbers against the scan" if confidence < 80 else None)
    lines = []
    for index, row in enumerate(_rows(words), start=1):
        line = Line(page=number, index=index, top=min(w["top"] for w in row), bottom=max(w["bottom"] for w in row),
                    x0=row[0]["x0"], x1=row[-1]["x1"], page_width=float(page.width), page_height=float(page.height))
        for part in _split_columns(row):
            line.segments.append((" ".join(w["text"] for w in part), part[0]["x0"], part[-1]["x1"], False))
        lines.append(line)
    return lines
