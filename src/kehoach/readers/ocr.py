"""OCR of scanned PDF pages with tesseract's Vietnamese model.

A page is rendered at 300 dpi (diacritics need the resolution), read by tesseract as TSV (one row
per word with its box and confidence), and the words go through the same line and column grouping
as a PDF's text layer. The mean word confidence of each page is reported as a diagnostic.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError

RESOLUTION = 300
TIMEOUT_SECONDS = 180
LANGUAGE = "vie"
INSTALL_HINT = "install tesseract with its Vietnamese data (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"


def tesseract() -> str:
    program = shutil.which("tesseract")
    if program is None:
        raise InputError(f"this PDF is a scan and reading it needs tesseract, which is not installed: {INSTALL_HINT}")
    return program


def _words(tsv: str, scale: float) -> list[dict]:
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = float(row["left"]) / scale, float(row["top"]) / scale
        width, height = float(row["width"]) / scale, float(row["height"]) / scale
        words.append({"text": text, "x0": left, "x1": left + width, "top": top, "bottom": top + height,
                      "conf": float(row.get("conf") or 0), "chars": ()})
    return words


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
                                  capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
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
    words.sort(key=lambda w: (w["top"], w["x0"]))
    rows: list[list[dict]] = []
    for word in words:
        # a line's words share most of their height; tesseract's boxes vary more than a PDF's
        if rows and word["top"] < (rows[-1][0]["top"] + rows[-1][0]["bottom"]) / 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for index, row in enumerate(rows, start=1):
        row.sort(key=lambda w: w["x0"])
        line = Line(page=number, index=index, top=min(w["top"] for w in row), bottom=max(w["bottom"] for w in row),
                    x0=row[0]["x0"], x1=row[-1]["x1"], page_width=float(page.width), page_height=float(page.height))
        for part in _split_columns(row):
            line.segments.append((" ".join(w["text"] for w in part), part[0]["x0"], part[-1]["x1"], False))
        lines.append(line)
    return lines
