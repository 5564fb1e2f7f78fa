"""objectives: the viewpoints, purposes, requirements and goals a plan states."""

from __future__ import annotations

from kehoach import grammar
from kehoach.models import Objective, ObjectiveKind, Role
from kehoach.normalize.text import key
from kehoach.outline import Outline

_KINDS: dict[Role | None, ObjectiveKind] = {
    Role.viewpoint: "viewpoint", Role.purpose: "purpose", Role.requirements: "requirement", Role.objectives: "general"}


def extract_objectives(outline: Outline) -> list[Objective]:
    out: list[Objective] = []
    for node in outline.walk():
        kind = _KINDS.get(node.role)
        if kind is None:
            continue
        if kind == "general" and grammar.roles().specific_objectives.matches(key(node.title)):
            kind = "specific"
        if not node.own_role:
            out.append(Objective(text=node.full_text, kind=kind, section_id=node.id, source=node.block.source()))
        if node.lead and node.own_role:
            out.append(Objective(text=node.lead, kind=kind, section_id=node.id, source=node.block.source()))
        for part in node.content:
            out.append(Objective(text=part.text, kind=kind, section_id=node.id, source=part.block.source()))
    return out
