#!/usr/bin/env python3
"""What kehoach's parse is measured against: the libraries' own reading of a file.

    python benchmarks/baselines.py docx FILE   # python-docx: open, read every paragraph and cell
    python benchmarks/baselines.py pdf FILE    # pdfplumber: extract_text of every page

Run as a script it imports nothing else, so a whole process costs what a user of the library pays.
"""

from __future__ import annotations

import sys


def docx_read(path: str) -> None:
    import docx

    document = docx.Document(path)
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]


def pdf_read(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


if __name__ == "__main__":
    {"docx": docx_read, "pdf": pdf_read}[sys.argv[1]](sys.argv[2])
