"""PDF: columns, paragraphs and running lines by position; OCR for scans; clear errors."""

from __future__ import annotations

import pytest

from kehoach import parse
from kehoach.diagnostics import Diagnostics
from kehoach.errors import InputError
from kehoach.readers import doc as doc_reader
from kehoach.readers import ocr as ocr_reader
from kehoach.readers.lines import Line, drop_running_lines, join_rows_cut_by_pages, lines_to_blocks, split_row_columns
from kehoach.readers.pdf import read_pdf
from kehoach.readers.pdf_tables import MAX_RULES, Rule, grids
from tests.conftest import SAMPLES
from tests.support.docx_builder import docx, para, table


def _words(*spans):
    return [{"text": t, "x0": a, "x1": b, "top": 10, "bottom": 22} for t, a, b in spans]


def test_a_wide_gap_splits_a_header_row_into_columns():
    row = _words(("HỘI", 60, 88), ("LHPN", 92, 131), ("TỈNH", 134, 171), ("SÓC", 175, 203), ("TRĂNG", 207, 257),
                 ("CỘNG", 265, 308), ("HÒA", 312, 344), ("XÃ", 347, 367), ("HỘI", 371, 399))
    parts = split_row_columns(row)
    assert [" ".join(w["text"] for w in part) for part in parts] == ["HỘI LHPN TỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI"]


def test_a_justified_row_stays_whole():
    row = _words(("Tăng", 57, 80), ("cường", 86, 118), ("phòng", 124, 156), ("ngừa,", 162, 190), ("ngăn", 196, 220))
    assert len(split_row_columns(row)) == 1


def _line(page, index, text, x0, x1, top, height=14.0):
    line = Line(page=page, index=index, top=top, bottom=top + height, x0=x0, x1=x1, page_width=595, page_height=842)
    line.segments = [(text, x0, x1, False)]
    return line


def test_page_numbers_and_running_footers_are_dropped():
    pages = []
    for page in (1, 2, 3):
        pages.append([_line(page, 1, f"Nội dung trang {page} của kế hoạch", 57, 566, 100),
                      _line(page, 2, "Kế hoạch 12/KH-UBND phòng chống thiên tai", 57, 400, 800),
                      _line(page, 3, str(page), 290, 300, 815)])
    diagnostics = Diagnostics()
    kept = drop_running_lines(pages, diagnostics)
    expected = [[f"Nội dung trang {p} của kế hoạch"] for p in (1, 2, 3)]
    assert [[line.text for line in lines] for lines in kept] == expected
    assert diagnostics.has("page_number_removed")


def test_paragraph_starts_from_geometry():
    lines = [_line(1, 1, "KẾ HOẠCH", 273, 351, 100),
             _line(1, 2, "PHÒNG, CHỐNG MẠI DÂM TRÊN ĐỊA BÀN TỈNH HÀ", 59, 564, 119),
             _line(1, 3, "NAM", 295, 329, 138),
             _line(1, 4, "Thực hiện Quyết định số 361/QĐ-TTg ngày 07 tháng 03 năm 2016 của", 57, 566, 170),
             _line(1, 5, "Thủ tướng Chính phủ phê duyệt Chương trình.", 57, 300, 189),
             _line(1, 6, "Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau", 57, 566, 208),
             _line(1, 7, "Nguyễn Văn A", 380, 470, 300)]
    blocks = lines_to_blocks([lines])
    assert [b.blank_before for b in blocks] == [False, True, False, True, False, True, True]
    assert blocks[-1].cell is not None and blocks[-1].cell[1] == 1  # right of the text's centre


# A ruled table of four columns, rows at 100-130-170-200 (points from the top), borders at x 50, 80,
# 300, 380, 500; in its last row the unit and value cells are merged (no border at 380 there), and
# the first column of rows 2 and 3 is one cell (no rule at 170 between x 50 and 80).
_ACROSS = [Rule(50, 500, 100), Rule(50, 500, 130), Rule(80, 500, 170), Rule(50, 500, 200)]
_DOWN = [Rule(100, 200, 50), Rule(100, 200, 80), Rule(100, 200, 300), Rule(100, 170, 380), Rule(100, 200, 500)]


def test_rules_that_meet_make_a_grid_and_a_missing_border_a_merged_cell():
    [grid] = grids(_ACROSS, _DOWN)
    assert grid.xs == (50, 80, 300, 380, 500) and grid.ys == (100, 130, 170, 200)
    assert grid.cell(60, 115) == (0, 0) and grid.cell(350, 150) == (1, 2)
    assert grid.cell(450, 185) == (2, 2)  # unit and value merged in the last row: its first cell
    assert grid.cell(60, 185) == (1, 0)  # the number cell spans rows 2 and 3: its top cell
    assert not grid.holds(600, 150) and not grid.holds(200, 260)


def test_a_two_column_frame_and_lone_rules_make_no_table():
    frame = grids([Rule(50, 500, 100), Rule(50, 500, 200)], [Rule(100, 200, 50), Rule(100, 200, 270),
                                                              Rule(100, 200, 500)])
    assert frame == []  # a header's or a signature's layout: the line reader's
    assert grids([Rule(50, 500, 100), Rule(50, 500, 300)], []) == []  # rules under a title, no table
    hatching = [Rule(50, 500, 100 + y / 4) for y in range(MAX_RULES + 1)]
    assert grids(hatching, _DOWN) == []  # a drawing's thousands of strokes are not paired one by one


def _row(page, index, cells, x0=50, x1=500, top=100):
    return Line(page=page, index=index, top=top, bottom=top + 14, x0=x0, x1=x1, page_width=595, page_height=842,
                cells=cells)


def test_a_table_row_is_a_block_per_cell_and_a_row_cut_by_a_page_break_is_joined():
    page_one = [_line(1, 1, "II. CHỈ TIÊU", 57, 200, 60),
                _row(1, 2, [(0, "1", False), (1, "Tỷ lệ phụ nữ mang thai được", False), (2, "%", False),
                            (3, "70", False)], top=780)]
    page_two = [_row(2, 1, [(1, "tầm soát 4 loại bệnh", False)], top=60),
                _row(2, 3, [(0, "2", False), (1, "Tỷ lệ trẻ sơ sinh được tầm soát", False), (2, "%", False),
                            (3, "90", False)], top=90),
                _line(2, 5, "III. NỘI DUNG THỰC HIỆN", 57, 300, 200)]
    blocks = lines_to_blocks(join_rows_cut_by_pages([page_one, page_two]))
    texts = [(b.text, b.cell[1] if b.cell else None, b.page, b.end_page) for b in blocks]
    assert texts == [("II. CHỈ TIÊU", None, 1, None), ("1", 0, 1, 2),
                     ("Tỷ lệ phụ nữ mang thai được tầm soát 4 loại bệnh", 1, 1, 2), ("%", 2, 1, 2), ("70", 3, 1, 2),
                     ("2", 0, 2, None), ("Tỷ lệ trẻ sơ sinh được tầm soát", 1, 2, None), ("%", 2, 2, None),
                     ("90", 3, 2, None), ("III. NỘI DUNG THỰC HIỆN", None, 2, None)]
    assert len({b.cell[0] for b in blocks if b.cell}) == 2 and blocks[-1].blank_before
    # a page that opens with a whole row (its number cell filled) starts a row of its own
    page_two[0] = _row(2, 1, [(0, "2", False), (1, "Tỷ lệ trẻ sơ sinh", False)], top=60)
    assert len(join_rows_cut_by_pages([page_one[:], page_two[:1]])[1]) == 1


def test_sample_pdf_reads_header_columns_and_paragraphs():
    plan = parse(SAMPLES / "000_3c7e1ad7be525b1e.pdf")
    assert plan.source.format == "pdf"
    assert (plan.header.issuer_parent, plan.header.issuer) == ("HỘI LHPN TỈNH SÓC TRĂNG", "BAN THƯỜNG VỤ")
    assert plan.header.date == "2022-01-26"
    assert plan.targets[0].source.page == 1 and plan.targets[0].source.line
    assert len(plan.recipients) == 7 and plan.signature.signer == "Nguyễn Thị Diện"


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.7\n%broken", "PDF"),
    ((SAMPLES / "000_3c7e1ad7be525b1e.pdf").read_bytes()[:400], "PDF"),
])
def test_broken_pdfs_are_clear_errors(data, message):
    with pytest.raises(InputError, match=message):
        read_pdf(data, Diagnostics())


def test_a_scan_without_ocr_is_a_clear_error():
    with pytest.raises(InputError, match="no text layer"):
        read_pdf((SAMPLES / "004_79e9a1a2290a5ec8.scan.pdf").read_bytes(), Diagnostics(), ocr="never")


def test_missing_tesseract_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr_reader.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_pdf((SAMPLES / "004_79e9a1a2290a5ec8.scan.pdf").read_bytes(), Diagnostics())


def test_ocr_words_rows_and_bullets():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "5\t1\t1\t1\t1\t1\t300\t300\t120\t40\t95\tKẾ\n"
           "5\t1\t1\t1\t1\t2\t440\t300\t200\t40\t95\tHOẠCH\n"
           "5\t1\t2\t1\t1\t1\t1300\t302\t150\t40\t90\tCỘNG\n"
           "5\t1\t1\t1\t2\t1\t250\t400\t20\t20\t40\t®\n"
           "5\t1\t1\t1\t2\t2\t300\t395\t120\t40\t91\t100%\n"
           "5\t1\t1\t1\t2\t3\t500\t380\t20\t10\t12\tˆ^\n")
    words = ocr_reader._words(tsv, 300 / 72)
    rows = ocr_reader._rows(words)
    assert [[w["text"] for w in row] for row in rows] == [["KẾ", "HOẠCH", "CỘNG"], ["•", "100%"]]


def test_a_round_bullet_read_as_a_letter_is_a_bullet():
    """Tesseract reads a round bullet as "e" or "s" before the item's first word; a small letter
    before a small letter is text."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    tsv = head + ("5\t1\t1\t1\t1\t1\t250\t300\t20\t30\t60\te\n"
                  "5\t1\t1\t1\t1\t2\t300\t300\t120\t40\t91\tLồng\n"
                  "5\t1\t1\t1\t1\t3\t440\t300\t120\t40\t91\tghép\n"
                  "5\t1\t1\t1\t2\t1\t250\t400\t20\t30\t60\ts\n"
                  "5\t1\t1\t1\t2\t2\t300\t400\t120\t40\t91\tvà\n")
    lines = ocr_reader._lines(tsv, 300 / 72, 1, 595, 842, Diagnostics())
    assert [line.segments[0][0] for line in lines] == ["• Lồng ghép", "s và"]


@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr_with_confidence():
    plan = parse(SAMPLES / "004_79e9a1a2290a5ec8.scan.pdf")
    assert plan.header.number == "/KH-PGDĐT" and plan.header.year == 2024
    confidence = [d for d in plan.diagnostics if d.code == "ocr"]
    assert confidence and "confidence" in confidence[0].message


def test_missing_libreoffice_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(doc_reader, "soffice", lambda: None)
    with pytest.raises(InputError, match="apt-get install libreoffice-writer-nogui"):
        parse(SAMPLES / "000_3c7e1ad7be525b1e.doc")


@pytest.mark.slow
def test_doc_through_libreoffice():
    plan = parse(SAMPLES / "001_507e8a831fee471a.doc")
    assert plan.source.format == "doc" and plan.header.number == "81/KH-SLĐTBXH"


@pytest.mark.slow
def test_pdf_made_by_libreoffice_with_running_footer_and_two_column_header():
    body = (table([[[para("ỦY BAN NHÂN DÂN"), para("HUYỆN VÂN HỒ")],
                    [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), para("Độc lập - Tự do - Hạnh phúc")]],
                   [[para("Số: 15/KH-UBND")], [para("Vân Hồ, ngày 2 tháng 4 năm 2024")]]])
            + para("KẾ HOẠCH", center=True) + para("Phòng, chống thiên tai năm 2024", center=True)
            + para("I. NHIỆM VỤ")
            + "".join(para(f"- Nhiệm vụ số {n}: tổ chức tuyên truyền, kiểm tra, rà soát các điểm xung yếu trên địa "
                           f"bàn huyện và báo cáo kết quả thực hiện cho Ủy ban nhân dân huyện.") for n in range(1, 60))
            + table([[[para("Nơi nhận:"), para("- Như trên;"), para("- Lưu: VT.")],
                      [para("CHỦ TỊCH"), para("Lê Văn Tâm")]]]))
    footer = para("Kế hoạch phòng, chống thiên tai huyện Vân Hồ năm 2024")
    pdf = doc_reader.convert(docx(body, footer=footer), ".docx", "pdf")
    plan = parse(pdf, name="made.pdf")
    assert plan.source.format == "pdf"
    assert (plan.header.issuer, plan.header.number, plan.header.place) == (
        "ỦY BAN NHÂN DÂN HUYỆN VÂN HỒ", "15/KH-UBND", "Vân Hồ")
    pages = {s.page for s in [t.source for t in plan.tasks]} | {plan.signature.source.page}
    assert len(pages) >= 2
    texts = " ".join(t.title for t in plan.tasks)
    assert "phòng, chống thiên tai huyện Vân Hồ năm 2024" not in texts
    assert len(plan.tasks) == 59
    assert plan.signature.signer == "Lê Văn Tâm" and plan.recipients == ["Như trên", "Lưu: VT"]


@pytest.mark.slow
def test_an_indicator_table_ruled_in_a_pdf_gives_a_target_per_row():
    """LibreOffice rules the table and wraps its long cells: each row is still one target with its
    figures, not lines that mix the columns."""
    rows = [[[para("STT")], [para("Chỉ tiêu")], [para("Đơn vị tính")], [para("Chỉ tiêu phấn đấu")]]]
    indicators = [("Tỷ lệ xã, phường, thị trấn có cộng tác viên dân số phụ trách địa bàn theo quy định của "
                   "Bộ Y tế và hướng dẫn của Sở Y tế", "%", "100"),
                  ("Tỷ lệ phụ nữ mang thai được tầm soát ít nhất 4 loại bệnh tật bẩm sinh phổ biến nhất "
                   "tại các cơ sở y tế trên địa bàn", "%", "70"),
                  ("Tổng tỷ suất sinh (số con trung bình của một phụ nữ trong độ tuổi sinh đẻ)", "Con/phụ nữ", "1,8")]
    for number, (indicator, unit, value) in enumerate(indicators, start=1):
        rows.append([[para(str(number))], [para(indicator)], [para(unit)], [para(value)]])
    body = (table([[[para("ỦY BAN NHÂN DÂN"), para("XÃ TÂN PHÚ"), para("Số: 12/KH-UBND")],
                    [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), para("Độc lập - Tự do - Hạnh phúc"),
                     para("Tân Phú, ngày 2 tháng 4 năm 2025")]]])
            + para("KẾ HOẠCH", center=True) + para("Công tác dân số năm 2025", center=True)
            + para("I. CHỈ TIÊU") + table(rows, borders=True) + para("II. NHIỆM VỤ")
            + para("1. Trạm Y tế xã tổ chức thực hiện Kế hoạch."))
    plan = parse(doc_reader.convert(docx(body), ".docx", "pdf"), name="ruled.pdf")
    got = [(target.text, [metric.text for metric in target.metrics]) for target in plan.targets]
    assert got == [(indicators[0][0], ["100%"]), (indicators[1][0], ["70%", "4 loại"]),
                   (indicators[2][0], ["1,8 con/phụ nữ"])]
    assert all(target.source.page == 1 and target.source.column == 1 for target in plan.targets)


def test_a_scan_s_heading_gets_back_the_marks_of_its_role_phrase():
    """Tesseract misreads the small marks over capitals ("CHÍ TIỂU", "YÊU CẤU"): a heading whose
    letters are a role phrase's is written as the phrase; other words, and a heading that only
    shares some words with one, are left as read."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    rows = [["II.", "CHÍ", "TIỂU"], ["I.MỤC", "ĐÍCH,", "YÊU", "CẤU"], ["3.", "Mục", "tiếu", "chung:"],
            ["CHI", "TIÊU", "KINH", "PHÍ"], ["Chí", "tiêu", "của", "tỉnh"]]
    tsv = head + "".join(f"5\t1\t1\t1\t{line}\t{word}\t{300 + 130 * word}\t{100 * line}\t120\t40\t90\t{text}\n"
                         for line, row in enumerate(rows, start=1) for word, text in enumerate(row, start=1))
    lines = ocr_reader.lines_of(ocr_reader.PageScan(None, 1, 300 / 72, 595, 842), tsv, Diagnostics())
    assert [line.text for line in lines] == ["II. CHỈ TIÊU", "I.MỤC ĐÍCH, YÊU CẦU", "3. Mục tiêu chung:",
                                             "CHI TIÊU KINH PHÍ", "Chí tiêu của tỉnh"]


@pytest.mark.parametrize(("above", "above_x", "text", "joined"), [
    # a spaced dash inside an agency's name fell at the start of a line: one paragraph
    ("tham mưu phòng, chống mại dâm; phối hợp với Phòng Lao động", (57, 560),
     "- Thương binh và Xã hội huyện định kỳ sơ kết, tổng kết việc thực hiện, qua đó đề xuất", True),
    # the line above ends on punctuation: a list item
    ("nâng cao hiệu quả công tác tham mưu phòng, chống mại dâm;", (57, 560), "- Phối hợp với các ngành", False),
    # the line above ends short of the margin: the dash could have stood there, so it is an item
    ("câu lạc bộ của người bán dâm", (57, 300), "- Phối hợp với Phòng Lao động huyện rà soát", False),
    # the line above is a signature's, beside the list of recipients
    ("Chương trình số 144-CTr/TU ngày 22/01/2018 của Ban", (327, 560), "- VP UBND TP (3C);", False),
])
def test_a_dash_at_the_start_of_a_line_is_an_item_unless_a_name_wrapped_there(above, above_x, text, joined):
    previous = _line(1, 1, above, *above_x, top=100)
    line = _line(1, 2, text, 57, 560 if len(text) > 60 else 300, top=100 + 18 if above_x[0] < 300 else 95)
    blocks = lines_to_blocks([[_line(1, 0, "x" * 90, 57, 566, top=80), previous, line]])
    assert (len(blocks) == 2) is joined
    if joined:
        assert blocks[-1].text.endswith("Phòng Lao động - Thương binh và Xã hội huyện định kỳ sơ kết, tổng kết việc "
                                         "thực hiện, qua đó đề xuất")
        assert (blocks[-1].line, blocks[-1].end_line) == (1, 2)
