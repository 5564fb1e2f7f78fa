"""Unit tests of the header, footer, assignment and reporting extractors on small plans."""

from __future__ import annotations

from kehoach import parse_text
from kehoach.blocks import Block
from kehoach.extract.footer import extract_recipients, extract_signature
from kehoach.extract.header import split_number
from kehoach.extract.reporting import reporting_in
from tests.conftest import plan_text


def test_split_number():
    assert split_number("11/KH-BTV") == (11, "KH-BTV")
    assert split_number("178/2004/NĐ-CP") == (178, "NĐ-CP")
    assert split_number("35-KH/TU") == (35, "KH/TU")
    assert split_number("/KH-PGDĐT") == (None, "KH-PGDĐT")


def test_header_with_a_name_broken_in_two_and_a_blank_date():
    plan = parse_text(plan_text("ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                "Độc lập - Tự do - Hạnh phúc", "Số: /KH-UBND", "Hà Nam, ngày   tháng 4 năm 2024",
                                "KẾ HOẠCH", "Phòng, chống thiên tai năm 2024", "I. MỤC TIÊU"))
    header = plan.header
    assert (header.issuer_parent, header.issuer) == (None, "ỦY BAN NHÂN DÂN TỈNH HÀ NAM")
    assert (header.number, header.number_seq, header.symbol) == ("/KH-UBND", None, "KH-UBND")
    assert (header.date, header.date_text, header.year, header.month) == (None, "ngày tháng 4 năm 2024", 2024, 4)
    assert header.title == "Phòng, chống thiên tai năm 2024"
    codes = {d.code for d in plan.diagnostics}
    assert {"blank_number", "blank_date"} <= codes


def test_a_decision_says_what_it_is():
    plan = parse_text(plan_text("THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 524/QĐ-TTg",
                                "Hà Nội, ngày 01 tháng 4 năm 2021", "QUYẾT ĐỊNH", "PHÊ DUYỆT ĐỀ ÁN TRỒNG CÂY",
                                "THỦ TƯỚNG CHÍNH PHỦ", "Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;",
                                "QUYẾT ĐỊNH:", "Điều 1. Phê duyệt Đề án."))
    assert plan.header.doc_type == "Quyết định"
    assert plan.header.title == "PHÊ DUYỆT ĐỀ ÁN TRỒNG CÂY"
    assert [c.date for c in plan.legal_basis] == ["2017-11-15"]
    assert "not_a_plan" in {d.code for d in plan.diagnostics}


def _blocks(*lines):
    return [Block(text=t, line=i + 1) for i, t in enumerate(lines)]


def test_recipients_and_signature():
    footer = _blocks("Nơi nhận:", "TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "- Ban CT phía Nam; Ban TG-CSLP - TW Hội;",
                     "- Sở Lao động TBXH; Công an tỉnh;", "- Y", "-  Lưu: VT, Ban TGCSPL.", "( Đã ký)",
                     "Nguyễn Thị Diện")
    assert extract_recipients(footer) == ["Ban CT phía Nam; Ban TG-CSLP - TW Hội", "Sở Lao động TBXH; Công an tỉnh",
                                          "Lưu: VT, Ban TGCSPL"]
    signature = extract_signature(footer)
    assert (signature.authority, signature.position, signature.signer) == (
        "TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Nguyễn Thị Diện")


def test_a_position_signing_in_its_own_right():
    signature = extract_signature(_blocks("Nơi nhận:", "- Lưu: VT.", "TRƯỞNG PHÒNG", "Đỗ Công Bình"))
    assert (signature.authority, signature.position, signature.signer) == (None, "TRƯỞNG PHÒNG", "Đỗ Công Bình")


def test_a_scans_misread_family_name_is_restored_and_no_other_name_changed():
    def signer(name: str) -> str | None:
        return extract_signature(_blocks("Nơi nhận:", "- Lưu: VT.", "TRƯỞNG PHÒNG", name)).signer

    assert signer("Nguyên Thị Diện") == "Nguyễn Thị Diện"  # tone marks misread
    assert signer("ĐỒ Công Bình") == "Đỗ Công Bình"  # the family name read in capitals
    assert signer("Lê Văn An") == "Lê Văn An"  # a family name of the list as written
    assert signer("Khổng Minh Hải") == "Khổng Minh Hải"  # one the list does not hold
    assert signer("NGUYỄN VĂN AN") == "Nguyễn Văn An"


def test_reporting_deadlines_periods_and_recipient():
    text = ("Các đơn vị thực hiện báo cáo định kỳ (báo cáo tháng gửi trước ngày 10 hàng tháng, báo cáo 6 tháng gửi "
            "trước ngày 10/5, báo cáo 9 tháng gửi trước ngày 10/8, báo cáo năm gửi trước ngày 10/11) gửi về Ủy ban "
            "nhân dân huyện (qua Phòng Lao động - Thương binh và Xã hội).")
    duties = reporting_in(text, Block(text=text, line=1))
    assert [(d.period, d.due_day, d.due_month) for d in duties] == [
        ("month", 10, None), ("half_year", 10, 5), ("nine_months", 10, 8), ("year", 10, 11)]
    assert {(d.recipient, d.via) for d in duties} == {
        ("Ủy ban nhân dân huyện", "Phòng Lao động - Thương binh và Xã hội")}


def test_undated_reporting_and_inspection_periods():
    text = "Định kỳ hàng quý, 6 tháng kiểm tra, giám sát. Định kỳ 6 tháng, hàng năm tổng hợp, báo cáo UBND tỉnh."
    duties = reporting_in(text, Block(text=text, line=1))
    assert [(d.period, d.due_day) for d in duties] == [("half_year", None), ("year", None)]


def test_assignments_from_numbered_entries_and_colon_paragraphs():
    plan = parse_text(plan_text(
        "KẾ HOẠCH", "Tuyên truyền pháp luật", "I. TỔ CHỨC THỰC HIỆN", "1. Phòng Tư pháp",
        "Chủ trì, phối hợp với Phòng Văn hóa và Thông tin tổ chức tuyên truyền.", "2. Đề nghị Công an huyện",
        "- Phối hợp kiểm tra.", "II. KINH PHÍ", "Ngân sách huyện.", "III. PHÂN CÔNG THỰC HIỆN",
        "- Sở Y tế: chủ trì hướng dẫn chuyên môn."))
    found = [(a.agency, a.mode, a.lead, a.coordinates_with) for a in plan.assignments]
    assert found == [("Phòng Tư pháp", "assigned", True, ["Phòng Văn hóa và Thông tin"]),
                     ("Công an huyện", "requested", None, []),
                     ("Sở Y tế", "assigned", True, [])]


def test_issuer_name_broken_at_va_and_numeric_date_in_the_header():
    plan = parse_text(plan_text("UBND TỈNH LẠNG SƠN", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI",
                                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-SLĐTBXH", "Lạng Sơn, ngày 05/01/2024",
                                "KẾ HOẠCH", "Giảm nghèo bền vững năm 2024", "I. MỤC TIÊU"))
    assert (plan.header.issuer_parent, plan.header.issuer) == ("UBND TỈNH LẠNG SƠN",
                                                              "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    assert (plan.header.place, plan.header.date) == ("Lạng Sơn", "2024-01-05")


def test_organization_groups_whose_items_name_the_agencies():
    plan = parse_text(plan_text(
        "KẾ HOẠCH", "Chuyển đổi số", "I. TỔ CHỨC THỰC HIỆN", "1. Các sở, ban, ngành",
        "- Sở Thông tin và Truyền thông: chủ trì hướng dẫn triển khai.", "- Sở Tài chính: bố trí kinh phí.",
        "2. Ủy ban nhân dân các huyện", "Chủ trì triển khai trên địa bàn."))
    assert [a.agency for a in plan.assignments] == ["Sở Thông tin và Truyền thông", "Sở Tài chính",
                                                    "Ủy ban nhân dân các huyện"]


def test_a_signer_printed_in_capitals():
    signature = extract_signature(_blocks("Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)",
                                          "NGUYỄN VĂN AN"))
    assert (signature.position, signature.signer) == ("PHÓ CHỦ TỊCH", "Nguyễn Văn An")


def test_a_legal_basis_section_and_a_deadline_with_its_year():
    plan = parse_text(plan_text("KẾ HOẠCH", "Chuyển đổi số", "I. CƠ SỞ PHÁP LÝ",
                                "1. Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;",
                                "II. TỔ CHỨC THỰC HIỆN",
                                "Các đơn vị báo cáo năm gửi về Sở trước ngày 15/12/2024."))
    assert [(c.number, c.relation.value) for c in plan.legal_basis] == [("749/QĐ-TTg", "can_cu")]
    assert [(r.period, r.due_day, r.due_month) for r in plan.reporting] == [("year", 15, 12)]
