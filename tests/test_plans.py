"""Whole plans in styles the shared samples do not show, with the fields a reader finds in them."""

from __future__ import annotations

import pytest

from kehoach import parse
from tests.conftest import FIXTURES, SAMPLES

PLANS = FIXTURES / "plans"


def test_party_plan():
    plan = parse(PLANS / "party_plan.txt")
    header = plan.header
    assert (header.issuer_parent, header.issuer) == ("ĐẢNG BỘ HUYỆN TÂN PHÚ", "BAN THƯỜNG VỤ")
    assert (header.number, header.number_seq, header.symbol) == ("35-KH/HU", 35, "KH/HU")
    assert (header.place, header.date) == ("Tân Phú", "2025-03-05")
    assert header.title.startswith("thực hiện Nghị quyết số 57-NQ/TW")
    assert [(c.number, c.relation.value) for c in plan.legal_basis] == [("120-KH/TU", "thuc_hien")]
    assert "57-NQ/TW" in {c.number for c in plan.references}
    targets = {t.text[:20]: t.metrics for t in plan.targets}
    assert len(targets) == 4
    hh = plan.targets[2].metrics
    assert [(m.value, m.comparator, m.direction) for m in hh] == [(90, ">=", None), (1, "<=", "decrease")]
    assert plan.targets[3].metrics[0].unit == "mô hình"
    assert [(a.agency, a.mode, a.lead) for a in plan.assignments] == [
        ("Ban Tuyên giáo Huyện ủy", "assigned", True),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể chính trị - xã hội", "requested", None),
        ("Các chi bộ, đảng bộ cơ sở", "assigned", None)]
    assert plan.assignments[0].coordinates_with == ["Văn phòng Huyện ủy", "Ủy ban nhân dân huyện"]
    assert [(r.period, r.due_day, r.due_month, r.recipient, r.via) for r in plan.reporting] == [
        ("half_year", 15, 6, "Ban Thường vụ Huyện ủy", "Văn phòng Huyện ủy"),
        ("year", 15, 11, "Ban Thường vụ Huyện ủy", "Văn phòng Huyện ủy")]
    assert plan.recipients == ["Ban Thường vụ Tỉnh ủy (b/c)", "Các chi bộ, đảng bộ cơ sở", "Lưu Văn phòng Huyện ủy"]
    assert (plan.signature.authority, plan.signature.position, plan.signature.signer) == (
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An")
    assert [t.title for t in plan.tasks] == ["Nâng cao nhận thức về khoa học, công nghệ và chuyển đổi số",
                                             "Hoàn thiện hạ tầng số"]


def test_ward_plan_in_markdown():
    plan = parse(PLANS / "ward_plan.md")
    assert plan.source.format == "md"
    assert plan.header.issuer == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"
    assert plan.header.place == "Thành phố Hồ Chí Minh"
    assert plan.header.title == "Phòng, chống dịch bệnh truyền nhiễm năm 2023 trên địa bàn phường"
    assert [(c.doc_type, c.number, c.date) for c in plan.legal_basis] == [
        ("Luật", None, "2007-11-21"), ("Kế hoạch", "345/KH-UBND", "2023-01-20")]
    roles = {s.title: s.role.value for s in plan.walk_sections() if s.depth == 1}
    assert roles == {"MỤC TIÊU": "objectives", "NỘI DUNG THỰC HIỆN": "tasks", "KINH PHÍ": "funding",
                     "TỔ CHỨC THỰC HIỆN": "organization"}
    assert [(t.metrics[0].value, t.metrics[0].direction) for t in plan.targets] == [(10, "decrease"), (100, None)]
    assert [a.agency for a in plan.assignments] == ["Trạm Y tế phường", "Công an phường"]
    assert [(r.period, r.due_day, r.due_month) for r in plan.reporting] == [("month", 25, None)]
    assert (plan.signature.on_behalf_of, plan.signature.authority, plan.signature.signer) == (
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Trần Thị Bích")


def test_text_with_a_lone_surrogate_is_parsed():
    """Text decoded with errors="surrogateescape" can hold lone surrogates: read as U+FFFD, never an error."""
    from kehoach import parse_text

    plan = parse_text("KẾ HOẠCH\nI. MỤC TIÊU \ud800\n1. Tăng 5%.")
    assert plan.sections[0].title.startswith("MỤC TIÊU")


def test_the_public_api_names_its_types():
    """`kehoach` exports the types its functions take and give, and the errors they raise."""
    import kehoach
    from kehoach import GrammarError, InputError, KehoachError, Limits, OcrMode, OutputError, Plan, PlanDiff, Result

    assert issubclass(InputError, KehoachError) and issubclass(OutputError, KehoachError)
    assert issubclass(GrammarError, Exception) and Result.__name__ == "Result" and Limits().max_pages > 0
    plan = kehoach.parse(SAMPLES / "000_3c7e1ad7be525b1e.txt", ocr=OcrMode.never)
    assert isinstance(plan, Plan) and isinstance(kehoach.diff(plan, plan), PlanDiff)
    with pytest.raises(InputError) as raised:  # a str is a path, never text
        kehoach.parse("KẾ HOẠCH\nI. MỤC TIÊU")
    assert raised.value.problem.startswith("no such file")
