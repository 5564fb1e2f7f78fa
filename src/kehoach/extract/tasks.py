"""tasks: the task groups of the "Nhiệm vụ, giải pháp" section, with their items."""

from __future__ import annotations

from kehoach.models import Role, Task
from kehoach.outline import Node, Outline


def _items(node: Node) -> list[str]:
    items = [part.text for part in node.content]
    for child in node.children:
        items.append(child.full_text)
        items += _items(child)
    return items


def extract_tasks(outline: Outline) -> list[Task]:
    tasks: list[Task] = []
    for node in outline.walk():
        if node.role != Role.tasks or (node.parent is not None and node.parent.role == Role.tasks):
            continue
        if node.children:
            for child in node.children:
                tasks.append(Task(id=child.id, label=child.label.label, title=child.title,
                                  items=([child.lead] if child.lead else []) + _items(child),
                                  source=child.block.source()))
        else:
            for index, item in enumerate(node.items, start=1):
                tasks.append(Task(id=f"{node.id}.-{index}", label=item.marker, title=item.text, items=[],
                                  source=item.block.source()))
    return tasks
