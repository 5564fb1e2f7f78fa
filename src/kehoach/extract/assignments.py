"""assignments: which body the plan gives which duties: the entries of its organization section,
the bodies a task names as its lead or partners ("Cơ quan chủ trì" / "Cơ quan phối hợp"), and the
agency headings of a plan laid out by agency."""

from __future__ import annotations

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.grammar.schema import AssignmentsFile
from kehoach.models import Assignment, AssignmentMode, Role
from kehoach.normalize.text import is_upper
from kehoach.outline import Node, Outline

# patterns used in loops, compiled once
_COMMA = compile_regex(r",\s*")

_AGENCY_WORDS = 30


def _agency(title: str) -> tuple[str, AssignmentMode, str]:
    """(agency, mode, the rest of the title) of an entry such as "Đề nghị Công an huyện"."""
    rules = grammar.assignments()
    mode: AssignmentMode = "assigned"
    text = title.strip()
    requested = rules.requested.rx.match(text)
    if requested:
        mode, text = "requested", text[requested.end():]
    else:
        assigned = rules.assigned.rx.match(text)
        if assigned:
            text = text[assigned.end():]
    end = rules.agency_end.rx.search(text)
    rest = ""
    if end:
        text, rest = text[: end.start()], text[end.start():]
    return text.strip(" .:;,"), mode, rest.strip(" :")


def _bodies(text: str) -> list[str]:
    """"Phòng Văn hóa và Thông tin, Công an huyện và Phòng Tư pháp" -> three bodies: a comma always
    separates, "và" only before a word a body's name starts with."""
    rules = grammar.assignments()
    head, joiner = rules.agency_head.rx, rules.joiner.rx
    names: list[str] = []
    for part in _COMMA.split(text):
        cuts = list(joiner.finditer(part))
        current = part[:cuts[0].start()] if cuts else part
        for index, cut in enumerate(cuts):
            piece = part[cut.end():cuts[index + 1].start() if index + 1 < len(cuts) else len(part)]
            if head.match(piece):
                names.append(current)
                current = piece
            else:
                current = f"{current} {cut.group().strip()} {piece}"  # the joining word as written
        names.append(current)
    return names


def _coordinates(texts: list[str]) -> list[str]:
    found: list[str] = []
    coordinates = grammar.assignments().coordinates  # once: asked of every duty
    for text in texts:
        for match in coordinates.finditer(text):
            for name in _bodies(match.group("who")):
                name = name.strip(" .;:")
                if name and name not in found and len(name.split()) <= 14:
                    found.append(name)
    return found


def _entry(title: str, duties: list[str], node_id: str, block: Block) -> Assignment | None:
    agency, mode, rest = _agency(title)
    words = len(agency.split())
    if not agency or words > _AGENCY_WORDS or not agency[:1].isupper() or words < 2:
        return None
    duties = ([rest] if rest else []) + duties
    leads = grammar.assignments().lead
    lead = True if any(leads.search(d[:80]) for d in duties) else None
    return Assignment(agency=agency, mode=mode, lead=lead, coordinates_with=_coordinates(duties), duties=duties,
                      section_id=node_id, source=block.source())


def extract_assignments(outline: Outline) -> list[Assignment]:
    """The organization section's entries, after the bodies each task names as its lead or its
    partners ("Cơ quan chủ trì" / "- Bộ Quốc phòng.")."""
    rules = grammar.assignments()
    out: list[Assignment] = [*_task_bodies(outline), *_task_notes(outline), *_agency_sections(outline),
                             *_articles(outline)]
    for node in outline.top_sections(Role.organization):
        if _heading_lead(node.title, rules) is not None:
            continue  # a task's "Cơ quan chủ trì, phối hợp": its bodies were read with the task
        if node.children:
            for child in node.children:
                if child.own_role and child.role not in (Role.organization, None):
                    continue  # "7. Kinh phí thực hiện": a part of its own, no body's duties
                if _heading_lead(child.title, rules) is not None:
                    continue
                listed = _colon_entries(child)
                if len(listed) >= 2:  # "1. Các sở, ngành" with "- Sở Y tế: ..." items: the items are the entries
                    out += listed
                    continue
                duties = ([child.lead] if child.lead else []) + child.texts_below()
                entry = _entry(child.title, duties, child.id, child.block)
                if entry is not None:
                    out.append(entry)
        else:
            out += _colon_entries(node)
    return out


def _colon_entries(node: Node) -> list[Assignment]:
    """Entries written as "Sở Y tế: chủ trì ..." paragraphs or items of a section."""
    entries = []
    rules = grammar.assignments()
    for part in node.content:
        head, sep, rest = part.text.partition(":")
        # the words before the colon name a body ("Trong đó giao Giám đốc ... chỉ đạo thực hiện:",
        # "Quá trình thực hiện nếu có ...:" do not)
        if sep and len(head.split()) <= _AGENCY_WORDS and _names_a_body(_agency(head)[0], rules):
            entry = _entry(head, [rest.strip()], node.id, part.block)
            if entry is not None:
                entries.append(entry)
    return entries


def _task_bodies(outline: Outline) -> list[Assignment]:
    """The bodies a task names under "Cơ quan chủ trì" (lead) or "Cơ quan phối hợp" (partners), each
    an entry whose duty is that task."""
    rules = grammar.assignments()
    out: list[Assignment] = []
    for node in outline.walk():
        lead = _heading_lead(node.title, rules)
        if lead is None:
            continue
        task = next((above for above in node.ancestors() if _heading_lead(above.title, rules) is None), None)
        duties = [task.title] if task is not None else []
        named = [(node.lead, node.block)] if node.lead else []
        named += [(part.text, part.block) for part in node.content]
        for text, block in named:
            agency = text.strip(" .;:-")
            if agency and agency[:1].isupper() and len(agency.split()) <= _AGENCY_WORDS:
                out.append(Assignment(agency=agency, mode="assigned", lead=lead, duties=duties,
                                      section_id=task.id if task is not None else node.id, source=block.source()))
    return out


def _task_notes(outline: Outline) -> list[Assignment]:
    """The bodies a task's bracketed note gives it to ("(Giao Công an tỉnh chủ trì, phối hợp với ...)"),
    outside the organization section (whose entries are read as its own)."""
    note = grammar.assignments().task_note
    lead_verb = grammar.assignments().lead
    out: list[Assignment] = []
    for node in outline.walk():
        if node.role == Role.organization:
            continue
        for text, block in [(node.full_text, node.block), *((part.text, part.block) for part in node.content)]:
            if not note.possible(text):
                continue
            for found in note.rx.finditer(text):
                lead = True if lead_verb.search(found.group("verb")) else None
                duty = [text[:found.start()].strip()]
                out.append(Assignment(agency=found.group("who").strip(), mode="assigned", lead=lead, duties=duty,
                                      section_id=node.id, source=block.source()))
                if found.group("partners"):
                    out.append(Assignment(agency=found.group("partners").strip(" ;,"), mode="assigned", lead=False,
                                          duties=duty, section_id=node.id, source=block.source()))
    return out


def _heading_lead(title: str, rules: AssignmentsFile) -> bool | None:
    """True for a heading that names a task's lead, False for its partners, None for any other."""
    if rules.task_lead_heading.rx.search(title):
        return True
    if rules.task_partner_heading.rx.search(title):
        return False
    return None


def _agency_sections(outline: Outline) -> list[Assignment]:
    """A plan laid out by agency outside its organization section ("II. NHIỆM VỤ" / "1. Sở Y tế" /
    "a) ..."; a directive's "1. Thủ trưởng các sở, ban, ngành"): each agency heading is an entry,
    where most headings of its level name a body."""
    rules = grammar.assignments()
    out: list[Assignment] = []
    for siblings in _sibling_groups(outline):
        named = [node for node in siblings if _names_a_body(node.title, rules)]
        if len(named) < 2 or len(named) < 0.6 * len(siblings):
            continue
        for node in named:
            entry = _entry(node.title, ([node.lead] if node.lead else []) + node.texts_below(), node.id, node.block)
            if entry is not None:
                out.append(entry)
    return out


def _sibling_groups(outline: Outline) -> list[list[Node]]:
    """The top sections, and the children of each section but an organization section's own
    (read as its entries)."""
    rules = grammar.assignments()
    organization = set(map(id, outline.top_sections(Role.organization)))
    groups = [[node for node in outline.roots if node.role != Role.organization]]
    for node in outline.walk():
        if node.children and id(node) not in organization:
            groups.append([child for child in node.children if _heading_lead(child.title, rules) is None])
    return groups


def names_a_body(title: str) -> bool:
    """A heading that is a body's name ("Sở Y tế", "Đề nghị Ủy ban Mặt trận ..."): see _names_a_body."""
    return _names_a_body(title, grammar.assignments())


def _names_a_body(title: str, rules: AssignmentsFile) -> bool:
    """A heading that is a body's name, asked or told ("Sở Y tế", "Đề nghị Ủy ban Mặt trận ..."):
    short, and no sentence. A heading in capitals ("SỞ Y TẾ") is read in sentence case: the names'
    capitals tell a body from a word ("Ban" from "ban hành") only where the case is the writer's."""
    text = title.strip()
    if is_upper(text):
        text = text[:1] + text[1:].lower()
    for prefix in (rules.requested, rules.assigned):
        found = prefix.rx.match(text)
        if found:
            text = text[found.end():]
    return bool(rules.agency_head.rx.match(text)) and len(text.split()) <= 20 and not text.endswith(".")


def _articles(outline: Outline) -> list[Assignment]:
    """A decision's articles that give a body duties ("Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo"
    / "1. Tổ chức chỉ đạo ..."): the body after "Giao", "Yêu cầu" or "Đề nghị" is an entry."""
    rules = grammar.assignments()
    parts = list(outline.loose) + [part for node in outline.walk() for part in node.content]
    out: list[Assignment] = []
    for part in parts:
        article = rules.article.rx.match(part.text)
        if article is None:
            continue
        rest = part.text[article.end():]
        if not (rules.assigned.rx.match(rest) or rules.requested.rx.match(rest)):
            continue
        entry = _entry(rest, [], "", part.block)
        if entry is not None:
            out.append(entry)
    return out
