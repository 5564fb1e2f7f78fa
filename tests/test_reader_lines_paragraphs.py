"""Where a PDF or a scan starts a paragraph, read from the lines' geometry (readers/lines.py)."""

from __future__ import annotations

from kehoach.normalize.text import clean
from kehoach.readers.lines import Line, lines_to_blocks


def _line(text: str, x0: float, x1: float, top: float, index: int) -> Line:
    return Line(page=1, index=index, top=top, bottom=top + 14, x0=x0, x1=x1, segments=[(text, x0, x1, False)],
                page_width=595, page_height=842)


def _starts(lines: list[Line]) -> list[bool]:
    return [block.blank_before for block in lines_to_blocks([lines])]


def test_a_line_short_of_the_margin_by_less_than_the_next_word_wraps():
    """Justified text can stop short of the margin where the next word did not fit."""
    lines = [_line("Huy động sự tham gia của các tổ chức chính trị-xã hội nhất là", 57, 540, 100, 1),
             _line("Hội Liên hiệp Phụ nữ, Đoàn thanh niên, Ủy ban Mặt trận Tổ quốc các cấp cùng", 57, 566, 116, 2),
             _line("tham gia tư vấn, vận động người dân.", 57, 300, 132, 3),
             _line("Một đoạn mới bắt đầu ở đây và chạy tới lề phải của trang giấy in ra.", 57, 566, 148, 4)]
    assert _starts(lines)[1:] == [False, False, True]


def test_a_line_set_in_under_an_indented_line_continues_it():
    """"4. Huy động ..." set in from the margin, its next lines further in: one item."""
    lines = [_line("Một dòng thường của văn bản chạy từ lề trái tới lề phải của trang.", 57, 566, 52, 0),
             _line("Dòng thứ hai của đoạn văn bản thường cũng chạy tới lề phải trang.", 57, 566, 68, 0),
             _line("Dòng thứ ba của đoạn văn bản thường cũng chạy tới lề phải trang.", 57, 566, 84, 0),
             _line("Dòng thứ tư của đoạn văn bản thường cũng chạy tới lề phải trang.", 57, 566, 100, 1),
             _line("4. Huy động sự tham gia phối hợp vào cuộc của các tổ chức nhất là", 78, 566, 116, 2),
             _line("Hội Liên hiệp Phụ nữ, Đoàn thanh niên, Ủy ban Mặt trận Tổ quốc", 92, 566, 132, 3)]
    assert _starts(lines)[5] is False


def test_a_symbol_fonts_bullet_is_a_bullet():
    assert clean("\uf0b7 Nâng cao hiệu quả") == "\u2022 Nâng cao hiệu quả"
    assert clean("a\uf0b7 b") == "a\uf0b7 b"  # only where a line starts
