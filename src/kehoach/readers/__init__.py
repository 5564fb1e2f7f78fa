"""Readers turn a file's bytes into Blocks. The format is decided by the bytes, not the name."""

from __future__ import annotations

import codecs

from kehoach.blocks import Block
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError


def sniff(data: bytes) -> str:
    """"docx", "pdf", "doc", "html" or "txt" from the first bytes of a file."""
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or (b"<body" in head.lower() and b"</" in head):
        return "html"
    return "txt"


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}): save the file as UTF-8") from exc


def read(data: bytes, diagnostics: Diagnostics) -> tuple[list[Block], str]:
    """The blocks of a document and its format name (as in the output's `source.format`)."""
    if not data.strip():
        raise InputError("the file is empty")
    kind = sniff(data)
    if kind == "docx":
        from kehoach.readers.docx import read_docx

        return read_docx(data, diagnostics), "docx"
    if kind == "doc":
        from kehoach.readers.doc import read_doc

        return read_doc(data, diagnostics), "doc"
    if kind == "pdf":
        from kehoach.readers.pdf import read_pdf

        return read_pdf(data, diagnostics), "pdf"
    if kind == "html":
        from kehoach.readers.html import read_html

        return read_html(data, diagnostics), "html"
    text = decode(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
    from kehoach.readers.text import looks_like_markdown, read_text

    blocks = read_text(text, diagnostics)
    return blocks, "md" if looks_like_markdown(text) else "txt"
