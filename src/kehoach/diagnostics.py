"""Diagnostics are data: every oddity a stage meets is recorded with a code, never printed.

Each code is listed here with what it means; `docs/diagnostics.md` is checked against this table
by the tests, so a new code cannot ship undocumented.
"""

from __future__ import annotations

from kehoach.models import Diagnostic, DiagnosticLevel, Source

CODES: dict[str, str] = {
    "escaped_newlines": "the text had literal '\\r\\n' escapes (a web page's source); they were read as line breaks",
    "markup_removed": "markdown or emphasis syntax (#, **, *x*) was removed from the text",
    "site_metadata_removed": "a website's metadata block (Số hiệu, Người ký, Lĩnh vực ...) was left out",
    "site_text_removed": "lines a website adds around a document (banners, log-in prompts, footers) were left out",
    "text_before_header": "lines before the document's header (page titles, lists of related documents) were left out",
    "page_number_removed": "a page number standing alone on a line was left out",
    "glyph_loss": "the text's font lost the Vietnamese letters; the words that carry its structure were put back",
    "attached_document": "a document carried after the signature (a decision's plan) was read as the body",
    "label_restored": "a numbered heading whose number a scan lost or misread was given the next number of its list",
    "page_mark_removed": "a document-sharing site's page mark glued to the text ('Trang 1', '(1)') was left out",
    "truncated": "the text is cut ('[...]' or an unfinished last sentence): later parts of the plan are missing",
    "flattened_text": "the document was flattened onto one line; it was split at its header and numbering",
    "no_header": "no header block (issuer, number, place and date) was found",
    "no_number": "the header prints no document number",
    "blank_number": "the document number is left blank ('Số: /KH-...'), as before signing",
    "blank_date": "the day or month of the date is left blank ('ngày   tháng 4 năm 2024')",
    "no_title": "no title line was found under the document type",
    "not_a_plan": "the document is not a plan (Kế hoạch): it is parsed as far as it goes, doc_type says what it is",
    "unknown_doc_type": "the document type could not be read; doc_type is a guess",
    "label_jump": "a numbered label skips numbers (10 -> 13); both are kept as printed",
    "label_repeat": "a numbered label is used twice in a row (18, 18); both are kept as printed",
    "label_without_space": "a label is glued to its text ('I.MỤC TIÊU'); it was read as a label",
    "scheme_out_of_order": "a numbering scheme is used above one that normally contains it",
    "stray_fragment_removed": "a fragment of a broken conversion (a lone letter, '*Mai*') was left out",
    "no_sections": "no numbered section was found in the body",
    "no_signature": "no signature block was found",
    "legacy_encoding": "text in a legacy Vietnamese encoding (TCVN3/ABC or VNI) was converted to Unicode",
    "page_unreadable": "a PDF page could not be read; the other pages were",
    "numbering_damaged": "a Word file's numbering definitions are damaged: the text is read, some numbered "
                         "paragraphs without their labels",
    "styles_damaged": "a Word file's styles are damaged: the text is read, some paragraphs without what their style "
                      "gives them (heading level, numbering, font)",
    "pdf_damaged": "the PDF's structure is damaged; the PDF library worked around it (the message gives the first "
                   "problem and how many there were)",
    "ocr": "a page without a text layer was read by OCR; the message gives the mean word confidence",
    "ocr_no_text": "OCR found no text on a scanned page",
    "implausible_date": "a date has a year far from the document's (a typo kept as printed)",
    "page_too_complex": "a PDF page is drawn with more content-stream operators than --max-operators allows; it was "
                        "left out (the other pages were read)",
    "text_layer_unusable": "a PDF page's text layer cannot be used (glyph numbers with no letters, text running "
                           "sideways); the page was read by OCR instead, unless --ocr never",
    "ocr_page_too_large": "a PDF page is too large to render for OCR within --max-ocr-pixels, even at 100 dpi; it was "
                          "left out",
    "ocr_resolution_lowered": "a large PDF page was rendered for OCR below 300 dpi to stay within --max-ocr-pixels",
    "embedded_part_read": "a Word file holds part of its body as an embedded file (altChunk: HTML, text, Word); it "
                          "was read in its place",
    "embedded_part_skipped": "a Word file holds part of its body as an embedded file of a kind kehoach does not read; "
                             "it was left out",
    "strict_ooxml": "the Word file is in Strict Open XML; it was read as the usual (transitional) form",
}


class Diagnostics:
    """A list of diagnostics that stages add to; repeated codes keep their first few places."""

    PER_CODE = 20

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self._counts: dict[str, int] = {}

    def add(self, level: DiagnosticLevel, code: str, message: str, source: Source | None = None,
            hint: str | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"undocumented diagnostic code {code!r}")
        seen = self._counts.get(code, 0)
        self._counts[code] = seen + 1
        if seen < self.PER_CODE:
            self.items.append(Diagnostic(level=level, code=code, message=message, source=source, hint=hint))

    def warn(self, code: str, message: str, source: Source | None = None, hint: str | None = None) -> None:
        self.add(DiagnosticLevel.warning, code, message, source, hint)

    def error(self, code: str, message: str, source: Source | None = None, hint: str | None = None) -> None:
        self.add(DiagnosticLevel.error, code, message, source, hint)

    def has(self, code: str) -> bool:
        return code in self._counts

    def count(self, code: str) -> int:
        """How many times `code` was reported, the ones past the first few included."""
        return self._counts.get(code, 0)
