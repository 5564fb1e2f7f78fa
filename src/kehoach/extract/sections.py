"""The plan's sections: the outline's numbered nodes as the output's `Section` tree."""

from __future__ import annotations

from kehoach.models import Section
from kehoach.outline import Item, Node, Outline


def extract_sections(outline: Outline) -> list[Section]:
    return [_section(root) for root in outline.roots]


def _section(node: Node) -> Section:
    texts = [node.lead] if node.lead else []
    items: list[str] = []
    for part in node.content:  # one pass: a section per numbered paragraph of the plan
        (items if isinstance(part, Item) else texts).append(part.text)
    return Section(
        id=node.id,
        label=node.label.label,
        numbering=node.label.scheme,
        depth=node.depth,
        title=node.title,
        role=node.role,
        text=" ".join(texts),
        items=items,
        source=node.block.source(),
        children=[_section(child) for child in node.children],
    )
