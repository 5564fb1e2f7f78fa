from __future__ import annotations

from kehoach.diagnostics import Diagnostics
from kehoach.readers import decode, sniff
from kehoach.readers.text import looks_like_markdown, read_text


def _read(text):
    diagnostics = Diagnostics()
    return read_text(text, diagnostics), diagnostics


def test_lines_become_blocks_with_line_numbers_and_blank_marks():
    blocks, _ = _read("KẾ HOẠCH\n\nThực hiện công tác\n")
    assert [(b.text, b.line, b.blank_before) for b in blocks] == [
        ("KẾ HOẠCH", 1, False), ("Thực hiện công tác", 3, True)]


def test_markdown_syntax_becomes_hints():
    blocks, diagnostics = _read("## **II. CHỈ TIÊU**\n- Báo cáo (*theo quy định*) về Sở\n")
    assert blocks[0].text == "II. CHỈ TIÊU"
    assert blocks[0].style.heading_level == 2 and blocks[0].style.bold
    assert blocks[1].text == "- Báo cáo (theo quy định) về Sở"
    assert diagnostics.has("markup_removed")


def test_stray_emphasis_after_a_sentence_is_dropped():
    blocks, _ = _read("triển khai thực hiện./. *Mai*\n**Nơi nhận:** *Mai*\n")
    assert [b.text for b in blocks] == ["triển khai thực hiện./.", "Nơi nhận:"]


def test_table_cells_are_blocks_of_their_own():
    blocks, _ = _read("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n")
    assert [(b.text, b.cell) for b in blocks] == [
        ("ỦY BAN NHÂN DÂN", (1, 0)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (1, 1))]


def test_literal_escaped_newlines_are_line_breaks():
    blocks, diagnostics = _read("\\r\\n Số: 54/KH-UBND \\r\\n\\r\\n Lạng Sơn \\r\\n1. Mục tiêu")
    assert [b.text for b in blocks] == ["Số: 54/KH-UBND", "Lạng Sơn", "1. Mục tiêu"]
    assert diagnostics.has("escaped_newlines")


def test_markdown_detection():
    assert looks_like_markdown("# A\n**b**\n## c\n")
    assert not looks_like_markdown("I. MỤC TIÊU\n- một\n")


def test_sniff_and_decode():
    assert sniff(b"%PDF-1.7") == "pdf"
    assert sniff(b"PK\x03\x04rest") == "docx"
    assert sniff("KẾ HOẠCH".encode()) == "txt"
    assert decode("\ufeffKẾ HOẠCH".encode()) == ("KẾ HOẠCH", None)
    assert decode("KẾ HOẠCH".encode("utf-16")) == ("KẾ HOẠCH", None)


def test_a_numbered_heading_s_bold_span_wrapped_over_two_lines_is_one_line_in_any_numbering():
    for label in ("2.", "2)", "II.", "2/", "a)"):
        blocks, _ = _read(f"**{label} Sở\nKhoa học và Công nghệ**\n\nBám sát các nhiệm vụ.\n")
        first = blocks[0]
        assert (first.text, first.line, first.end_line) == (f"{label} Sở Khoa học và Công nghệ", 1, 2), label
    blocks, _ = _read("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n")  # a signature's lines in one bold span stay two
    assert [b.text for b in blocks] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    blocks, _ = _read("**- Tuyên truyền\nvận động**\n")  # nor a list item's
    assert len(blocks) == 2
