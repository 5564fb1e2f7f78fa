"""Hard limits on what one input may cost, with defaults a user can raise.

kehoach runs unattended on whatever folders it is pointed at: a 2 GB file, a PDF that declares
10,000 pages, a zip whose document expands to gigabytes, a page two metres wide rendered for OCR
or a scan of a whole archive must end in a clear message, not in an exhausted machine. Every limit
names the option that raises it; on the command line `0` means "no limit" for each of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MB = 1024 * 1024
UNLIMITED = 1 << 62  # a count no input reaches: what `0` ("no limit") on the command line stands for


class OcrMode(StrEnum):
    """Which PDF pages are read by OCR."""

    auto = "auto"  # pages without a usable text layer
    always = "always"  # every page (a text layer that cannot be trusted)
    never = "never"  # none: a scanned page is left out with a diagnostic


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 100 * MB  # an input file (plans are kilobytes; scans a few megabytes)
    max_pages: int = 2000  # pages of a PDF
    max_ocr_pages: int = 200  # PDF pages read by OCR (about 3 s each)
    max_unzipped: int = 200 * MB  # one part of a .docx once unzipped, one PDF content stream once decompressed
    max_operators: int = 300_000  # content-stream operators of one PDF page (a dense text page has a few thousand)
    max_ocr_pixels: int = 50_000_000  # one page rendered for OCR (A4 at 300 dpi is 8.7 million, A2 35 million)
    # address space of the process that parses a file (`kehoach.isolation`); None: no cap
    max_memory: int | None = 2048 * MB
    timeout: float | None = 300.0  # seconds per file in a batch and on the command line; None: none
    # pages of one scan read by OCR at once (each a tesseract process); None: one per core
    ocr_workers: int | None = None

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_ocr_pages", "max_unzipped", "max_operators", "max_ocr_pixels"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError("timeout must be positive (None for no limit)")
        if self.ocr_workers is not None and self.ocr_workers < 1:
            raise ValueError("ocr_workers must be at least 1 (None for one per core)")
        if self.max_memory is not None and self.max_memory <= 0:
            raise ValueError("max_memory must be positive (None for no cap)")

    @classmethod
    def from_options(cls, *, max_size: float, max_pages: int, max_ocr_pages: int, max_unzipped: float,
                     max_operators: int, max_ocr_pixels: float, max_memory: float, timeout: float) -> Limits:
        """Limits from command-line values (sizes in MB, pixels in millions), where 0 means no limit."""
        def count(value: float, scale: int = 1) -> int:
            return int(value * scale) if value else UNLIMITED

        return cls(max_bytes=count(max_size, MB), max_pages=count(max_pages), max_ocr_pages=count(max_ocr_pages),
                   max_unzipped=count(max_unzipped, MB), max_operators=count(max_operators),
                   max_ocr_pixels=count(max_ocr_pixels, 1_000_000),
                   max_memory=int(max_memory * MB) if max_memory else None, timeout=timeout or None)


DEFAULT = Limits()


def megabytes(count: int) -> str:
    """A size for messages: "100 MB", "2.5 MB", "7 KB", "512 bytes"."""
    if count >= MB:
        return f"{count / MB:.1f}".removesuffix(".0") + " MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"
