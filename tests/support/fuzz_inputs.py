"""Fuzz inputs shared by the hypothesis tests and the atheris targets in fuzz/.

A fuzzer's bytes go to one reader at a time, wrapped so that they reach its insides rather than
its front door: as the document part of a zip (DOCX), after a PDF or HTML opening, or as text.
`check` is the property: parsing ends in a Plan or in an InputError (one clear line), never in
another exception.
"""

from __future__ import annotations

import contextlib
import io
import zipfile

from kehoach.errors import InputError
from kehoach.limits import Limits
from kehoach.pipeline import parse

TARGETS = ("bytes", "text", "docx_xml", "docx_zip", "pdf", "html")
# small limits: a fuzzer's input must not cost a minute, and limits are part of what is tested
LIMITS = Limits(max_bytes=1024 * 1024, max_pages=50, max_ocr_pages=0, max_unzipped=4 * 1024 * 1024, timeout=None)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc goes to LibreOffice: too slow for a fuzzer


def docx_with(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def build(target: str, payload: bytes) -> bytes:
    """The file a fuzzer's payload becomes for one target."""
    if target == "text":
        return payload.decode("utf-8", "replace").encode("utf-8")
    if target == "docx_xml":
        return docx_with(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body>' + payload + b"</w:body></w:document>")
    if target == "docx_zip":
        return b"PK\x03\x04" + payload
    if target == "pdf":
        return b"%PDF-1.4\n" + payload
    if target == "html":
        return b"<!DOCTYPE html><html><body>" + payload
    return payload


def check(target: str, payload: bytes) -> None:
    """Parse the built file; anything but a Plan or an InputError propagates (a crash to keep)."""
    data = build(target, payload)
    if data.startswith(OLE2):
        return
    with contextlib.suppress(InputError):
        parse(data, name=f"fuzz.{target}", ocr="never", limits=LIMITS)
