"""Citations: the documents a plan cites, and which of them are its legal basis.

A legal-basis clause opens with "Căn cứ", "Thực hiện", "Theo đề nghị ...", "Trên cơ sở" (see
grammars/citations.yaml) and names one document or several, joined by ";", "," or "và". A document
named inside another one's subject ("... thực hiện Nghị quyết số 12-NQ/TU") is a reference, not a
separate basis. A law cited without a number runs to its date ("Luật Tổ chức Chính phủ ngày 19
tháng 6 năm 2015").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from kehoach import grammar
from kehoach.cache import compile_regex
from kehoach.classify import openers
from kehoach.dates import first_date
from kehoach.doctypes import DocType, find_words, type_from_number, type_named
from kehoach.models import Citation, Relation, Source
from kehoach.normalize.text import WHITESPACE

# patterns used in loops, compiled once
_LIST_SEPARATOR_AT_END = compile_regex(r"[,;][ \t]*$")
_SEMICOLON = compile_regex(r";\s*")
_SENTENCE_END = compile_regex(r"[;.](?:\s|$)")

_TRIM = " \t,;:.-"


@dataclass(slots=True)
class Mention:
    start: int
    core_end: int  # after the number (or the type word when there is none)
    doc_type: DocType | None
    number: str | None
    end: int = 0  # the end of the citation's text, set when the clause is read
    numberless_end: int | None = None  # where a citation without a number ends (its date)


@dataclass
class Shared:
    """A type and issuer given once for the numbers that follow ("các Quyết định của Thủ tướng ...: số")."""

    doc_type: DocType | None = None
    issuer: str | None = None


@dataclass
class ClauseContext:
    relation: Relation
    shared: Shared = field(default_factory=Shared)


def _number_after() -> regex.Pattern:
    return grammar.citations().number_after.rx


def _bare_number() -> regex.Pattern:
    return grammar.citations().bare_number.rx


def clean_number(number: str) -> str:
    return WHITESPACE.sub("", number).rstrip(".")


def mentions(text: str) -> list[Mention]:
    """Every document named in `text`: a type word with or without a number, or "số N"."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for start, end, doc_type in find_words(text):
        match = _number_after().match(text, end)
        if match:
            core_end = match.end()
            number = clean_number(match.group("number"))
        else:
            core_end, number = end, None
        found.append(Mention(start, core_end, doc_type, number))
        taken.append((start, core_end))
    for match in _bare_number().finditer(text):
        if not any(a <= match.start("number") < b for a, b in taken):
            number = clean_number(match.group("number"))
            named = _named_before(found, text, match.start())
            if named is not None:  # "Pháp lệnh Ưu đãi người có công số 26/2005/PL-UBTVQH11"
                found[found.index(named)] = Mention(named.start, match.end(), named.doc_type, number)
                continue
            found.append(Mention(match.start(), match.end(), type_from_number(number), number))
    return sorted(found, key=lambda m: m.start)


# what a document's name cannot hold: the end of a clause, a date (dates in words are asked of first_date)
_NAME_BREAK = compile_regex(r"[;:,()]|\d{1,2}/\d{1,2}/\d{4}")


def _named_before(found: list[Mention], text: str, at: int) -> Mention | None:
    """The document without a number whose name runs up to `at`, where its number is printed after
    its name ("Luật Tổ chức chính quyền địa phương số 77/2015/QH13"), or None."""
    before = [mention for mention in found if mention.core_end <= at]
    if not before:
        return None
    last = max(before, key=lambda mention: mention.start)
    between = text[last.core_end:at]
    if last.number is not None or len(between) > 150 or _NAME_BREAK.search(between) or first_date(between):
        return None
    return last


# What every cited document has (grammars/fragments.yaml, header.yaml): a document number is
# digits then "/" or "-", or a space and a capital ("298 KH/TWĐTN"); a date is "tháng" in words or
# digits then "/", "-" or "." and a digit ("12.6.2020": a heading's "1. " is no date).
_NUMBER_OR_DATE = compile_regex(r"\d(?:[ \t]?(?:[/\-]|\.[ \t]?\d)|[ \t]\p{Lu})")


def may_cite(text: str) -> bool:
    """False for a paragraph that cannot cite a document (the word is tested apart: a pattern that
    starts with a choice of words is tried at every character)."""
    return _NUMBER_OR_DATE.search(text) is not None or grammar.citations().month_word.rx.search(text) is not None


def _numberless_end(text: str, mention: Mention, found: list[Mention]) -> int:
    """A citation without a number runs to its first date, or stops before the next document named
    after a comma, or after "và" when that one has a number ("Điều lệ Đoàn ... và Kế hoạch số 298")."""
    starts = {other.start: other for other in found}
    stop = len(text)
    for joiner in grammar.citations().joiner.rx.finditer(text, mention.core_end):
        following = starts.get(joiner.end())
        if following is not None and (following.number is not None or joiner.group().startswith(",")):
            stop = joiner.start()
            break
    date = first_date(text, mention.core_end, stop)
    return date.end if date else stop


def _governed(before: str) -> bool:
    return grammar.citations().governing.rx.search(before) is not None


def _directed_in(text: str, accepted: list[Mention], mention: Mention) -> regex.Match | None:
    """"... và chỉ đạo của Thủ tướng Chính phủ tại văn bản số 1702/TTg-KTN": a direction's document,
    read after the clause's last accepted document."""
    start = accepted[-1].core_end if accepted else 0
    return grammar.citations().directed_in.rx.search(text, start, mention.start)


def top_level(text: str, found: list[Mention], opener_end: int, has_opener: bool) -> list[Mention]:
    """The mentions that are documents of the clause itself, not of another document's subject."""
    accepted: list[Mention] = []
    inside_until = -1
    issued_with = grammar.citations().issued_with.rx
    for mention in found:
        if mention.number is not None and accepted and accepted[-1].number is None \
                and issued_with.search(text, accepted[-1].start, mention.start):
            accepted[-1] = mention  # "Điều lệ ..., ban hành kèm theo Thông tư số ...": the circular is cited
            inside_until = -1
            continue
        if mention.start < inside_until:
            continue
        right_after_opener = text[opener_end:mention.start].strip(_TRIM + "“”\"") == ""
        if not accepted and not has_opener and not right_after_opener:
            break  # a clause without an opener continues a list only when it starts with a document
        # The clause's first numbered document is its own whatever words lead to it ("Căn cứ tình
        # hình ... theo Kế hoạch số 2088/KH-UBND"); an unnumbered one only right after the opener.
        first = not accepted and (right_after_opener or (has_opener and mention.number is not None))
        if mention.number is None:
            numberless = mention.doc_type is not None and mention.doc_type.numberless and \
                text[mention.start:mention.start + 1].isupper()
            after_list = bool(accepted) and accepted[-1].number is None and \
                _LIST_SEPARATOR_AT_END.search(text[:mention.start])
            if not (first or (numberless and not _governed(text[:mention.start])) or after_list):
                continue
        elif not first and _governed(text[:mention.start]) and not _directed_in(text, accepted, mention):
            continue
        accepted.append(mention)
        if mention.number is None:
            mention.numberless_end = _numberless_end(text, mention, found)
            inside_until = mention.numberless_end
    return accepted


def _issuer_after(text: str, start: int, end: int) -> tuple[str | None, int]:
    """"... của Thủ tướng Chính phủ về ...": the issuer named right after the number (and date)."""
    rules = grammar.citations()
    match = rules.of_issuer.rx.match(text, start, end)
    if not match:
        return None, start
    issuer_start = match.end()
    stop = rules.issuer_end.rx.search(text, issuer_start, end)
    issuer_end = stop.start() if stop else end
    named = text[issuer_start:issuer_end]
    # "... của Ủy ban Thường vụ Quốc hội và Pháp lệnh ...": the word that joins the next document is not the issuer's
    joined = rules.joiner.rx.search(named + " ", max(0, len(named) - 6))
    if joined is not None and joined.end() >= len(named):
        named = named[:joined.start()]
    issuer = rules.abbreviation.rx.sub("", named).strip(_TRIM)
    return (issuer or None), issuer_end


def read_clause(text: str, context: ClauseContext, source: Source, in_basis: bool) -> list[Citation]:
    """The citations of one clause (a sentence part between semicolons)."""
    rules = grammar.citations()
    main = rules.main_clause.rx.search(text)
    if main:  # ", Ủy ban nhân dân tỉnh xây dựng Kế hoạch ... như sau:" ends the list of documents
        text = text[: main.start()]
    opener = openers().rx.search(text)
    if opener:
        context.relation = openers().which(opener).relation
    opener_end = opener.end() if opener else 0
    shared = rules.shared_issuer.rx.search(text, opener_end)
    found = mentions(text)
    if shared and shared.start() - opener_end < 5:
        context.shared = Shared(type_named(shared.group("type")), shared.group("issuer").strip(_TRIM))
        found = [m for m in found if m.start >= shared.end()]
        opener_end = shared.end()
    chosen = top_level(text, found, opener_end, opener is not None)
    citations = []
    for index, mention in enumerate(chosen):
        limit = chosen[index + 1].start if index + 1 < len(chosen) else len(text)
        end = mention.numberless_end if mention.numberless_end is not None else limit
        citations.append(_citation(text, mention, end, limit, context, source, in_basis))
    return citations


def _citation(text: str, mention: Mention, end: int, limit: int, context: ClauseContext, source: Source,
              in_basis: bool) -> Citation:
    rules = grammar.citations()
    span = text[mention.start:end].strip(_TRIM)
    doc_type = mention.doc_type or context.shared.doc_type or type_from_number(mention.number)
    date = first_date(text, mention.core_end, limit)
    issuer, after_issuer = _issuer_after(text, mention.core_end, limit)
    if doc_type is not None and doc_type.numberless and mention.number is None:
        # a law is cited by its name and date, and "của" after it is its subject's ("Luật Tổ chức
        # Chính phủ"); one printed with its number ("Pháp lệnh ... số 26/2005/PL-UBTVQH11 ngày ... của
        # Ủy ban Thường vụ Quốc hội") names its issuer as any numbered document does
        issuer = None
        passed = rules.passed_by.rx.search(text, mention.core_end, end)
        if passed:
            issuer = passed.group("issuer").strip(_TRIM)
    if issuer is None and context.relation == Relation.theo_de_nghi:
        proposed = rules.proposed_by.rx.search(text[:mention.start])
        if proposed:
            issuer = rules.abbreviation.rx.sub("", proposed.group("issuer")).strip(_TRIM)
    if issuer is None:
        directed = grammar.citations().directed_in.rx.search(text, 0, mention.start)
        if directed:
            issuer = directed.group("issuer").strip(_TRIM)
    shared = context.shared
    if issuer is None and shared.issuer and (shared.doc_type is None or doc_type == shared.doc_type):
        issuer = shared.issuer
    subject_from = max(after_issuer, date.end if date else mention.core_end, mention.core_end)
    subject = rules.about.rx.sub("", text[subject_from:end]).strip(_TRIM) or None
    return Citation(
        text=span,
        relation=context.relation,
        doc_type=doc_type.name if doc_type else None,
        number=mention.number,
        date=date.iso if date else None,
        issuer=issuer,
        subject=subject if mention.number else None,
        source=source,
        in_legal_basis=in_basis,
    )


def clauses(text: str) -> list[str]:
    """A legal-basis paragraph cut at its semicolons (the usual separator of cited documents)."""
    return [part for part in _SEMICOLON.split(text) if part.strip()]


def references_in(text: str, source: Source | Callable[[], Source]) -> list[Citation]:
    """Every numbered document named in a paragraph, and laws cited by name and date. `source` may
    be a function that makes it (`block.source`): made only for a paragraph that cites something."""
    if not may_cite(text):
        return []  # most paragraphs of a plan cite nothing: they are passed over after one scan
    return read_references(text, source if isinstance(source, Source) else source())


def read_references(text: str, source: Source) -> list[Citation]:
    """Every document `text` cites, without the quick check of `references_in` (its oracle in tests)."""
    context = ClauseContext(Relation.other)
    found = [m for m in mentions(text) if m.number is not None or (
        m.doc_type is not None and m.doc_type.numberless and text[m.start:m.start + 1].isupper()
        and first_date(text, m.core_end, min(len(text), m.core_end + 120)) is not None)]
    out = []
    for index, mention in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(text)
        sentence_end = _SENTENCE_END.search(text[mention.core_end:limit])
        if sentence_end:
            limit = mention.core_end + sentence_end.start()
        end = _numberless_end(text[:limit], mention, found) if mention.number is None else limit
        out.append(_citation(text, mention, end, limit, context, source, in_basis=False))
    return out
