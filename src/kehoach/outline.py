"""outline: nest the body's paragraphs into sections with a stack, by their numbering tokens.

Schemes nest in the usual order (PHẦN > A. > I. > 1. > 1.1. > a)); a label of a scheme already on
the stack closes the deeper levels. A section's depth is the rank of its scheme among the schemes
the plan uses, so a plan without Roman numerals starts at "1.". Dash, plus and bullet lines are
list items of the section they stand in. Labels that jump or repeat are kept and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.classify import LIST_SCHEMES, Label, Line, rank
from kehoach.diagnostics import Diagnostics
from kehoach.models import Numbering, Relation, Role
from kehoach.roles import role_of

_ROMAN = {"I": 1, "V": 5, "X": 10}
_SENTENCE_END = compile_regex(
    r"(?<!\b\p{Lu}{1,3}|\bv\.v|\bTh\.S|\bTS|\bThS)\.{1,4}\s+(?=[\p{Lu}\d\"“(])"
)
_HEAD_COLON = compile_regex(r"^([^:]{2,90}?):\s+(?=\S)")


@dataclass(slots=True)
class Item:
    """A dash, plus or bullet line: a list item of the section it stands in."""

    marker: str
    text: str
    block: Block
    level: int
    line: Line

    @property
    def opener(self) -> Relation | None:
        """A legal-basis opener after the marker ("- Căn cứ ...")."""
        return self.line.item_opener


@dataclass(slots=True)
class Paragraph:
    text: str
    block: Block
    line: Line

    @property
    def opener(self) -> Relation | None:
        """A legal-basis opener at its start."""
        return self.line.opener


@dataclass(slots=True)
class Node:
    """A numbered section while the outline is built."""

    label: Label
    block: Block
    title: str
    lead: str  # what follows the title in the numbered paragraph itself
    depth: int = 0
    id: str = ""
    role: Role | None = None
    own_role: bool = False
    content: list[Item | Paragraph] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    @property
    def scheme(self) -> Numbering:
        return self.label.scheme

    @property
    def items(self) -> list[Item]:
        return [part for part in self.content if isinstance(part, Item)]

    @property
    def full_text(self) -> str:
        """The numbered paragraph as printed, without its label."""
        return f"{self.title} {self.lead}".strip() if self.lead else self.title

    def walk(self):
        """This node and every node below it, depth first, in document order."""
        return _depth_first([self])

    def texts_below(self) -> list[str]:
        """Everything written under this section, in order: its paragraphs and items, then each
        numbered subsection and what is under it."""
        texts = [part.text for part in self.content]
        for child in self.children:
            texts.append(child.full_text)
            texts += child.texts_below()
        return texts

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _depth_first(nodes: list[Node]):
    """The nodes and all below them, in document order. With a stack of its own: nested generators
    would pass each node up through every level above it."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


@dataclass
class Outline:
    roots: list[Node]
    loose: list[Item | Paragraph]  # body text before the first numbered section
    _order: list[Node] | None = field(default=None, init=False, repr=False, compare=False)

    def walk(self):
        """Every node, depth first, in document order. Listed once, when first asked: eight stages
        walk the outline, which is complete when `build` returns it."""
        if self._order is None:
            self._order = list(_depth_first(self.roots))
        return iter(self._order)

    def release(self) -> None:
        """Unlink each node from its parent, once the outline is no longer needed: without the
        cycles a node and its parent make, it is freed as soon as it is dropped."""
        for node in self.walk():
            node.parent = None

    def top_sections(self, role: Role):
        """The sections of a role whose parent is not of that role ("NHIỆM VỤ, GIẢI PHÁP")."""
        for node in self.walk():
            if node.role == role and (node.parent is None or node.parent.role != role):
                yield node


def split_title(rest: str) -> tuple[str, str]:
    """A section's title and the text that follows it on the same paragraph.

    A short heading is its own title ("Mục tiêu chung", "CHỈ TIÊU:"); "Mục tiêu: Tăng cường ..."
    splits at the colon; a numbered paragraph's title is its first sentence, or the whole paragraph
    when it is one sentence joined by semicolons.
    """
    rest = rest.strip()
    head = _HEAD_COLON.match(rest)
    if head and len(head.group(1).split()) <= 10:
        return head.group(1).strip(), rest[head.end():].strip()
    end = _SENTENCE_END.search(rest)
    if end:
        return rest[: end.start()].strip(), rest[end.end():].strip()
    return rest.rstrip(" :;.").strip(), ""


# a heading whose number a scan lost: the dot after it, then the heading's capital
_ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}
_LOST_LABEL = compile_regex(r"^\.[ \t]+(?=\p{Lu})")


def _next_arabic(classified: list[tuple[Line, Label | None]], index: int) -> int | None:
    """The value of the next "N." after `index` in the same run (before a higher heading), or None:
    a label is restored only into the gap it leaves."""
    for _, lab in classified[index + 1:]:
        if lab is None or lab.scheme in LIST_SCHEMES:
            continue
        if lab.scheme == Numbering.arabic:
            return _value(lab)
        if rank(lab.scheme) < rank(Numbering.arabic):
            return None
    return None


def _demote_strays(classified: list[tuple[Line, Label | None]], diagnostics: Diagnostics) -> None:
    """A scheme used once, after a scheme it should contain has begun ("A." among "1.", "2." under
    "II." is a misread "4."), is not a level of the outline: its line is read as a paragraph."""
    counts: dict[Numbering, int] = {}
    for _, lab in classified:
        if lab and lab.scheme not in LIST_SCHEMES:
            counts[lab.scheme] = counts.get(lab.scheme, 0) + 1
    started: set[Numbering] = set()
    last_arabic: int | None = None  # the last "N." of the current run, for a label a scan lost
    last_roman: int | None = None
    for index, (line, lab) in enumerate(classified):
        if lab is None:
            lost = _LOST_LABEL.match(line.text) if last_arabic is not None else None
            if lost is not None and last_arabic is not None and _next_arabic(classified, index) != last_arabic + 1:
                # ". Đẩy mạnh lồng ghép ..." after "1. Tuyên truyền ...": a scan read the dot, not the digit
                last_arabic += 1
                classified[index] = (line, Label(Numbering.arabic, str(last_arabic), line.text[lost.end():], False))
                diagnostics.warn("label_restored", f"a numbered heading without its number read as {last_arabic}.",
                                 line.block.source())
            continue
        if lab.scheme in LIST_SCHEMES:
            continue
        if counts[lab.scheme] == 1 and any(rank(other) > rank(lab.scheme) for other in started):
            if last_arabic is not None and rank(lab.scheme) < rank(Numbering.arabic) \
                    and _next_arabic(classified, index) != last_arabic + 1:
                # "A." among "3." and ". Đào tạo ...": a misread "4."
                last_arabic += 1
                classified[index] = (line, Label(Numbering.arabic, str(last_arabic), lab.rest, lab.glued))
                diagnostics.warn("label_restored", f"label {lab.label} among numbered headings read as "
                                 f"{last_arabic}.", line.block.source())
                continue
            diagnostics.warn("scheme_out_of_order", f"label {lab.label} is the only one of its kind and stands "
                             f"inside a deeper list: read as text", line.block.source())
            classified[index] = (line, None)
            continue
        started.add(lab.scheme)
        if lab.scheme == Numbering.roman:
            value = _value(lab)
            if last_roman is not None and value is not None and value == last_roman:
                # "II. TỔ CHỨC THỰC HIỆN" after "II. NHIỆM VỤ": a scan read III as II
                value = last_roman + 1
                classified[index] = (line, Label(lab.scheme, _ROMAN_OF[value], lab.rest, lab.glued)) \
                    if value in _ROMAN_OF else (line, lab)
                diagnostics.warn("label_restored", f"label {lab.label} repeated: read as "
                                 f"{_ROMAN_OF.get(value, value)}.", line.block.source())
            last_roman = value
        if lab.scheme == Numbering.arabic:
            last_arabic = _value(lab)
        elif rank(lab.scheme) < rank(Numbering.arabic):
            last_arabic = None


def build_outline(body: list[Line], diagnostics: Diagnostics) -> Outline:
    """The stage: the body's paragraphs nested into sections."""
    classified = [(line, line.label) for line in body]
    _demote_strays(classified, diagnostics)
    used = sorted({lab.scheme for _, lab in classified if lab and lab.scheme not in LIST_SCHEMES}, key=rank)
    depth_of = {scheme: index + 1 for index, scheme in enumerate(used)}
    roots: list[Node] = []
    loose: list[Item | Paragraph] = []
    stack: list[Node] = []
    for line, lab in classified:
        block = line.block
        if lab is None:
            (stack[-1].content if stack else loose).append(Paragraph(block.text, block, line))
        elif lab.scheme in LIST_SCHEMES:
            level = rank(lab.scheme) - rank(Numbering.dash) + 1
            (stack[-1].content if stack else loose).append(Item(lab.label, lab.rest, block, level, line))
        else:
            title, lead = split_title(lab.rest)
            node = Node(label=lab, block=block, title=title, lead=lead, depth=depth_of[lab.scheme])
            if lab.glued:
                diagnostics.warn("label_without_space", f"label glued to its text: {block.text[:40]}",
                                 block.source())
            while stack and rank(stack[-1].scheme) >= rank(lab.scheme):
                stack.pop()
            node.parent = stack[-1] if stack else None
            (node.parent.children if node.parent else roots).append(node)
            stack.append(node)
    outline = Outline(roots, loose)
    _assign_ids_and_roles(outline)
    _check_sequences(outline, diagnostics)
    if not roots:
        diagnostics.warn("no_sections", "no numbered section was found in the body")
    return outline


def _short_label(label: Label) -> str:
    return label.label.split(".")[-1] if label.scheme == Numbering.decimal else label.label


def _assign_ids_and_roles(outline: Outline) -> None:
    seen: dict[str, int] = {}
    for node in outline.walk():
        base = f"{node.parent.id}.{_short_label(node.label)}" if node.parent else _short_label(node.label)
        seen[base] = seen.get(base, 0) + 1
        node.id = base if seen[base] == 1 else f"{base}~{seen[base]}"
        own = role_of(node.title)
        node.own_role = own is not None
        node.role = own if own is not None else (node.parent.role if node.parent else None)


def _value(label: Label) -> int | None:
    text = _short_label(label)
    if label.scheme in (Numbering.arabic, Numbering.decimal) and text.isdecimal():
        return int(text)
    if label.scheme == Numbering.roman:
        total, previous = 0, 0
        for char in reversed(text):
            value = _ROMAN[char]
            total = total - value if value < previous else total + value
            previous = max(previous, value)
        return total
    lower = text.lower()
    letters = grammar.numbering().letters
    return letters.index(lower) + 1 if len(lower) == 1 and lower in letters else None


def _check_sequences(outline: Outline, diagnostics: Diagnostics) -> None:
    groups = [outline.roots] + [node.children for node in outline.walk()]
    for siblings in groups:
        previous: dict[Numbering, int] = {}
        for node in siblings:
            value = _value(node.label)
            last = previous.get(node.scheme)
            if value is not None and last is not None:
                if value == last:
                    diagnostics.warn("label_repeat", f"label {node.label.label} is used twice in a row",
                                     node.block.source())
                elif value > last + 1:
                    diagnostics.warn("label_jump", f"numbering jumps to {node.label.label}, after {last}",
                                     node.block.source())
            if value is not None:
                previous[node.scheme] = value
