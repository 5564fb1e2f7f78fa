"""Readers turn a file's bytes into Blocks. The format is decided by the bytes, not the name."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from pathlib import PurePath

from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.limits import DEFAULT, Limits
from kehoach.models import InputFormat

_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
           (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"BM", "BMP"))
_MIME_HEADER = re.compile(rb"(?im)^(?:mime-version:\s*1\.0|content-type:\s*multipart/related)")


def image_kind(data: bytes) -> str | None:
    """"PNG", "JPEG", "TIFF", "GIF", "BMP", "WebP" for a picture's first bytes, or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return next((name for magic, name in _IMAGES if data.startswith(magic)), None)


def sniff(data: bytes) -> InputFormat:
    """"docx", "odt", "pdf", "doc", "rtf", "mhtml", "html", "image" or "txt" from the first bytes of
    a file. Portals serve RTF and "single file web pages" (MHTML) under a .doc name: the bytes tell."""
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "odt" if head[30:38] == b"mimetype" and b"opendocument.text" in head[38:100] else "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if image_kind(head):
        return "image"
    if _MIME_HEADER.search(head[:1024]) and b"multipart/" in head.lower():
        return "mhtml"
    lowered = stripped.lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (b"<body" in head.lower() and b"</" in head):
        return "html"
    return "txt"


_CP1258_TONE = compile_regex(r"(?<=[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY])[\u0300\u0301\u0303\u0309\u0323]")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (with or without a byte-order mark), UTF-16 with its mark, Windows
    Vietnamese (cp1258), or the one-byte legacy encodings TCVN3 and VNI (read as Latin-1 here and
    converted afterwards). Returns the text and, for a whole file in a legacy encoding, its name."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:  # an odd byte count, a lone surrogate: damaged, not a bug
            raise InputError(f"broken UTF-16 text (the file starts with a UTF-16 mark, but byte {exc.start} cannot be "
                             f"read: {exc.reason}): save the file again as UTF-8") from exc
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        raw = data.decode("cp1258")
    except UnicodeDecodeError:
        raw = ""
    # Windows Vietnamese writes tones as combining marks after the vowel: such text has them
    tones = len(_CP1258_TONE.findall(raw))
    if raw and tones > 0.01 * len(raw) and sum(c.isalpha() for c in raw) > 0.5 * len(raw.replace(" ", "")):
        return unicodedata.normalize("NFC", raw), None
    latin = data.decode("latin-1")
    from kehoach.normalize.encodings import detect_line

    votes = Counter(found for line in latin.split("\n") if (found := detect_line(line)))
    if votes and sum(votes.values()) >= 0.2 * sum(1 for line in latin.split("\n") if line.strip()):
        return latin, votes.most_common(1)[0][0]
    raise InputError(f"not text in a known encoding (byte {utf8_error.start} is not UTF-8, and the text is not "
                     "Windows Vietnamese, TCVN3 or VNI): save the file as UTF-8") from utf8_error


OCR_MODES = ("auto", "always", "never")
NO_TEXT = {
    "docx": "the Word document holds no text (only pictures? a scan pasted into Word is read when saved as PDF)",
    "odt": "the document holds no text (only pictures?)",
    "doc": "the Word document holds no text (only pictures, or not a Word document)",
    "rtf": "the RTF document holds no text",
}


def _read_kind(kind: str, data: bytes, diagnostics: Diagnostics, ocr: str, limits: Limits) -> list[Block] | None:
    """The blocks of a document in any format but text, or None for text."""
    if kind == "docx":
        from kehoach.readers.docx.document import read_docx

        return read_docx(data, diagnostics, max_part=limits.max_unzipped)
    if kind == "doc":
        if _ENCRYPTED_PACKAGE in data[:1 << 20]:
            from kehoach.readers.docx.document import PASSWORD_PROTECTED

            raise InputError(PASSWORD_PROTECTED)
        from kehoach.readers.doc import read_doc

        return read_doc(data, diagnostics, limits)
    if kind in ("rtf", "odt"):
        from kehoach.readers.doc import read_converted

        return read_converted(data, kind, diagnostics, limits)
    if kind == "pdf":
        from kehoach.readers.pdf import read_pdf

        return read_pdf(data, diagnostics, ocr=ocr, limits=limits)
    if kind == "html":
        from kehoach.readers.html import read_html

        return read_html(data, diagnostics)
    if kind == "mhtml":
        from kehoach.readers.html import read_mhtml

        return read_mhtml(data, diagnostics)
    if kind == "image":
        if ocr == "never":
            raise InputError(f"a picture ({image_kind(data)}), which is read by OCR: run with --ocr auto")
        from kehoach.readers.lines import pages_to_blocks
        from kehoach.readers.ocr import ocr_image

        lines = ocr_image(data, diagnostics, limits.max_ocr_pixels)
        if not lines:
            raise InputError(f"no text found in the picture ({image_kind(data)}) by OCR")
        return pages_to_blocks([lines], diagnostics)
    return None
_CONTROL = compile_regex(r"[\x00-\x08\x0e-\x1f\x7f]")


def _refuse_binary(text: str) -> None:
    """Bytes that decode as UTF-8 but are mostly control characters are binary data, not text."""
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > 0.1 * len(sample):
        raise InputError(f"binary data, not text ({controls} control characters in the first {len(sample)})")


# a character no Vietnamese document is written with: outside the Latin blocks (Vietnamese's letters
# among them), combining marks, punctuation, symbols and spaces. A class of code point ranges for
# the standard library's `re`, which finds the rare such character in C, far sooner than a
# Unicode-property class.
_FOREIGN = re.compile("[^\t-\r -~\u00a0-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u2bff\u3000-\u303f\uff00-\uffef]")
READABLE_SHARE = 0.5


def _refuse_unreadable(text: str) -> None:
    """Text that is mostly other scripts, private-use or unassigned characters is what a damaged
    file, or bytes read in the wrong encoding, turn into: refused, rather than parsed into an
    empty plan."""
    sample = text[:5000]
    foreign = len(_FOREIGN.findall(sample))
    if sample and foreign > (1 - READABLE_SHARE) * len(sample):
        raise InputError(f"the text is not readable: {foreign} of its first {len(sample)} characters are not Latin "
                         "letters, digits or punctuation (a damaged file, or an encoding kehoach does not read)")


_BINARY_SUFFIXES = {".docx": "a Word document", ".doc": "a Word 97-2003 document", ".pdf": "a PDF"}
# OLE2 files that hold an encrypted Office Open XML package (Word's "Encrypt with Password")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def read(data: bytes, diagnostics: Diagnostics, *, ocr: str = "auto", limits: Limits = DEFAULT,
         name: str = "") -> tuple[list[Block], InputFormat]:
    """The blocks of a document and its format name (as in the output's `source.format`).
    `ocr`: "auto" reads pages without a text layer by OCR, "always" every page, "never" none.
    `name` (a file name) only improves messages: the format is decided by the bytes."""
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}")
    if not data.strip():
        raise InputError("the file is empty" if not data else "the file holds nothing but white space")
    kind = sniff(data)
    blocks = _read_kind(kind, data, diagnostics, ocr, limits)
    if blocks is None:
        blocks, kind = _read_text(data, diagnostics, name)
    elif not any(block.text.strip() for block in blocks):
        raise InputError(NO_TEXT.get(kind, "the document holds no text"))
    if blocks:
        _refuse_unreadable(" ".join(block.text for block in blocks[:100]))
    return blocks, kind


def _read_text(data: bytes, diagnostics: Diagnostics, name: str) -> tuple[list[Block], InputFormat]:
    """The blocks of a text or markdown file, and which of the two it is."""
    try:
        text, legacy = decode(data)
        _refuse_binary(text)
    except InputError as exc:
        suffix = PurePath(name).suffix.lower()
        if suffix in _BINARY_SUFFIXES:  # say what the name promised, not only what the bytes are not
            raise InputError(f"named {suffix} but not {_BINARY_SUFFIXES[suffix]} (the file's first bytes are "
                             f"{data[:8].hex(' ')}); nor is it text: {exc}") from exc
        raise
    if "\x00" in text:
        text = text.replace("\x00", "")
    from kehoach.normalize.encodings import convert_text

    text, converted = convert_text(text, legacy)
    if converted:
        diagnostics.warn("legacy_encoding", f"{converted} line(s) in TCVN3 or VNI converted to Unicode")
    from kehoach.normalize.glyph_loss import repair_glyph_loss
    from kehoach.normalize.text import unify

    text, repaired = repair_glyph_loss(unify(text))  # unified after the legacy bytes became letters
    if repaired:
        diagnostics.warn("glyph_loss", f"the text lacks every Vietnamese letter its font lost; {repaired} structural "
                         "word(s) put back, names and titles left as printed",
                         hint="a cleaner copy of the document reads better")
    from kehoach.readers.text import looks_like_markdown, read_text

    return read_text(text, diagnostics), "md" if looks_like_markdown(text) else "txt"
