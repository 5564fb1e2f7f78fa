from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.blocks import Block
from kehoach.classify import classify
from kehoach.diagnostics import Diagnostics
from kehoach.layout import drop_debris, join_header_fragments, split_flattened
from kehoach.paragraphs import reflow


def _blocks(*lines, blank_before=()):
    return [Block(text=t, line=i + 1, end_line=i + 1, blank_before=i in blank_before) for i, t in enumerate(lines)]


def _reflow(*lines, blank_before=()):
    return [line.text for line in reflow(classify(_blocks(*lines, blank_before=blank_before)))]


def test_lines_broken_by_the_page_width_are_joined():
    assert _reflow("Căn cứ Luật tổ chức chính quyền địa", "phương ngày 19 tháng 6 năm 2015;") == [
        "Căn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"]


def test_a_lower_case_line_continues_across_a_page_break():
    assert _reflow("- Tiếp nhận và sử dụng ... phòng ngừa lây", "những bệnh xã hội.", blank_before={1}) == [
        "- Tiếp nhận và sử dụng ... phòng ngừa lây những bệnh xã hội."]


def test_labels_and_openers_start_new_paragraphs():
    assert _reflow("I. MỤC TIÊU", "1. Mục tiêu chung", "- Tăng cường") == ["I. MỤC TIÊU", "1. Mục tiêu chung",
                                                                         "- Tăng cường"]
    assert _reflow("Căn cứ Luật A ngày 1/1/2015", "Căn cứ Nghị định") == ["Căn cứ Luật A ngày 1/1/2015",
                                                                        "Căn cứ Nghị định"]


def test_a_short_heading_is_not_continued_by_its_paragraph():
    assert _reflow("1. Mục đích", "Xác định các", "vùng có thể xảy ra hạn hán.") == [
        "1. Mục đích", "Xác định các vùng có thể xảy ra hạn hán."]


def test_a_heading_in_capitals_wrapped_by_the_page_is_joined():
    assert _reflow("I. CĂN CỨ XÂY DỰNG", "KẾ HOẠCH", "1. Quyết định") == ["I. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
                                                                      "1. Quyết định"]


def test_a_number_split_from_its_type_word_is_joined():
    assert _reflow("lần thứ tư và Quyết định số", "605/QĐ-UBND ngày 16/3/2021;") == [
        "lần thứ tư và Quyết định số 605/QĐ-UBND ngày 16/3/2021;"]


def test_an_item_broken_after_its_colon_is_joined():
    assert _reflow("- Đến năm 2030:", "tỷ lệ suy dinh dưỡng dưới 22%.") == [
        "- Đến năm 2030: tỷ lệ suy dinh dưỡng dưới 22%."]


def test_website_debris_is_dropped_and_reported():
    diagnostics = Diagnostics()
    kept, truncated = drop_debris(_blocks(
        "Số hiệu 1295/KH-UBND", "Ngày ban hành 17/06/2016", "Hệ thống pháp luật", "3", "-------",
        "KẾ HOẠCH", "[...]", "- Y*"), diagnostics)
    assert [b.text for b in kept] == ["KẾ HOẠCH"]
    assert truncated
    for code in ("site_metadata_removed", "site_text_removed", "page_number_removed", "truncated"):
        assert diagnostics.has(code)


def test_a_single_metadata_like_sentence_is_kept():
    kept, _ = drop_debris(_blocks("KẾ HOẠCH", "Lĩnh vực Văn hóa - Xã hội", "I. MỤC TIÊU"), Diagnostics())
    assert len(kept) == 3


def test_header_lines_broken_by_table_cells_are_joined():
    joined = join_header_fragments(_blocks("ỦY", "BAN NHÂN DÂN", "TỈNH BÌNH THUẬN", "CỘNG",
                                           "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:", "2578/KH-UBND", "Bình",
                                           "Thuận, ngày 10 tháng 7 năm 2017"))
    assert [b.text for b in joined] == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH THUẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                        "Số: 2578/KH-UBND", "Bình Thuận, ngày 10 tháng 7 năm 2017"]
    assert joined[0].end_line == 2


def test_a_flattened_document_is_split_at_its_structure():
    line = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM XÃ PHÚ MẬU Độc lập – Tự do – Hạnh phúc "
            "KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI NĂM 2014 Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm "
            "2013; Theo văn bản chỉ đạo số 2731/UBND-NN ngày 20 tháng 5 năm 2014. A. Mục đích yêu cầu: "
            "1. Nhằm tuyên truyền.")
    diagnostics = Diagnostics()
    pieces = [b.text for b in split_flattened(_blocks(line), diagnostics)]
    assert pieces[0] == "ỦY BAN NHÂN DÂN"
    assert "XÃ PHÚ MẬU" in pieces
    assert "KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI NĂM 2014" in pieces
    assert any(p.startswith("Căn cứ Luật") for p in pieces)
    assert any(p.startswith("A. Mục đích") for p in pieces) and pieces[-1] == "1. Nhằm tuyên truyền."
    assert diagnostics.has("flattened_text")


def test_thousands_of_lines_joined_into_one_paragraph_stay_linear():
    """Labels stop at three digits, so "1000. ..." lines join the paragraph before: each join must
    not re-read the paragraph (this took minutes before). The test timeout guards it."""
    lines = [f"{index}. Nhiệm vụ số {index}" for index in range(1, 20001)]
    joined = reflow(classify(_blocks(*lines)))
    assert len(joined) == 999 and joined[-1].block.end_line == 20000  # "999." takes the lines after it


def test_blocks_are_frozen():
    """A stage that alters a block makes a new one: the one it was given is shared."""
    from dataclasses import FrozenInstanceError

    block = Block("x", line=1)
    with pytest.raises(FrozenInstanceError):
        block.text = "y"  # type: ignore[misc]
    assert block.with_text("y") == Block("y", line=1) and block.text == "x"


_LOCATION = st.none() | st.integers(min_value=1, max_value=500)


@given(line=_LOCATION, end_line=_LOCATION, page=_LOCATION, end_page=_LOCATION, paragraph=_LOCATION,
       cell=st.none() | st.tuples(st.integers(0, 9), st.integers(0, 9)))
def test_a_blocks_source_names_what_the_block_knows(line, end_line, page, end_page, paragraph, cell):
    """`source()` names the fields a block has. A PDF block's row is the reader's internal key for a
    line split into columns, not a table's row: it is left out."""
    from kehoach.models import Source

    block = Block("x", line=line, end_line=end_line, page=page, paragraph=paragraph, end_page=end_page, cell=cell)
    assert block.source() == Source(
        line=line, end_line=end_line if end_line is not None else line, page=page,
        end_page=end_page if end_page not in (None, page) else None, paragraph=paragraph,
        row=cell[0] if cell and page is None else None, column=cell[1] if cell else None)


def test_a_table_given_one_cell_a_line_becomes_cells():
    from kehoach.flat_tables import unflatten_tables
    lines = ["TT", "Chỉ tiêu", "%", "1", "Tỷ lệ A", "%", "80", "2", "Tỷ lệ B", "%", "70", "3", "Tỷ lệ C", "%", "60",
             "4", "Tỷ lệ D"]
    cells = [block.cell for block in unflatten_tables(_blocks(*lines))]
    assert cells[:3] == [None, None, None]  # the header is no row
    assert [cell[1] for cell in cells[3:15]] == [0, 1, 2, 3] * 3
    assert len({cell[0] for cell in cells[3:15]}) == 3
    assert cells[15:] == [None, None]  # a last row the page cut short stays lines
    kept, _ = drop_debris(_blocks(*lines), Diagnostics())
    assert "80" in [block.text for block in kept]
    # a whole last row ends in a short value, and the text after the table stays text
    after = [*lines[:15], "4", "Tỷ lệ D", "%", "50", "II. NHIỆM VỤ", "Tuyên truyền sâu rộng trong Nhân dân."]
    cells = [block.cell for block in unflatten_tables(_blocks(*after))]
    assert cells[15] is not None and cells[18] is not None and cells[19:] == [None, None]


def test_page_numbers_far_apart_are_no_table():
    from kehoach.flat_tables import unflatten_tables
    lines = ["1", *(f"Dòng văn bản thứ {i}." for i in range(12)), "2", *(f"Dòng tiếp {i}." for i in range(12)), "3"]
    assert all(block.cell is None for block in unflatten_tables(_blocks(*lines)))
    kept, _ = drop_debris(_blocks(*lines), Diagnostics())
    assert "2" not in [block.text for block in kept]
