"""tasks: the task groups of the "Nhiệm vụ, giải pháp" section, with their items."""

from __future__ import annotations

from kehoach.models import Role, Task
from kehoach.outline import Outline


def extract_tasks(outline: Outline) -> list[Task]:
    tasks: list[Task] = []
    for node in outline.top_sections(Role.tasks):
        if node.children:
            for child in node.children:
                tasks.append(Task(id=child.id, label=child.label.label, title=child.title,
                                  items=([child.lead] if child.lead else []) + child.texts_below(),
                                  source=child.block.source()))
        else:
            for index, item in enumerate(node.items, start=1):
                tasks.append(Task(id=f"{node.id}.-{index}", label=item.marker, title=item.text, items=[],
                                  source=item.block.source()))
    return tasks
