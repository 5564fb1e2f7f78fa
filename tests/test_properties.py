"""Property tests: plans assembled from real keywords and random text always parse into a valid model,
and every item's source location points at text that contains it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach import parse_text
from kehoach.models import Plan
from kehoach.normalize.text import key

WORDS = ["tuyên truyền", "phòng, chống", "mại dâm", "cán bộ", "hội viên", "xã, phường", "kế hoạch", "triển khai",
         "đơn vị", "giáo dục", "chuyển đổi số", "ít nhất", "trên", "dưới", "giảm", "tăng", "hằng năm", "đến năm 2025",
         "một tháng một lần", "01 lần/quý", "mô hình", "báo cáo", "trước ngày 15/6", "gửi về", "Sở Y tế", "Công an"]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợúùủũụứừửữựíìỉĩị"
phrase = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=LETTERS + " ,", min_size=1, max_size=12)),
                  min_size=1, max_size=12).map(" ".join)
metric = st.builds(lambda n, w: f"{w} {n}%", st.integers(0, 100), st.sampled_from(["", "ít nhất", "trên", "dưới"]))
item = st.builds(lambda p, m: f"- {p.capitalize()} {m}.", phrase, st.one_of(st.just(""), metric))
HEADINGS = ["MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "CHỈ TIÊU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN",
            "CHẾ ĐỘ THÔNG TIN, BÁO CÁO", "KINH PHÍ"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


@st.composite
def plans(draw) -> str:
    lines = []
    if draw(st.booleans()):
        lines += [draw(st.sampled_from(["ỦY BAN NHÂN DÂN", "HỘI LHPN TỈNH SÓC TRĂNG", "ĐẢNG BỘ HUYỆN X"])),
                  draw(st.sampled_from(["TỈNH HÀ NAM", "BAN THƯỜNG VỤ", "PHÒNG GIÁO DỤC"])),
                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  f"Số: {draw(st.integers(1, 9999))}/KH-UBND",
                  f"Hà Nam, ngày {draw(st.integers(1, 28))} tháng {draw(st.integers(1, 12))} năm "
                  f"{draw(st.integers(2000, 2030))}", ""]
    lines += ["KẾ HOẠCH", draw(phrase), ""]
    if draw(st.booleans()):
        lines.append(f"Căn cứ Kế hoạch số {draw(st.integers(1, 999))}/KH-UBND ngày {draw(st.integers(1, 28))}/"
                     f"{draw(st.integers(1, 12))}/2024 của Ủy ban nhân dân tỉnh về {draw(phrase)};")
    for index in range(draw(st.integers(0, len(ROMAN)))):
        lines.append(f"{ROMAN[index]}. {draw(st.one_of(st.sampled_from(HEADINGS), phrase))}")
        for number in range(1, draw(st.integers(0, 3)) + 1):
            lines.append(f"{number}. {draw(phrase).capitalize()}")
            lines += draw(st.lists(item, max_size=3))
        lines += draw(st.lists(item, max_size=3))
    if draw(st.booleans()):
        lines += ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"]
    return "\n".join(lines)


def _located(text: str, source, lines: list[str]) -> bool:
    if source is None or source.line is None:
        return False
    end = source.end_line or source.line
    return key(text) in key(" ".join(lines[source.line - 1:end]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_assembled_plans_parse_and_locate_their_items(text):
    plan = parse_text(text)
    Plan.model_validate(plan.model_dump(mode="json"))
    lines = text.split("\n")
    for section in plan.walk_sections():
        assert _located(section.title, section.source, lines), section
    for target in plan.targets:
        assert _located(target.text, target.source, lines), target
    for citation in plan.legal_basis + plan.references:
        assert _located(citation.text, citation.source, lines), citation
    for assignment in plan.assignments:
        assert _located(assignment.agency, assignment.source, lines), assignment
    for duty in plan.reporting:
        assert _located(duty.text, duty.source, lines), duty
    for objective in plan.objectives:
        assert _located(objective.text, objective.source, lines), objective


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_or_is_refused_cleanly(text):
    from kehoach.errors import InputError

    try:
        plan = parse_text(text if text.strip() else text + "\n")
    except InputError:
        return
    Plan.model_validate(plan.model_dump(mode="json"))
