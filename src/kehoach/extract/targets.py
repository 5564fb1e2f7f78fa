"""targets: the items of target sections, quantified items of objective sections, any item that
opens with a quantified commitment ("100% các đơn vị trường học ..."), the commitments a paragraph
lists after a colon (one per clause), and the rows of an indicator table (extract/tables.py)."""

from __future__ import annotations

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.extract.citations import mentions
from kehoach.extract.metrics import opens_with_commitment, read_metrics
from kehoach.extract.tables import table_rows
from kehoach.models import Role, Target
from kehoach.outline import Item, Node, Outline, Paragraph


def _is_lead_in(text: str) -> bool:
    """"Đến cuối giai đoạn:": a line that introduces the items below it."""
    return text.rstrip().endswith(":") and len(text.split()) <= 12


def _target(text: str, node_id: str, block: Block, metrics: list | None = None, refers_to: str | None = None) -> Target:
    metrics = read_metrics(text) if metrics is None else metrics
    if not metrics and refers_to is None:  # "Theo chỉ tiêu tại Kế hoạch số 81/KH-SLĐTBXH": the figure is another's
        refers_to = next((mention.number for mention in mentions(text) if mention.number), None)
    return Target(text=text, section_id=node_id, source=block.source(), metrics=metrics, refers_to=refers_to)


def extract_targets(outline: Outline, cut: Block | None) -> list[Target]:
    """Targets in document order. `cut` is the last block of a text cut short: its item is incomplete."""
    targets: list[Target] = []
    seen: set[int] = set()

    def add(text: str, node_id: str, block: Block, metrics: list | None = None, refers_to: str | None = None) -> None:
        if block is cut or id(block) in seen:
            return
        seen.add(id(block))
        targets.append(_target(text, node_id, block, metrics, refers_to))

    def add_clause(text: str, node_id: str, block: Block) -> None:
        if block is not cut:
            targets.append(_target(text, node_id, block))

    for node in outline.walk():
        node_listed: list[str] = []
        if node.role in (Role.targets, Role.objectives):
            for row in table_rows(part.block for part in node.content):
                add(row.indicator, node.id, row.block, row.metrics, row.refers_to)
        if node.role == Role.targets:
            _from_target_section(node, add)
        elif node.role == Role.objectives:
            if not node.own_role and not node.children and (metrics := read_metrics(node.full_text)):
                add(node.full_text, node.id, node.block, metrics)  # "1. Giảm 10% số ca mắc ..." under "MỤC TIÊU"
            for part in node.content:
                if part.block.cell is None and not _is_lead_in(part.text) and (metrics := read_metrics(part.text)):
                    add(part.text, node.id, part.block, metrics)
        else:
            if node.parent is not None and opens_with_commitment(node.full_text) and not node.children:
                add(node.full_text, node.id, node.block)
            elif node.role != Role.situation:
                # the numbered paragraph and the paragraphs under it, as one text: a page break or a
                # converter may have cut the list of commitments anywhere
                running = " ".join([node.full_text, *(p.text for p in node.content if isinstance(p, Paragraph))])
                node_listed = listed_commitments(running)
                for clause in node_listed:
                    add_clause(clause, node.id, node.block)
                if not node_listed and node.role in _STATED_IN:
                    # the title and what follows it apart: the outline cut the paragraph after its
                    # first sentence, whose full stop it left out
                    for sentence in [*stated_commitments(node.title), *stated_commitments(node.lead)]:
                        add_clause(sentence, node.id, node.block)
            for part in node.content:
                if opens_with_commitment(part.text):
                    add(part.text, node.id, part.block)
                elif node.role != Role.situation:
                    listed = listed_commitments(part.text) if isinstance(part, Item) else []
                    for clause in listed:
                        add_clause(clause, node.id, part.block)
                    # a paragraph whose listed commitments were read with the node's text gave them
                    if not listed and node.role in _STATED_IN and not (node_listed and isinstance(part, Paragraph)):
                        for sentence in stated_commitments(part.text):
                            add_clause(sentence, node.id, part.block)
    for part in outline.loose:
        if opens_with_commitment(part.text):
            add(part.text, "", part.block)
    return targets


def _from_target_section(node: Node, add) -> None:
    if not node.own_role and not node.children and not node.items:
        add(node.full_text, node.id, node.block)  # a numbered target under "Chỉ tiêu"
    content = [part for part in node.content if part.block.cell is None]  # table cells: read by rows
    for index, part in enumerate(content):
        following = content[index + 1] if index + 1 < len(content) else None
        if _is_lead_in(part.text) and following is not None and (
                isinstance(part, Paragraph) or (isinstance(following, Item) and following.level > part.level)):
            continue  # "Đến cuối giai đoạn:" introduces the items below
        metrics = None if isinstance(part, Item) else read_metrics(part.text)
        if metrics is None or metrics:
            add(part.text, node.id, part.block, metrics)


# where a sentence inside a paragraph can commit to a figure: a task's text, or a section whose role
# is not known (a directive's numbered headings)
_STATED_IN = (Role.tasks, None)
_SENTENCE_END = compile_regex(r"(?<=[.!?])\s+(?=\p{Lu})")


def stated_commitments(text: str) -> list[str]:
    """The sentences of a paragraph that commit to a figure with the figure close after the verb
    ("..., đảm bảo cắt giảm tối thiểu 30% thời gian thực hiện TTHC"; "Trước mắt, giữ nguyên 20 đội
    như hiện nay"), each from its start."""
    rule = grammar.metrics().stated_commitment
    if not rule.possible(text):
        return []
    return [sentence.strip() for sentence in _SENTENCE_END.split(text)
            if rule.rx.search(sentence) and read_metrics(sentence)]


def listed_commitments(text: str) -> list[str]:
    """The clauses of a list of commitments inside running text ("..., cụ thể: Phấn đấu tổng tỷ suất
    sinh đạt 2,1 con/phụ nữ; tỷ số giới tính khi sinh dưới 109 ...; ..."): after a colon, the clauses
    between semicolons that state a figure, when two of them at least commit to one."""
    _, colon, listed = text.partition(":")
    if not colon or ";" not in listed:
        return []
    commits = grammar.metrics().commitment_word
    clauses = [clause.strip(" .;") for clause in listed.split(";")]
    figured = [clause for clause in clauses if clause and read_metrics(clause)]
    if sum(1 for clause in figured if commits.search(clause) or opens_with_commitment(clause)) < 2:
        return []
    return figured
