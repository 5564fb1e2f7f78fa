"""diff: does a child plan carry out its parent? Targets, tasks, assignments and reporting aligned
globally on a localised similarity, then compared (see `compare`, `similarity`, `align`)."""

from __future__ import annotations

from kehoach import grammar
from kehoach.cache import compile_regex
from kehoach.models import (
    Assignment,
    AssignmentDiff,
    Citation,
    Metric,
    Plan,
    PlanDiff,
    PlanRef,
    ReportingDiff,
    Role,
    Target,
    TargetDiff,
)
from kehoach.normalize.text import key
from kehoach.plandiff.align import align
from kehoach.plandiff.similarity import coverage, dice, token_set
from kehoach.plandiff.tasks import task_rows
from kehoach.plandiff.verdicts import compare, describe

DEFAULT_FAIL_ON = frozenset({"missing", "weakened"})
_CLAUSE_END = compile_regex(r"[;.](?:\s|$)|\d+(?:[.,]\d+)?\s*%")
_CLAUSE_BREAK = compile_regex(r"[;.](?:\s|$)")
_FIGURE = compile_regex(r"\d")


def _ref(plan: Plan) -> PlanRef:
    return PlanRef(number=plan.header.number, title=plan.header.title, issuer=plan.header.issuer,
                   date=plan.header.date, path=plan.source.path)


def cites(child: Plan, parent: Plan) -> bool:
    """The child's legal basis (or any reference) names the parent: by number, or by date and issuer."""
    number = _compact(parent.header.number)
    citations = child.legal_basis + child.references
    if number and parent.header.number_seq is not None and any(_compact(c.number) == number for c in citations):
        return True
    if parent.header.date:
        issuer = key(parent.header.issuer or "")
        for citation in citations:
            if citation.date == parent.header.date and (not issuer or dice(citation.issuer or "", issuer) > 0.3):
                return True
    return any(_names_parent(citation, parent) for citation in citations if citation.number is None)


def _names_parent(citation: Citation, parent: Plan) -> bool:
    """A citation without a number that names the parent by its type and title, its year and its
    issuer ("Thực hiện Kế hoạch triển khai công tác phòng, chống mại dâm năm 2024 của Phòng Giáo dục
    và Đào tạo huyện Vân Hồ"): how a plan cites one that prints no number."""
    header = parent.header
    if not header.title or citation.doc_type != header.doc_type:
        return False
    if coverage(header.title, citation.text) < 0.8:
        return False
    if header.year is not None and str(header.year) not in citation.text and not (
            citation.date or "").startswith(str(header.year)):
        return False
    names = " ".join(part for part in (header.issuer_parent, header.issuer) if part)
    said = citation.issuer or citation.text
    return not names or coverage(names, said) > 0.5


def _targets(parent: Plan, child: Plan) -> list[TargetDiff]:
    threshold = grammar.diff().thresholds.target
    pairs, _ = align(parent.targets, child.targets, lambda p, c: dice(p.text, c.text), threshold)
    rows: list[TargetDiff] = []
    matched_children = set()
    for index, target in enumerate(parent.targets):
        if index in pairs:
            j, score = pairs[index]
            matched_children.add(j)
            ours, theirs = _in_the_plans_year(target, parent, child.targets[j], child)
            status, detail = compare(_less_restated_wholes(target, ours, child.targets[j]), theirs)
            if _refers_to(child.targets[j], parent):
                status, detail = "kept", f"{'; '.join(describe(m) for m in target.metrics)} referred to".strip()
            rows.append(TargetDiff(status=status, parent=target, child=child.targets[j], score=round(score, 3),
                                   detail=detail))
        else:
            rows.append(TargetDiff(status="missing", parent=target, detail="no matching target in the child"))
    for j, target in enumerate(child.targets):
        if j not in matched_children:
            rows.append(TargetDiff(status="added", child=target))
    return rows


def _less_restated_wholes(target: Target, metrics: list[Metric], counterpart: Target) -> list[Metric]:
    """The parent's metrics less each "100%" the child restates with no figure: "100% các nhà trường
    xây dựng nội dung ..." is "nhà trường xây dựng nội dung ..." in one school's plan, a statement
    about all of them. Only where the child prints fewer percentages than the parent and takes no
    figure from another document."""
    excess = sum(m.unit == "%" for m in metrics) - sum(m.unit == "%" for m in counterpart.metrics)
    if excess <= 0 or counterpart.refers_to is not None:  # a figure taken from another document is not this
        return metrics
    needed = grammar.diff().thresholds.restated
    kept = list(metrics)
    position = 0
    clauses = []
    for metric in metrics:
        found = target.text.find(metric.text, position) if metric.text else -1
        position = found + len(metric.text) if found >= 0 else position
        clauses.append(_CLAUSE_END.split(target.text[position:], maxsplit=1)[0] if found >= 0 else "")
    theirs = [clause for clause in _CLAUSE_BREAK.split(counterpart.text) if clause.strip()]
    for index in reversed(range(len(metrics))):
        metric = metrics[index]
        if not (excess and metric.unit == "%" and metric.value == 100 and metric.comparator in ("=", ">=")
                and clauses[index] and theirs):
            continue
        words = clauses[index]
        said = max(theirs, key=lambda clause: coverage(words, clause))  # the child's clause closest to it
        if coverage(words, said) >= needed and not _FIGURE.search(said):
            del kept[index]
            excess -= 1
    return kept


def _in_the_plans_year(target: Target, parent: Plan, counterpart: Target, child: Plan):
    """The two targets' metrics, a figure that names no year given its plan's year where the other
    side's figure of the same unit names one: a plan's undated "100%" is due within the year the plan
    is for, which a child's "Năm 2022, ít nhất 70%" or "Trước ngày 15/5/2024" is compared with."""
    def dated(metrics, year, others):
        years = {metric.unit for metric in others if metric.year is not None}
        return [metric.model_copy(update={"year": year}) if metric.year is None and year is not None
                and metric.unit in years else metric for metric in metrics]
    return (dated(target.metrics, _plan_year(parent), counterpart.metrics),
            dated(counterpart.metrics, _plan_year(child), target.metrics))


def _plan_year(plan: Plan) -> int | None:
    """The year the plan's title names, else the year it was issued."""
    named = [int(match.group("year")) for match in grammar.diff().plan_year.rx.finditer(plan.header.title or "")]
    return named[-1] if named else plan.header.year


def _refers_to(target: Target, parent: Plan) -> bool:
    """A child target that prints no figure but takes the parent's over ("Theo chỉ tiêu tại Kế hoạch
    số 165/KH-UBND")."""
    number = _compact(parent.header.number)
    return not target.metrics and bool(number) and _compact(target.refers_to) == number


def _compact(number: str | None) -> str:
    """A document number without the spaces a copy may print in it ("36 /KH - UBND")."""
    return (number or "").replace(" ", "")


def _assignments(parent: Plan, child: Plan) -> list[AssignmentDiff]:
    rules = grammar.diff()
    threshold, collective = rules.thresholds.assignment, rules.collective

    def similarity(p, c) -> float:
        # names are short: rapidfuzz's token-set ratio forgives a word added or moved ("Hội LHPN
        # các xã, thị trấn" for "Hội LHPN các huyện"); duties say whether it is the same role
        name = max(dice(p.agency, c.agency), token_set(p.agency, c.agency))
        score = 0.7 * name + 0.3 * dice(" ".join(p.duties), " ".join(c.duties))
        if collective.matches(p.agency) != collective.matches(c.agency):
            score *= rules.thresholds.other_number
        return score

    parents, children = _organization_entries(parent), _organization_entries(child)
    pairs, _ = align(parents, children, similarity, threshold)
    rows = []
    used = set()
    for i, assignment in enumerate(parents):
        if i in pairs:
            j, score = pairs[i]
            used.add(j)
            rows.append(AssignmentDiff(status="covered", parent=assignment.agency, child=children[j].agency,
                                       score=round(score, 3)))
        else:
            rows.append(AssignmentDiff(status="missing", parent=assignment.agency))
    for j, assignment in enumerate(children):
        if j not in used:
            rows.append(AssignmentDiff(status="added", child=assignment.agency))
    return rows


def _organization_entries(plan: Plan) -> list[Assignment]:
    """The entries of the plan's organization section ("Tổ chức thực hiện"): who answers for the
    plan. The bodies its tasks name are compared with the tasks; a plan with no such section is
    read whole."""
    roots = [section.id for section in plan.walk_sections() if section.role == Role.organization]
    inside = [entry for entry in plan.assignments
              if any(entry.section_id == root or entry.section_id.startswith(f"{root}.") for root in roots)]
    return inside or plan.assignments


def _reporting(parent: Plan, child: Plan) -> list[ReportingDiff]:
    """Each dated parent duty against the child's duty for the same period: the child must report
    no later than the parent has to."""
    rows = []
    dated_children = [r for r in child.reporting if r.due_day is not None]
    for duty in (r for r in parent.reporting if r.due_day is not None):
        same = [r for r in dated_children if r.period == duty.period]
        if not same:
            rows.append(ReportingDiff(status="missing", parent=duty, detail=f"no {duty.period} report in the child"))
            continue
        counterpart = same[0]
        parent_due = (duty.due_month or 0, duty.due_day)
        child_due = (counterpart.due_month or 0, counterpart.due_day)
        late = child_due > parent_due
        detail = f"{_due(duty)} -> {_due(counterpart)}"
        rows.append(ReportingDiff(status="late" if late else "ok", parent=duty, child=counterpart, detail=detail))
    return rows


def _due(duty) -> str:
    return f"{duty.due_day}/{duty.due_month}" if duty.due_month else f"ngày {duty.due_day}"


def _counts(rows) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def diff(parent: Plan, child: Plan) -> PlanDiff:
    """Compare a child plan with the parent plan it carries out. Pure."""
    targets, tasks = _targets(parent, child), task_rows(parent, child)
    assignments, reporting = _assignments(parent, child), _reporting(parent, child)
    parent_tasks = [row for row in tasks if row.parent is not None and row.status != "out_of_scope"]
    carried = sum(1.0 if row.status == "covered" else 0.5 if row.status == "partial" else 0.0 for row in parent_tasks)
    summary = {
        "targets": _counts(targets), "tasks": _counts(tasks), "assignments": _counts(assignments),
        "reporting": _counts(reporting),
        "coverage": round(carried / len(parent_tasks), 3) if parent_tasks else 1.0,
    }
    return PlanDiff(parent=_ref(parent), child=_ref(child), cites_parent=cites(child, parent), targets=targets,
                    tasks=tasks, assignments=assignments, reporting=reporting, summary=summary)


def failures(result: PlanDiff, fail_on=DEFAULT_FAIL_ON) -> int:
    """How many rows have a status that should fail the check (exit status 1)."""
    return sum(count for count in failing_statuses(result, fail_on).values())


def failing_statuses(result: PlanDiff, fail_on=DEFAULT_FAIL_ON) -> dict[str, int]:
    """The statuses of `fail_on` that some row has, with how many rows have each."""
    counts: dict[str, int] = {}
    statuses = [row.status for rows in (result.targets, result.tasks, result.assignments, result.reporting)
                for row in rows]
    for status in statuses:
        if status in fail_on:
            counts[status] = counts.get(status, 0) + 1
    return counts


def not_comparable(parent: Plan) -> str | None:
    """Why `parent` cannot be the parent of a diff, or None. A document with no targets, tasks
    or reporting duties hands nothing down: a diff against it would find nothing missing and
    report every task carried out."""
    if parent.targets or parent.tasks or parent.reporting:
        return None
    kind = parent.header.doc_type or "document"
    return (f"the parent ({kind}) has no targets, tasks or reporting duties to carry down, so there is nothing to "
            "compare: is it the plan the child carries out?")
