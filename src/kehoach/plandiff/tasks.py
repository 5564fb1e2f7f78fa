"""The task part of the diff: the parent's task tree aligned with the child's, level by level.

A child plan keeps its parent's outline more often than its wording: its task groups answer the
parent's groups (reordered, renamed, or one body per body when the parent is laid out by agency),
and the items of a group are paraphrased inside the matching group. So the groups are aligned first,
on their headings and on everything written under them (a heading "Sở Tài chính" and "Phòng Kinh
tế, Hạ tầng và Đô thị" share no word, their duties do), then the items inside each pair of aligned
groups, where a weaker likeness is enough because the outline vouches for it. What is left is
aligned across the whole plan at the usual thresholds (an item moved to another group), and an
item still without a partner may have been merged into a child item that carries it with another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kehoach import grammar
from kehoach.extract.assignments import names_a_body
from kehoach.models import Plan, Role, TaskDiff, TaskKind, TaskStatus
from kehoach.plandiff.align import align
from kehoach.plandiff.similarity import coverage, dice


@dataclass(frozen=True)
class TaskUnit:
    kind: TaskKind  # "group" (a numbered task heading) or "item" (a listed task)
    text: str
    id: str
    parent_id: str | None = None  # the group it is written under; None at the top of the task part
    body: str = ""  # its text with everything written under it
    headed: bool = False  # a group with items or groups under it (not one paragraph under a label)

    @property
    def sentence(self) -> str:
        """What a task says: an item's or a labelled paragraph's whole text, a group's heading."""
        return self.text if self.headed else self.body or self.text


def task_units(plan: Plan) -> list[TaskUnit]:
    """The numbered task groups and listed task items of a plan's task sections, in order."""
    units: list[TaskUnit] = []

    def visit(section, parent_id: str | None, top: bool) -> None:
        start = len(units)
        own = None if top else section.id
        if not top:
            units.append(TaskUnit("group", section.title, section.id, parent_id))
        for index, item in enumerate(section.items, start=1):
            units.append(TaskUnit("item", item, f"{section.id}.-{index}", own, item))
        for child in section.children:
            visit(child, own, top=False)
        if not top:
            body = " ".join(part for part in [section.title, section.text, *(unit.text for unit in units[start + 1:])]
                            if part)
            units[start] = TaskUnit("group", section.title, section.id, parent_id, body, headed=len(units) > start + 1)

    def walk(sections, inside_tasks: bool) -> None:
        for section in sections:
            if section.role == Role.tasks and not inside_tasks:
                visit(section, None, top=True)
            else:
                walk(section.children, inside_tasks or section.role == Role.tasks)

    walk(plan.sections, False)
    return units


def text_similarity(parent: TaskUnit, child: TaskUnit) -> float:
    return max(dice(parent.sentence, child.sentence), 0.75 * coverage(parent.sentence, child.sentence))


def unit_similarity(parent: TaskUnit, child: TaskUnit) -> float:
    """Two groups are alike by their headings or by what is written under them; items by their text.
    A group headed by a body's name ("Sở Y tế", "Trạm Y tế phường") is compared by its duties alone:
    a body's counterpart one level down is named differently ("Sở Tài chính" -> "Phòng Kinh tế, Hạ
    tầng và Đô thị") or alike by chance ("Sở" in "trung học cơ sở"), but does the same work."""
    headed = parent.headed and child.headed
    if headed:
        content = dice(parent.body, child.body)
        if names_a_body(parent.text) or names_a_body(child.text):
            return content
        return max(content, text_similarity(parent, child))
    if any(unit.headed and names_a_body(unit.text) for unit in (parent, child)):
        return 0.0  # a body with its duties is not one sentence that names it
    return text_similarity(parent, child)


@dataclass
class _Match:
    child: int
    score: float
    in_group: bool  # vouched for by the outline: inside a pair of aligned groups, or merged


def _align_tree(parents: list[TaskUnit], children: list[TaskUnit], own_part: str | None) -> dict[int, _Match]:
    limits = grammar.diff().thresholds
    under_p = _by_parent(parents)
    under_c = _by_parent(children)
    matches: dict[int, _Match] = {}
    used: set[int] = set()

    def level(p_ids: list[int], c_ids: list[int]) -> None:
        pairs, _ = align([parents[i] for i in p_ids], [children[j] for j in c_ids], unit_similarity,
                         limits.task_in_group)
        for position, (j, score) in pairs.items():
            i, c = p_ids[position], c_ids[j]
            matches[i] = _Match(c, score, in_group=True)
            used.add(c)
            level(under_p.get(parents[i].id, []), under_c.get(children[c].id, []))

    # the parent's part addressed to the child's own level ("Ủy ban nhân dân xã, phường" in a city's
    # plan, read by a ward) is what the whole child carries out: not one of the child's bodies'
    # counterpart, it takes none of their places; its duties are spread over the child's bodies, so
    # each is looked for across the child as inside an aligned group
    level([i for i in under_p.get(None, []) if parents[i].id != own_part], under_c.get(None, []))
    own = [i for i, unit in enumerate(parents) if own_part is not None and i not in matches
           and (unit.parent_id == own_part or (unit.parent_id or "").startswith(f"{own_part}."))]
    free = [j for j in range(len(children)) if j not in used]
    pairs, _ = align([parents[i] for i in own], [children[j] for j in free], unit_similarity, limits.task_in_group)
    for position, (j, score) in pairs.items():
        matches[own[position]] = _Match(free[j], score, in_group=True)
        used.add(free[j])

    # what the outline did not place: aligned across the whole plan, at the usual thresholds
    p_left = [i for i in range(len(parents)) if i not in matches]
    c_left = [j for j in range(len(children)) if j not in used]
    pairs, _ = align([parents[i] for i in p_left], [children[j] for j in c_left], unit_similarity,
                     limits.task_partial)
    for position, (j, score) in pairs.items():
        matches[p_left[position]] = _Match(c_left[j], score, in_group=False)
        used.add(c_left[j])

    # two parent items carried by one child item: the merged item covers the one left over
    counterpart = {parents[i].id: children[m.child].id for i, m in matches.items()}
    for i, unit in enumerate(parents):
        if i in matches or unit.headed:  # a group is carried by its content, not merged by its heading
            continue
        home = counterpart.get(unit.parent_id or "")
        everywhere = i in own
        best: tuple[float, int] | None = None
        for j, candidate in enumerate(children):
            if candidate.kind != unit.kind and home is None and not everywhere:
                continue
            inside = home is not None and candidate.parent_id == home
            needed = limits.merge_in_group if inside else limits.merge_own_level if everywhere else limits.merge
            share = coverage(unit.sentence, candidate.sentence)
            if share >= needed and (best is None or share > best[0]):
                best = (share, j)
        if best is not None:
            matches[i] = _Match(best[1], best[0], in_group=True)
    _fill_gaps(parents, children, matches, counterpart, under_p, under_c)
    return matches


def _fill_gaps(parents: list[TaskUnit], children: list[TaskUnit], matches: dict[int, _Match],
               counterpart: dict[str, str], under_p: dict[str | None, list[int]],
               under_c: dict[str | None, list[int]]) -> None:
    """An item left between two items carried in order by two child items that stand one apart,
    inside the aligned group, is carried by the one between them, if it shares enough words either
    way: the child kept the parent's order and summed that item up in a line of its own, or merged it
    with another parent's duty (the order is the evidence a likeness of words too weak alone needs)."""
    needed = grammar.diff().thresholds.merge_in_group
    for i, unit in enumerate(parents):
        home = counterpart.get(unit.parent_id or "")
        if i in matches or unit.headed or home is None:
            continue
        siblings, kids = under_p[unit.parent_id], under_c.get(home, [])
        at = siblings.index(i)
        if at == 0 or at == len(siblings) - 1:
            continue
        before, after = matches.get(siblings[at - 1]), matches.get(siblings[at + 1])
        if before is None or after is None or before.child not in kids or after.child not in kids:
            continue
        first, last = kids.index(before.child), kids.index(after.child)
        if last - first != 2:
            continue
        candidate = kids[first + 1]
        share = max(coverage(unit.sentence, children[candidate].sentence),
                    coverage(children[candidate].sentence, unit.sentence))
        if share >= needed:
            matches[i] = _Match(candidate, share, in_group=True)


def _by_parent(units: Sequence[TaskUnit]) -> dict[str | None, list[int]]:
    groups: dict[str | None, list[int]] = {}
    for index, unit in enumerate(units):
        groups.setdefault(unit.parent_id, []).append(index)
    return groups


def task_rows(parent: Plan, child: Plan) -> list[TaskDiff]:
    """A row per parent task group and item (covered, partial, missing, out_of_scope) in the
    parent's order, then the child's items that carry none of them (added)."""
    limits = grammar.diff().thresholds
    parents, children = task_units(parent), task_units(child)
    own_part = _own_part(parents, child)
    matches = _align_tree(parents, children, own_part.id if own_part else None)
    handed_on = _handed_on(children, child) if own_part else None
    rows: list[TaskDiff] = []
    for i, unit in enumerate(parents):
        match = matches.get(i)
        if match is None and unit is own_part:
            if handed_on is not None:
                rows.append(TaskDiff(status="covered", parent=unit.text, child=handed_on.text, kind=unit.kind,
                                     parent_id=unit.id, child_id=handed_on.id,
                                     detail="the child's own level: carried out by the whole plan, "
                                            "handed on to the tier below it"))
            else:
                rows.append(TaskDiff(status="covered", parent=unit.text, child=child.header.issuer, kind=unit.kind,
                                     parent_id=unit.id, detail="the child's own level: carried out by the whole plan"))
            continue
        if match is None:
            rows.append(TaskDiff(status="missing", parent=unit.text, kind=unit.kind, parent_id=unit.id))
            continue
        status: TaskStatus = "covered" if match.in_group or match.score >= limits.task_covered else "partial"
        partner = children[match.child]
        rows.append(TaskDiff(status=status, parent=unit.text, child=partner.text, score=round(match.score, 3),
                             kind=unit.kind, parent_id=unit.id, child_id=partner.id))
    _set_out_of_scope(rows, parents)
    carried = {children[m.child].id for m in matches.values()} | ({handed_on.id} if handed_on else set())
    for unit in children:
        if unit.id not in carried:
            rows.append(TaskDiff(status="added", child=unit.text, kind=unit.kind, child_id=unit.id))
    return rows


def _own_part(parents: list[TaskUnit], child: Plan) -> TaskUnit | None:
    """The parent's group headed by the body the child is, at the child's level ("Ủy ban nhân dân xã,
    phường" for "Ủy ban nhân dân phường Ninh Kiều"; levels are one word for the similarity)."""
    issuer = child.header.issuer
    if not issuer:
        return None
    heads = [unit for unit in parents if unit.parent_id is None and unit.headed
             and names_a_body(unit.text) and coverage(unit.text, issuer) >= grammar.diff().thresholds.own_level]
    return heads[0] if len(heads) == 1 else None


def _handed_on(children: list[TaskUnit], child: Plan) -> TaskUnit | None:
    """The child's own part for the administrative tier below its issuer's ("Trưởng các khu vực" in
    a ward's plan), where exactly one of its top task groups is headed so: it answers
    the parent's part for the child's tier, as the child's whole plan carries that part out."""
    tiers = grammar.diff().tiers
    issuer = child.header.issuer or ""
    held = [index for index, tier in enumerate(tiers) if tier.matches(issuer)]
    if not held or held[-1] + 1 >= len(tiers):
        return None
    below = tiers[held[-1] + 1]
    heads = [unit for unit in children if unit.kind == "group" and unit.parent_id is None and below.matches(unit.text)]
    return heads[0] if len(heads) == 1 else None


def _set_out_of_scope(rows: list[TaskDiff], parents: list[TaskUnit]) -> None:
    """A parent that lays its tasks out by agency ("1. Sở Y tế" / "a) ...") gives each part to one
    body: a part of which the child takes up nothing, its heading and every item missing, was
    another body's job. Its rows say so (out_of_scope) instead of "missing"."""
    by_id = {row.parent_id: row for row in rows if row.parent_id is not None}
    for unit in parents:
        if unit.kind != "group" or not names_a_body(unit.text):
            continue
        part = [row for pid, row in by_id.items() if pid == unit.id or pid.startswith(f"{unit.id}.")]
        if part and all(row.status == "missing" for row in part):
            for row in part:
                row.status = "out_of_scope"
                row.detail = f"given to {unit.text}"
