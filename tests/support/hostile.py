"""Hostile and unusual inputs, built in the test's folder: PDFs written object by object, so that
each case is exactly the one the test names (a stream that inflates to a gigabyte, a page two
metres wide, a million text operators)."""

from __future__ import annotations

import zlib
from pathlib import Path

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF file of these objects (1: the catalog)."""
    path.write_bytes(pdf_bytes(objects))
    return path


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1: the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data: bytes, compressed: bytes | None = None) -> bytes:
    data = compressed if compressed is not None else zlib.compress(data, 9)
    return f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"


def pages(path: Path, contents: list[bytes], size: tuple[float, float] = (595, 842), font: bytes = HELVETICA,
          compressed: bytes | None = None) -> Path:
    """A PDF with one page per content stream, all sharing font F1."""
    count = len(contents)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font_id = 3 + 2 * count
    for index, content in enumerate(contents):
        page_id = 3 + 2 * index
        kids.append(f"{page_id} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] /Resources << /Font << "
                       f"/F1 {font_id} 0 R >> >> /Contents {page_id + 1} 0 R >>".encode())
        objects.append(stream(content, compressed))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    objects.append(font)
    return pdf(path, objects)


def text_lines(lines: list[str], encoding: str = "cp1252", matrix: str = "") -> bytes:
    """A content stream drawing each line under the one before."""
    def literal(text: str) -> bytes:
        return text.encode(encoding).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    start = f"{matrix} Tm " if matrix else "60 780 Td "
    return (b"BT /F1 12 Tf " + start.encode() + b" ".join(b"(" + literal(line) + b") Tj 0 -20 Td" for line in lines)
            + b" ET")


def inflating_to(megabytes: int) -> bytes:
    """Deflated data that inflates to `megabytes` MB of spaces (a decompression bomb)."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


def cid_font_objects(first_id: int) -> list[bytes]:
    """A Type0 font with Identity-H encoding and no ToUnicode map (ids first_id .. first_id + 2)."""
    return [f"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H /DescendantFonts "
            f"[{first_id + 1} 0 R] >>".encode(),
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo /CIDSystemInfo << /Registry (Adobe) /Ordering "
            f"(Identity) /Supplement 0 >> /FontDescriptor {first_id + 2} 0 R /DW 500 >>".encode(),
            b"<< /Type /FontDescriptor /FontName /Foo /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 "
            b"/Descent -200 /CapHeight 700 /StemV 80 >>"]


# TCVN3 (.VnTime) bytes of a small plan, as a legacy font's text layer holds them
TCVN3_PLAN = ["UBND HUYÖN Mü XUY£N", "Sè: 12/KH-UBND", "Mü Xuyªn, ngµy 5 th¸ng 3 n¨m 2024", "KÕ HO¹CH",
              "Thùc hiÖn c«ng t¸c phßng, chèng m¹i d©m n¨m 2024", "I. MôC §ÝCH, Y£U CÇU",
              "1. §¹t 100% x· cã kÕ ho¹ch", "II. CHØ TI£U", "- Ýt nhÊt 70% c¸n bé ®­îc tËp huÊn"]
