"""Saved web pages and legacy encodings."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach import parse
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.normalize.encodings import decode_tcvn3, decode_vni, detect_line, encode_tcvn3, font_encoding
from kehoach.readers import read
from tests.conftest import FIXTURES, plan_text


def test_saved_web_page():
    plan = parse(FIXTURES / "plans" / "saved_page.html")
    assert plan.source.format == "html"
    assert (plan.header.issuer, plan.header.number, plan.header.date) == (
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "1295/KH-UBND", "2016-06-17")
    codes = {d.code for d in plan.diagnostics}
    assert {"site_text_removed", "site_metadata_removed", "text_before_header"} <= codes
    assert plan.signature.signer == "Bùi Quang Cẩm" and plan.recipients == ["Bộ LĐTBXH", "Lưu: VT"]
    every_text = " ".join(s.title + s.text for s in plan.walk_sections())
    assert "Trang chủ" not in every_text and "Chủ quản" not in every_text


def test_html_tables_are_cells():
    blocks, fmt = read(b"<html><body><table><tr><td>A</td><td><b>B</b> c</td></tr></table><p>D</p></body></html>",
                       Diagnostics())
    assert fmt == "html"
    assert [(b.text, b.cell) for b in blocks] == [("A", (1, 0)), ("B c", (1, 1)), ("D", None)]


def test_a_column_span_that_is_not_decimal_counts_as_one():
    blocks, _ = read(b"<html><body><table><tr><td colspan='&sup2;'>A</td><td>B</td></tr></table></body></html>",
                     Diagnostics())
    assert [(b.text, b.cell) for b in blocks] == [("A", (1, 0)), ("B", (1, 1))]


PLAN = plan_text("ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-UBND",
                 "Hà Nam, ngày 5 tháng 3 năm 2001", "KẾ HOẠCH", "Phòng chống ma túy năm 2001", "I. MỤC TIÊU",
                 "- Giảm 10% số người nghiện.")


def test_a_tcvn3_text_file():
    plan = parse(encode_tcvn3(PLAN))
    assert (plan.header.issuer, plan.header.number, plan.header.title) == (
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "12/KH-UBND", "Phòng chống ma túy năm 2001")
    assert plan.targets[0].text == "Giảm 10% số người nghiện."
    assert "legacy_encoding" in {d.code for d in plan.diagnostics}


def test_a_vni_line_in_a_unicode_file_is_converted_alone():
    text = plan_text("KẾ HOẠCH", "Phòng chống ma túy", "I. MỤC TIÊU", "- Taêng cöôøng tuyeân truyeàn phoøng choáng.",
                     "- Tăng cường kiểm tra.")
    plan = parse(text.encode(), name="mixed.txt")
    assert plan.sections[0].items == ["Tăng cường tuyên truyền phòng chống.", "Tăng cường kiểm tra."]


def _cp1258(text: str) -> bytes:
    """Windows Vietnamese: precomposed where the code page has the letter, else base and tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def test_a_windows_1258_file():
    plan = parse(_cp1258(PLAN))
    assert plan.header.title == "Phòng chống ma túy năm 2001"


def test_unknown_encoding_is_a_clear_error():
    with pytest.raises(InputError, match="not text in a known encoding"):
        read(bytes((i * 37 + 11) % 256 for i in range(3000)), Diagnostics())


def test_font_names():
    assert font_encoding(".VnTime") == "tcvn3" and font_encoding(".VnTimeH") == "tcvn3_upper"
    assert font_encoding("VNI-Times") == "vni" and font_encoding("Times New Roman") is None


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ,.",
               min_size=1, max_size=60))
def test_unicode_vietnamese_is_never_taken_for_a_legacy_encoding(text):
    assert detect_line(text) is None


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ",
               min_size=1, max_size=40))
def test_tcvn3_round_trip(text):
    assert decode_tcvn3(encode_tcvn3(text).decode("latin-1")) == text


def test_vni_pairs():
    assert decode_vni("Ñoàng Thaùp, Quaûng Ngaõi, Hueá") == "Đồng Tháp, Quảng Ngãi, Huế"
