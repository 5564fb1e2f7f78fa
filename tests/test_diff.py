"""kehoach diff: each status on small hand-made pairs, alignment on paraphrase and reordering, exit
statuses, reports, and the shared test pair."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

from kehoach import parse, parse_text
from kehoach.cli import app
from kehoach.models import Metric
from kehoach.plandiff import diff, failures
from kehoach.plandiff.page import page
from kehoach.plandiff.render import markdown, terminal
from kehoach.plandiff.similarity import coverage, dice
from kehoach.plandiff.verdicts import compare
from tests.conftest import FIXTURES, SAMPLES, plan_text

runner = CliRunner()
PARENT = SAMPLES / "000_3c7e1ad7be525b1e.txt"
CHILD = FIXTURES / "diff" / "child-000.txt"


def _plan(targets=(), tasks=(), organization=(), reporting="", basis="", number="11/KH-BTV",
          title="Phòng, chống mại dâm"):
    lines = ["HỘI LHPN TỈNH SÓC TRĂNG", "BAN THƯỜNG VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"Số: {number}",
             "Sóc Trăng, ngày 26 tháng 01 năm 2022", "KẾ HOẠCH", title]
    if basis:
        lines.append(basis)
    lines += ["I. CHỈ TIÊU", *(f"- {t}" for t in targets), "II. NHIỆM VỤ, GIẢI PHÁP"]
    for index, (title, items) in enumerate(tasks, start=1):
        lines += [f"{index}. {title}", *(f"- {item}" for item in items)]
    lines.append("III. TỔ CHỨC THỰC HIỆN")
    lines += [f"{index}. {agency}" for index, agency in enumerate(organization, start=1)]
    if reporting:
        lines.append(reporting)
    return parse_text(plan_text(*lines))


def _m(value, unit="%", comparator="=", per=None, year=None, direction=None):
    return Metric(value=value, unit=unit, comparator=comparator, per=per, year=year, direction=direction)


@pytest.mark.parametrize(("parent", "child", "status", "detail"), [
    ([_m(70, comparator=">=")], [_m(70, comparator=">=")], "kept", ""),
    ([_m(70, comparator=">=")], [_m(60, comparator=">=")], "weakened", "ít nhất 70% -> ít nhất 60%"),
    ([_m(70)], [_m(80)], "strengthened", "70% -> 80%"),
    ([_m(50, comparator=">=")], [_m(50)], "weakened", "ít nhất dropped: >= 50% -> 50%"),
    ([_m(1, "lần", ">=", per="quý")], [_m(1, "lần", ">=", per="tháng")], "strengthened",
     "ít nhất 1 lần/quý -> ít nhất 1 lần/tháng"),
    ([_m(100, year=2020)], [_m(100, year=2022)], "weakened", "năm 2020 -> năm 2022"),
    ([_m(1, comparator="<=", direction="decrease")], [_m(2, comparator="<=", direction="decrease")], "weakened",
     "tối đa 1% -> tối đa 2%"),
    ([_m(70), _m(2, "mô hình")], [_m(80), _m(1, "mô hình")], "changed", "70% -> 80%; 2 mô hình -> 1 mô hình"),
    ([_m(70)], [], "weakened", "70% dropped"),
    # a bound added to a lower figure does not make up for it
    ([_m(100, year=2022)], [_m(70, comparator=">=", year=2022)], "weakened", "năm 2022: 100% -> năm 2022: ít nhất 70%"),
    ([_m(20, per="năm")], [_m(20, per="6 tháng")], "strengthened", "20%/năm -> 20%/6 tháng"),
    ([_m(100, year=2024)], [Metric(value=100, unit="%", year=2024, due="2024-05-15")], "strengthened",
     "năm 2024 -> trước ngày 15/5/2024"),
])
def test_metric_comparisons(parent, child, status, detail):
    assert compare(parent, child) == (status, detail)


def test_an_undated_figure_is_due_in_its_plans_year():
    """"100%" in a plan for 2024 against the child's "Trước ngày 15/5/2024, 100%": earlier, so stronger;
    against a figure that names no year either, no year is compared."""
    title = "Phòng, chống mại dâm năm 2024"  # issued in January 2022 by the helper: the title names the year
    parent = _plan(targets=["100% cán bộ, giáo viên được quán triệt, phổ biến pháp luật về phòng, chống mại dâm."],
                   title=title)
    child = _plan(targets=["Trước ngày 15/5/2024, 100% cán bộ, giáo viên được quán triệt, phổ biến pháp luật về "
                           "phòng, chống mại dâm."], number="09/KH-BTV", title=title)
    row = diff(parent, child).targets[0]
    assert (row.status, row.detail) == ("strengthened", "năm 2024 -> trước ngày 15/5/2024")
    later = _plan(targets=["Trước ngày 15/5/2025, 100% cán bộ, giáo viên được quán triệt, phổ biến pháp luật về "
                           "phòng, chống mại dâm."], number="09/KH-BTV", title=title)
    assert diff(parent, later).targets[0].status == "weakened"


def test_similarity_is_localised_and_ignores_figures():
    assert dice("Hội LHPN tỉnh tuyên truyền cho HV, PN", "Hội LHPN huyện tuyên truyền cho hội viên, phụ nữ") == 1.0
    assert dice("Ít nhất 70% cán bộ được tập huấn", "Ít nhất 50% cán bộ được tập huấn") == 1.0
    assert coverage("đa dạng hóa các câu lạc bộ", "rà soát mô hình; đồng thời đa dạng hóa các câu lạc bộ, tổ") == 1.0
    assert dice("Duy trì đường dây nóng", "Phối hợp với Ban Quản trị các chùa") < 0.2


def test_each_target_status_with_paraphrase_and_reordering():
    parent = _plan(targets=["Ít nhất 70% cán bộ Hội được tập huấn về phòng, chống mại dâm.",
                            "100% xã xây dựng kế hoạch phòng, chống mại dâm.",
                            "Thông tin được đăng tải trên trang của Hội ít nhất 01 lần/quý.",
                            "Ít nhất 50% cơ sở Hội lồng ghép nhiệm vụ với các đề án.",
                            "Ít nhất 60% phụ nữ hoàn lương được hỗ trợ vay vốn."])
    child = _plan(targets=["Thông tin được đăng tải trên trang Facebook của Hội huyện ít nhất 01 lần/tháng.",
                           "100% xã trong huyện xây dựng kế hoạch phòng, chống mại dâm.",
                           "Ít nhất 60% cán bộ Hội huyện được tập huấn về phòng, chống mại dâm.",
                           "100% chi hội lập danh sách phụ nữ đi làm ăn xa.",
                           "50% cơ sở Hội lồng ghép nhiệm vụ với các đề án."], number="09/KH-BTV")
    result = diff(parent, child)
    assert [row.status for row in result.targets] == ["weakened", "kept", "strengthened", "weakened", "missing",
                                                      "added"]
    assert result.targets[0].child.text.startswith("Ít nhất 60% cán bộ")
    assert result.targets[-1].child.text.startswith("100% chi hội")


def test_tasks_covered_partial_missing_added_and_merged():
    parent = _plan(tasks=[("Nâng cao hiệu quả công tác tuyên truyền về phòng, chống mại dâm",
                           ["Đa dạng hóa nội dung, hình thức tuyên truyền phù hợp với từng địa bàn.",
                            "Duy trì đường dây nóng của Trung tâm tư vấn hôn nhân và gia đình.",
                            "Rà soát, đánh giá các mô hình câu lạc bộ phòng chống tệ nạn xã hội.",
                            "Đa dạng hóa các câu lạc bộ, tổ, nhóm phòng chống mại dâm."])])
    child = _plan(tasks=[("Nâng cao hiệu quả công tác tuyên truyền về phòng, chống mại dâm trên địa bàn huyện",
                          ["Đổi mới, đa dạng hóa nội dung, hình thức tuyên truyền phù hợp với từng địa bàn.",
                           "Rà soát, đánh giá các mô hình câu lạc bộ phòng chống tệ nạn xã hội; đồng thời đa dạng "
                           "hóa các câu lạc bộ, tổ, nhóm phòng chống mại dâm.",
                           "Phối hợp với Ban Quản trị các chùa Khmer tuyên truyền song ngữ."])], number="09/KH-BTV")
    result = diff(parent, child)
    statuses = [(row.kind, row.status) for row in result.tasks]
    assert statuses == [("group", "covered"), ("item", "covered"), ("item", "missing"), ("item", "covered"),
                        ("item", "covered"), ("item", "added")]
    merged = [row.child for row in result.tasks[3:5]]
    assert merged[0] == merged[1]  # two parent items carried by one merged child item
    assert result.summary["coverage"] == 0.8


def test_a_partial_task():
    """A weak likeness the outline does not vouch for (the item found in another group) is partial."""
    parent = _plan(tasks=[("Tuyên truyền", ["Tổ chức tập huấn cho báo cáo viên, tuyên truyền viên về kỹ năng "
                                            "truyền thông trực tiếp tại cộng đồng dân cư."]),
                          ("Kiểm tra, giám sát", ["Kiểm tra việc thực hiện kế hoạch tại các cơ sở hội."])])
    child = _plan(tasks=[("Tuyên truyền", ["Phát hành tờ rơi về phòng, chống mại dâm đến từng hộ gia đình."]),
                         ("Kiểm tra, giám sát", ["Kiểm tra việc thực hiện kế hoạch tại các chi hội.",
                                                 "Tổ chức tập huấn cho báo cáo viên về pháp luật mới ban hành."])],
                  number="09/KH-BTV")
    rows = {row.parent: row for row in diff(parent, child).tasks if row.kind == "item" and row.parent}
    moved = rows["Tổ chức tập huấn cho báo cáo viên, tuyên truyền viên về kỹ năng truyền thông trực tiếp tại "
                 "cộng đồng dân cư."]
    assert (moved.status, moved.child) == ("partial", "Tổ chức tập huấn cho báo cáo viên về pháp luật mới ban hành.")


def test_an_item_paraphrased_inside_its_group_is_covered():
    """Inside a pair of aligned groups a paraphrase that shares few words is still the same task."""
    parent = _plan(tasks=[("Tuyên truyền, phổ biến, giáo dục pháp luật",
                           ["Nâng cao hiệu quả công tác truyền thông, tuyên truyền về phòng, chống mại dâm.",
                            "Xây dựng các chuyên trang, chuyên mục, tiểu phẩm trên đài truyền thanh."]),
                          ("Kiểm tra, giám sát", ["Kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm."])])
    child = _plan(tasks=[("Kiểm tra, giám sát", ["Kiểm tra các cơ sở kinh doanh dịch vụ lưu trú."]),
                         ("Đẩy mạnh tuyên truyền, phổ biến, giáo dục pháp luật",
                          ["Đổi mới nội dung, hình thức truyền thông về phòng, chống mại dâm."])],
                  number="09/KH-BTV")
    statuses = [(row.status, row.child) for row in diff(parent, child).tasks if row.parent]
    assert statuses[1] == ("covered", "Đổi mới nội dung, hình thức truyền thông về phòng, chống mại dâm.")
    assert statuses[2] == ("missing", None)


def test_a_plan_laid_out_by_agency_is_aligned_body_by_body():
    """A province's plan by agency and a ward's: each department's part goes to the ward's body doing
    the same work, whatever its name; the part addressed to the ward's own level is carried by the
    whole child; a department the child takes nothing from is out of scope."""
    parent = parse(FIXTURES / "diff" / "by-agency-parent.txt")
    child = parse(FIXTURES / "diff" / "by-agency-child.txt")
    rows = {row.parent_id: row for row in diff(parent, child).tasks if row.parent_id}
    assert (rows["II.2"].status, rows["II.2"].child) == ("covered", "Phòng Kinh tế, Hạ tầng và Đô thị")
    assert (rows["II.3"].status, rows["II.3"].child) == ("covered", "Các trường mầm non trên địa bàn phường")
    assert rows["II.2.a"].child_id == "II.2.a" and rows["II.3.a"].child_id == "II.3.a"
    assert rows["II.1.c"].status == "missing"
    own = rows["II.4"]
    assert own.status == "covered" and own.child_id is None and "own level" in own.detail
    assert (rows["II.4.b"].status, rows["II.4.b"].child_id) == ("covered", "II.1.b")
    assert rows["II.4.c"].status == "missing"
    added = [row.child_id for row in diff(parent, child).tasks if row.status == "added"]
    assert added == ["II.3.b"]


def test_the_part_for_the_child_s_own_level_takes_no_body_s_place():
    """The province's part for the communes and wards reads much like the ward's health station's
    duties (it tells the stations what to do), yet it is carried by the whole ward: the station is
    still the health department's counterpart, and the own-level duties are found across the ward."""
    parent = parse(FIXTURES / "diff" / "by-agency-parent-own-level-alike.txt")
    child = parse(FIXTURES / "diff" / "by-agency-child.txt")
    rows = {row.parent_id: row for row in diff(parent, child).tasks if row.parent_id}
    assert (rows["II.1"].status, rows["II.1"].child) == ("covered", "Trạm Y tế phường")
    assert rows["II.4"].status == "covered" and rows["II.4"].child_id is None
    assert (rows["II.4.d"].status, rows["II.4.d"].child_id) == ("covered", "II.1.a")


def test_an_item_left_between_two_kept_in_order_is_carried_by_the_child_item_between():
    """The health department's staffing duty, long and full of a decision's title, shares few words
    with the ward station's one line on staff; but its neighbours are kept in order by the station's
    b) and d), and c) stands between them. A dropped item with no child item between its neighbours'
    stays missing, and so does one whose child item between shares nothing with it."""
    parent_text = (FIXTURES / "diff" / "in-order-parent.txt").read_text(encoding="utf-8")
    child_text = (FIXTURES / "diff" / "in-order-child.txt").read_text(encoding="utf-8")
    parent = parse_text(parent_text)
    rows = {row.parent_id: row for row in diff(parent, parse_text(child_text)).tasks if row.parent_id}
    assert (rows["II.1.b"].status, rows["II.1.b"].child_id) == ("covered", "II.1.b")
    assert dice(rows["II.1.b"].parent, rows["II.1.b"].child) < 0.3  # the words alone would not place it
    assert rows["II.1.d"].status == "missing"  # c) and d) of the station are next to each other
    assert rows["II.2.b"].status == "missing"  # the school's b) is about something else
    added = [row.child_id for row in diff(parent, parse_text(child_text)).tasks if row.status == "added"]
    assert added == ["II.2.b"]
    # the same line out of the parent's order: nothing vouches for it
    staff, day = (line for line in child_text.splitlines() if line.startswith(("b) Rà soát", "c) Tổ chức ngày")))
    swapped = (child_text.replace(staff, "@").replace(day, staff.replace("b)", "c)", 1))
               .replace("@", day.replace("c)", "b)", 1)))
    rows = {row.parent_id: row for row in diff(parent, parse_text(swapped)).tasks if row.parent_id}
    assert rows["II.1.b"].status == "missing" and rows["II.1.c"].child_id == "II.1.b"


def test_bodies_headed_in_capitals_are_aligned_as_in_sentence_case():
    """A copy that prints its agency headings in capitals ("1. SỞ Y TẾ", "1. TRẠM Y TẾ PHƯỜNG")
    gets the same rows: a body's name is told by its capitals only where the case is the writer's."""
    def capitals(text: str) -> str:
        return "\n".join(line.upper() if line[:3] in {"1. ", "2. ", "3. "} else line for line in text.splitlines())

    parent_text = (FIXTURES / "diff" / "in-order-parent.txt").read_text(encoding="utf-8")
    child_text = (FIXTURES / "diff" / "in-order-child.txt").read_text(encoding="utf-8")
    plain = diff(parse_text(parent_text), parse_text(child_text)).tasks
    shouted = diff(parse_text(capitals(parent_text)), parse_text(capitals(child_text))).tasks
    assert "1. SỞ Y TẾ" in capitals(parent_text) and "1. TRẠM Y TẾ PHƯỜNG" in capitals(child_text)
    assert [(row.status, row.parent_id, row.child_id) for row in shouted] == \
        [(row.status, row.parent_id, row.child_id) for row in plain]


def test_the_part_for_the_child_s_level_answers_to_the_child_s_part_for_the_tier_below():
    """A province's part for "Ủy ban nhân dân các xã, phường" is the ward's own: the ward carries it
    out and hands it on to its residential groups ("Trưởng các tổ dân phố"), its part for the tier
    below its own. Without such a part (by-agency-child), the whole ward carries it."""
    parent = parse(FIXTURES / "diff" / "in-order-parent.txt")
    child = parse(FIXTURES / "diff" / "in-order-child.txt")
    result = diff(parent, child)
    own = next(row for row in result.tasks if row.parent_id == "II.3")
    assert (own.status, own.child, own.child_id) == ("covered", "Trưởng các tổ dân phố", "II.3")
    assert "own level" in (own.detail or "")
    assert "II.3" not in [row.child_id for row in result.tasks if row.status == "added"]
    # two parts for the tier below: neither is told to be the one
    two = parse_text(_with_a_second_part_for_the_tier_below())
    rows = diff(parent, two).tasks
    own = next(row for row in rows if row.parent_id == "II.3")
    assert own.child_id is None and own.child == two.header.issuer
    assert "Ban công tác Mặt trận các khu phố" in [row.child for row in rows if row.status == "added"]


def _with_a_second_part_for_the_tier_below() -> str:
    text = (FIXTURES / "diff" / "in-order-child.txt").read_text(encoding="utf-8")
    return text.replace("\nIII. TỔ CHỨC", "4. Ban công tác Mặt trận các khu phố\nTuyên truyền, vận động Nhân dân.\n"
                        "\nIII. TỔ CHỨC", 1)


def test_many_bodies_are_carried_down_as_many():
    parent = _plan(organization=["Sở Y tế", "Sở, ban, ngành tỉnh và Ủy ban nhân dân các xã"])
    child = _plan(organization=["Trạm Y tế xã", "Văn phòng Ủy ban nhân dân xã",
                                "Các cơ quan, đơn vị thuộc Ủy ban nhân dân xã"], number="09/KH-BTV")
    rows = [(row.status, row.parent, row.child) for row in diff(parent, child).assignments]
    assert ("covered", "Sở, ban, ngành tỉnh và Ủy ban nhân dân các xã",
            "Các cơ quan, đơn vị thuộc Ủy ban nhân dân xã") in rows
    assert ("added", None, "Văn phòng Ủy ban nhân dân xã") in rows


def test_assignments_one_level_down():
    parent = _plan(organization=["Hội LHPN tỉnh", "Công an tỉnh", "Sở Y tế"])
    child = _plan(organization=["Công an huyện", "Hội LHPN huyện", "Phòng Tư pháp huyện"], number="09/KH-BTV")
    rows = [(row.status, row.parent, row.child) for row in diff(parent, child).assignments]
    assert rows == [("covered", "Hội LHPN tỉnh", "Hội LHPN huyện"), ("covered", "Công an tỉnh", "Công an huyện"),
                    ("missing", "Sở Y tế", None), ("added", None, "Phòng Tư pháp huyện")]


def test_reporting_ok_late_missing():
    parent = _plan(reporting="Các đơn vị báo cáo 6 tháng trước ngày 25/6, báo cáo quý trước ngày 20 của tháng "
                             "cuối quý, báo cáo năm trước ngày 25/12.")
    child = _plan(reporting="Các xã báo cáo 6 tháng trước ngày 15/6, báo cáo năm trước ngày 30/12.",
                  number="09/KH-BTV")
    rows = [(row.status, row.parent.period) for row in diff(parent, child).reporting]
    assert rows == [("ok", "half_year"), ("missing", "quarter"), ("late", "year")]


def test_citing_the_parent():
    parent = _plan(targets=["100% xã xây dựng kế hoạch."])
    citing = _plan(basis="Thực hiện Kế hoạch số 11/KH-BTV ngày 26/01/2022 của Ban Thường vụ Hội LHPN tỉnh;",
                   number="09/KH-BTV")
    silent = _plan(number="09/KH-BTV")
    assert diff(parent, citing).cites_parent and not diff(parent, silent).cites_parent


def test_citing_a_parent_that_prints_no_number_by_its_title_issuer_and_year():
    parent = _plan(targets=["100% xã xây dựng kế hoạch."], number="/KH-BTV")
    assert parent.header.title == "Phòng, chống mại dâm" and parent.header.number_seq is None

    def child(named: str):
        return _plan(basis=f"Thực hiện Kế hoạch {named};", number="09/KH-BTV")

    citing = child("phòng, chống mại dâm năm 2022 của Ban Thường vụ Hội LHPN tỉnh Sóc Trăng")
    others = [child("phòng, chống mại dâm năm 2019 của Ban Thường vụ Hội LHPN tỉnh Sóc Trăng"),
              child("phòng, chống ma túy năm 2022 của Ban Thường vụ Hội LHPN tỉnh Sóc Trăng"),
              child("phòng, chống mại dâm năm 2022 của Ủy ban nhân dân huyện Mỹ Xuyên")]
    assert diff(parent, citing).cites_parent
    assert not any(diff(parent, other).cites_parent for other in others)


def test_plans_without_targets_or_organization_work():
    empty = parse_text(plan_text("KẾ HOẠCH", "Một việc", "I. MỤC ĐÍCH", "- Tuyên truyền."))
    result = diff(empty, empty)
    assert result.targets == [] and result.assignments == [] and result.summary["coverage"] == 1.0
    assert failures(result) == 0


def test_the_shared_pair_finds_every_planted_change():
    expected = yaml.safe_load((FIXTURES / "diff" / "child-000.expected.yaml").read_text(encoding="utf-8"))
    result = diff(parse_text(PARENT.read_text(encoding="utf-8")), parse_text(CHILD.read_text(encoding="utf-8")))
    assert result.cites_parent is expected["cites_parent"]
    for part in ("targets", "tasks", "assignments"):
        assert [row.status for row in getattr(result, part)] == [row["status"] for row in expected[part]], part
    assert result.reporting == []


def test_diff_against_itself_is_all_kept_and_exits_0():
    done = runner.invoke(app, ["diff", str(PARENT), str(PARENT), "--format", "json"])
    assert done.exit_code == 0
    data = json.loads(done.stdout)
    assert set(data["summary"]["targets"]) == {"kept"} and set(data["summary"]["tasks"]) == {"covered"}


def test_exit_status_and_fail_on():
    assert runner.invoke(app, ["diff", str(PARENT), str(CHILD), "-f", "json"]).exit_code == 1
    assert runner.invoke(app, ["diff", str(PARENT), str(CHILD), "-f", "json", "--fail-on", "none"]).exit_code == 0
    assert runner.invoke(app, ["diff", str(PARENT), str(CHILD), "-f", "json", "--fail-on", "late"]).exit_code == 0
    bad = runner.invoke(app, ["diff", str(PARENT), str(CHILD), "--fail-on", "nonsense"])
    assert bad.exit_code == 2 and "unknown status" in bad.stderr
    missing = runner.invoke(app, ["diff", str(PARENT), "/nonexistent.txt"])
    assert missing.exit_code == 2 and "/nonexistent.txt: no such file" in missing.stderr


def test_unrelated_plans_report_little_coverage():
    result = diff(parse_text(PARENT.read_text(encoding="utf-8")),
                  parse_text((FIXTURES / "plans" / "party_plan.txt").read_text(encoding="utf-8")))
    assert result.summary["coverage"] < 0.3 and not result.cites_parent


def kehoach_parse(path):
    from kehoach import parse

    return parse(path)


def test_reports_in_vietnamese_and_english():
    result = diff(parse_text(PARENT.read_text(encoding="utf-8")), parse_text(CHILD.read_text(encoding="utf-8")))
    text = terminal(result, colour=False)
    assert "Chỉ tiêu" in text and "giảm" in text and max(len(line) for line in text.splitlines()) <= 100
    assert "Targets" in terminal(result, lang="en", colour=False)
    md = markdown(result)
    assert md.startswith("# So sánh kế hoạch") and "| **thiếu** |" in md
    assert "## Targets" in markdown(result, lang="en")
    html_page = page(result)
    assert html_page.startswith("<!DOCTYPE html>") and '<table id="targets">' in html_page
    assert "<script" not in html_page and "http" not in html_page.split("</style>")[1]


def test_html_written_to_a_file(tmp_path):
    out = tmp_path / "report.html"
    done = runner.invoke(app, ["diff", str(PARENT), str(CHILD), "-f", "html", "-o", str(out)])
    assert done.exit_code == 1 and out.read_text(encoding="utf-8").count('<tr class="missing"') == 3


def test_the_html_report_has_what_an_official_checks_by():
    import datetime

    result = diff(kehoach_parse(PARENT), kehoach_parse(CHILD))
    html_page = page(result, today=datetime.date(2026, 12, 4))
    assert "Lập ngày 04/12/2026" in html_page
    assert str(PARENT) in html_page and str(CHILD) in html_page  # both files, with number, issuer, date
    assert result.parent.issuer and result.parent.issuer in html_page and result.child.date in html_page
    assert '<p class="conclusion fail">Kết luận: Chưa đạt: ' in html_page and "chỉ tiêu bị giảm" in html_page
    assert '<dl class="legend">' in html_page and "Độ khớp: mức giống nhau" in html_page
    assert "Mục II" in html_page and "dòng " in html_page  # the item's number and where it is in its file
    assert "<mark>60%</mark>" in html_page  # the figure that changed, marked in the child's text
    assert "→" in html_page and "->" not in html_page.split("</style>")[1]
    assert "@media print" in html_page
    english = page(result, lang="en")
    assert "Not passed:" in english and "Legend" in english


def test_diff_as_a_real_subprocess():
    done = subprocess.run([sys.executable, "-m", "kehoach", "diff", str(PARENT), str(CHILD), "-f", "markdown"],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 1 and "So sánh kế hoạch" in done.stdout.decode("utf-8")


def test_a_part_given_to_another_body_and_not_taken_up_is_out_of_scope():
    """Tasks laid out by agency: the child (a ward) takes up the health office's part and none of the
    school office's; the school part's rows are out_of_scope, not missing, and leave coverage alone."""
    parent = _plan(tasks=[("Sở Y tế", ["Tổ chức khám sức khỏe định kỳ cho người cao tuổi.",
                                       "Tầm soát bệnh bẩm sinh cho trẻ sơ sinh."]),
                          ("Sở Giáo dục và Đào tạo", ["Đưa nội dung dân số vào chương trình giảng dạy."])])
    child = _plan(tasks=[("Trạm Y tế phường", ["Tổ chức khám sức khỏe định kỳ cho người cao tuổi.",
                                               "Tầm soát bệnh bẩm sinh cho trẻ sơ sinh."])], number="09/KH-BTV")
    result = diff(parent, child)
    statuses = {row.parent: row.status for row in result.tasks if row.parent}
    assert statuses["Sở Giáo dục và Đào tạo"] == "out_of_scope"
    assert statuses["Đưa nội dung dân số vào chương trình giảng dạy."] == "out_of_scope"
    assert statuses["Tổ chức khám sức khỏe định kỳ cho người cao tuổi."] == "covered"
    assert statuses["Sở Y tế"] == "covered"  # the ward's health station does the same work
    assert result.summary["coverage"] == 1.0  # the school part not counted
    assert "missing" not in result.summary["tasks"]
    assert next(row.detail for row in result.tasks if row.status == "out_of_scope") == "given to Sở Giáo dục và Đào tạo"


def test_a_part_taken_up_in_part_keeps_its_missing_rows():
    parent = _plan(tasks=[("Sở Y tế", ["Tổ chức khám sức khỏe định kỳ cho người cao tuổi.",
                                       "Kiểm tra việc sử dụng kinh phí của các đơn vị."])])
    child = _plan(tasks=[("Trạm Y tế phường", ["Tổ chức khám sức khỏe định kỳ cho người cao tuổi."])],
                  number="09/KH-BTV")
    statuses = [row.status for row in diff(parent, child).tasks if row.parent]
    assert "missing" in statuses and "out_of_scope" not in statuses


def test_a_child_target_that_takes_the_parents_figure_over_is_kept():
    parent = _plan(targets=["100% cán bộ, công chức được tập huấn về phòng, chống mại dâm."])
    child = _plan(targets=["Cán bộ, công chức được tập huấn về phòng, chống mại dâm: theo chỉ tiêu tại "
                           "Kế hoạch số 11/KH-BTV ngày 26/01/2022."], number="09/KH-BTV")
    other = _plan(targets=["Cán bộ, công chức được tập huấn về phòng, chống mại dâm: theo chỉ tiêu tại "
                           "Kế hoạch số 99/KH-UBND ngày 26/01/2022."], number="09/KH-BTV")
    row = diff(parent, child).targets[0]
    assert row.status == "kept" and row.detail == "100% referred to" and row.child.refers_to == "11/KH-BTV"
    assert diff(parent, other).targets[0].status == "weakened"


def test_assignments_compared_are_the_organization_sections_entries():
    """A plan laid out by agency names bodies in its tasks too; the diff's assignments are who answers
    for the plan ("Tổ chức thực hiện"), the task bodies being compared with the tasks."""
    parent = _plan(tasks=[("Sở Y tế", ["Khám sức khỏe."]), ("Sở Tài chính", ["Bố trí kinh phí."])],
                   organization=["Sở Y tế: theo dõi, đôn đốc", "Ủy ban nhân dân xã: tổ chức thực hiện"])
    assert {a.agency for a in parent.assignments} >= {"Sở Tài chính", "Ủy ban nhân dân xã"}
    rows = diff(parent, parent).assignments
    assert sorted(row.parent for row in rows) == ["Sở Y tế", "Ủy ban nhân dân xã"]
    assert all(row.status == "covered" for row in rows)


def test_a_whole_restated_without_its_figure_is_kept():
    """"100% các nhà trường xây dựng ..." is "nhà trường xây dựng ..." in one school's plan."""
    parent = _plan(targets=["100% cán bộ, giáo viên được quán triệt pháp luật; 100% các nhà trường xây dựng nội "
                            "dung truyền thông phù hợp với học sinh."])
    child = _plan(targets=["100% cán bộ, giáo viên được quán triệt pháp luật; nhà trường xây dựng nội dung truyền "
                           "thông phù hợp với học sinh."], number="09/KH-BTV")
    assert diff(parent, child).targets[0].status == "kept"
    dropped = _plan(targets=["100% cán bộ, giáo viên được quán triệt pháp luật; tổ chức hội thi tìm hiểu pháp luật."],
                    number="09/KH-BTV")
    assert diff(parent, dropped).targets[0].status == "weakened"
