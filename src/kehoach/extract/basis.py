"""The legal basis and the references of a plan, from the preamble, the body and a "Căn cứ" section."""

from __future__ import annotations

from kehoach import grammar
from kehoach.blocks import Block
from kehoach.cache import compile_regex
from kehoach.classify import Line, opener_of
from kehoach.extract.citations import ClauseContext, clauses, mentions, read_clause, references_in
from kehoach.models import Citation, Relation
from kehoach.normalize.text import key
from kehoach.outline import Node, Outline

# the end of a sentence inside a paragraph: a full stop or "..." before a capital
_SENTENCE_END = compile_regex(r"(?<=[.…!?])[ \t]+(?=\p{Lu})")


def extract_legal_basis(preamble: list[Line], outline: Outline) -> list[Citation]:
    """The documents the plan rests on: the preamble's "Căn cứ ..." and "Thực hiện ..." paragraphs
    (and the documents listed after one), body text before the first section that opens so, and
    the items of a "Căn cứ" section."""
    found: list[Citation] = []
    context: ClauseContext | None = None
    for line in preamble:
        if line.opener is not None:
            context = ClauseContext(line.opener)
        elif line.as_follows and (last := _last_sentence_opening(line.text)) is not None:
            # a paragraph on the situation whose last sentence gives the basis and announces the
            # plan ("... Để tiếp tục thực hiện Nghị định số 36/2009/NĐ-CP ..., UBND tỉnh ban hành
            # Kế hoạch như sau:")
            relation, sentence = last
            found += _read_paragraph(sentence, line.block, ClauseContext(relation))
            context = None
            continue
        elif context is None or not _starts_with_document(line.text):
            context = None
            continue
        found += _read_paragraph(line.text, line.block, context)
    for part in outline.loose:
        if part.opener is not None:
            found += _read_paragraph(part.text, part.block, ClauseContext(part.opener))
    basis_section = grammar.citations().basis_section.rx
    for node in outline.walk():
        if basis_section.search(key(node.title)):
            found += _basis_section(node)
    if not found:
        found += _bare_list(outline)
    return _unique(found)


def _bare_list(outline: Outline) -> list[Citation]:
    """A plan that opens, right after its header, with a numbered list of the documents it rests on
    and no verb before them ("1. Điều lệ trường trung học ..., ban hành kèm theo Thông tư số
    32/2020/TT-BGDĐT ..." / ... / "5. Căn cứ Quyết định số 932/QĐ-UBND ..."): the first numbered
    paragraphs, before any section whose role is known or that has sections under it, each citing a
    numbered document. Read only where nothing else gave a basis, from two paragraphs; a paragraph
    that cites none ends the chance (a plan's own numbered text, not a list of its grounds)."""
    run: list[Node] = []
    for node in outline.roots:
        if node.role is not None or node.children:
            break
        if not any(mention.number for mention in mentions(node.full_text)):
            return []
        run.append(node)
    if len(run) < 2:
        return []
    out: list[Citation] = []
    for node in run:
        relation = opener_of(node.full_text) or Relation.can_cu
        out += _read_paragraph(node.full_text, node.block, ClauseContext(relation))
    return out


def _last_sentence_opening(text: str) -> tuple[Relation, str] | None:
    """The relation and the text of a paragraph's last sentence, when it opens a legal basis."""
    starts = [match.end() for match in _SENTENCE_END.finditer(text)]
    if not starts:
        return None
    sentence = text[starts[-1]:]
    relation = opener_of(sentence)
    return None if relation is None else (relation, sentence)


def _starts_with_document(text: str) -> bool:
    """A preamble line that continues a list of documents: one with its number ("Quyết định số
    749/QĐ-TTg ..."), or a kind cited by name without one ("Luật Công an nhân dân năm 2018;", a
    line the copy broke after "...;")."""
    first = mentions(text[:80])
    if not first or first[0].start != 0:
        return False
    kind = first[0].doc_type
    return first[0].number is not None or (kind is not None and kind.numberless)


def _read_paragraph(text: str, block: Block, context: ClauseContext) -> list[Citation]:
    out: list[Citation] = []
    for clause in clauses(text):
        out += read_clause(clause, context, block.source(), in_basis=True)
    return out


def _basis_section(node: Node) -> list[Citation]:
    """"I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" with its documents as numbered or listed items."""
    out: list[Citation] = []
    for child in node.children:
        out += _read_paragraph(child.full_text, child.block, ClauseContext(Relation.can_cu))
    for item in node.items:
        out += _read_paragraph(item.text, item.block, ClauseContext(Relation.can_cu))
    return out


def _unique(citations: list[Citation]) -> list[Citation]:
    """Each document once. A number cited again without its date is the same document named short
    ("(sau đây gọi tắt là Nghị quyết số 48/NQ-CP)"); with another date, it may be another year's."""
    seen: set[tuple[str, str | None]] = set()
    numbers = {citation.number for citation in citations if citation.number and citation.date}
    out = []
    for citation in citations:
        ident = (citation.number or citation.text, citation.date)
        if citation.number in numbers and citation.date is None:
            continue
        if ident not in seen:
            seen.add(ident)
            out.append(citation)
    return out


def extract_references(preamble: list[Block], body: list[Block], basis: list[Citation]) -> list[Citation]:
    """Every document cited anywhere, legal basis first."""
    out = list(basis)
    known = {(c.number, c.date) for c in basis if c.number} | {(c.text, c.date) for c in basis if not c.number}
    for block in [*preamble, *body]:
        for citation in references_in(block.text, block.source):
            ident = (citation.number or citation.text, citation.date)
            if ident not in known:
                known.add(ident)
                out.append(citation)
    return out


def complete_citations(basis: list[Citation], references: list[Citation]) -> tuple[list[Citation], list[Citation]]:
    """The legal basis and the references, a basis document named short ("Thực hiện Nghị quyết số
    57-NQ/TW.") given the date and issuer it is cited with elsewhere in the plan (its title, its
    situation paragraph): one document, named in full once. `references` starts with `basis`."""
    full = {}
    for citation in references[len(basis):]:
        if citation.number and citation.date and citation.number not in full:
            full[citation.number] = citation
    completed: list[Citation] = []
    used: set[int] = set()
    for citation in basis:
        other = full.get(citation.number) if citation.number and citation.date is None else None
        if other is None:
            completed.append(citation)
            continue
        used.add(id(other))
        completed.append(citation.model_copy(update={"date": other.date, "issuer": citation.issuer or other.issuer}))
    rest = [citation for citation in references[len(basis):] if id(citation) not in used]
    return completed, completed + rest
