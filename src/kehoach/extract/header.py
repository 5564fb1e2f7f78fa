"""header: issuer, number, place and date, document type and title from the header zone."""

from __future__ import annotations

from collections.abc import Sequence, Set

from kehoach import grammar
from kehoach.blocks import Block, merge_sources
from kehoach.cache import compile_regex
from kehoach.dates import first_date
from kehoach.diagnostics import Diagnostics
from kehoach.doctypes import has_plan_sections, plan_type, type_from_markers, type_from_number, unknown_type
from kehoach.models import Header
from kehoach.normalize.text import WHITESPACE
from kehoach.zones import HeaderZone

# patterns used in loops, compiled once
# the symbol after a "/" or "-", or glued to the number when it holds a "/" itself ("4155QĐ/BTP")
_NUMBER_PARTS = compile_regex(r"(?P<seq>\d+)?(?:/(?:19|20)\d\d)?(?:[/-]|(?=\p{Lu}+/))(?P<symbol>.+)$")


def split_number(number: str) -> tuple[int | None, str | None]:
    """The running number and the symbol of a document number: "11/KH-BTV" -> (11, "KH-BTV"),
    "178/2004/NĐ-CP" -> (178, "NĐ-CP"), "35-KH/TU" -> (35, "KH/TU"), "/KH-PGDĐT" -> (None, "KH-PGDĐT"),
    "4155QĐ/BTP" -> (4155, "QĐ/BTP")."""
    match = _NUMBER_PARTS.match(number)
    if not match:
        return None, None
    seq = int(match.group("seq")) if match.group("seq") else None
    return seq, match.group("symbol") or None


def _issuers(lines: list[Block]) -> tuple[str | None, str | None]:
    """(issuer_parent, issuer): a second line that continues a name ("TỈNH HÀ NAM") is joined to it;
    otherwise the last name is the issuer and the names above it its parent."""
    continuation, broken_end = grammar.header().name_continuations.rx, grammar.header().name_broken_end.rx
    names: list[str] = []
    for block in lines:
        text = block.text.strip()
        # "SỞ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI": a name broken at "và" or a dash is one name
        broken = bool(names) and broken_end.search(names[-1].rstrip()) is not None
        if names and (continuation.search(text) or broken):
            names[-1] = f"{names[-1]} {text}"
        else:
            names.append(text.strip(" -_"))
    # a name printed twice, the second time whole ("UỶ BAN NHÂN DÂN" / "UỶ BAN NHÂN DÂN" / "TỈNH
    # VĨNH LONG"): a body is not its own parent
    names = [name for index, name in enumerate(names)
             if index + 1 == len(names) or not names[index + 1].startswith(name)]
    if not names:
        return None, None
    if len(names) == 1:
        return None, names[0]
    return " ".join(names[:-1]), names[-1]


def extract_header(zone: HeaderZone, diagnostics: Diagnostics, opening_lines: Sequence[str] = (),
                   section_roles: Set[str] = frozenset()) -> Header:
    """The header. `opening_lines` (the first lines after it) and `section_roles` (the roles of the
    body's sections) tell the type of a document that prints no type line."""
    rules = grammar.header()
    parent, issuer = _issuers(zone.issuer_lines)
    header = Header(issuer_parent=parent, issuer=issuer)
    number_text = ""
    if zone.number is not None:
        match = rules.number.rx.search(zone.number.text)
        number_text = match.group(0)
        header.number = WHITESPACE.sub("", match.group("number")).rstrip(".")
        header.number_seq, header.symbol = split_number(header.number)
        if header.number_seq is None:
            diagnostics.warn("blank_number", f"the number is left blank: {header.number}", zone.number.source())
    elif zone.blocks:
        diagnostics.warn("no_number", "the header prints no document number")
    if zone.date is not None:
        text = zone.date.text.replace(number_text, " ") if number_text else zone.date.text
        match = rules.place_date.rx.search(text)
        if match:
            header.place = match.group("place").strip(" -")
            found = first_date(match.group("date"))
            # as printed, "ngày" and all, in either form ("ngày 26 tháng 6 năm 2018", "ngày 26/6/2018")
            header.date_text = WHITESPACE.sub(" ", match.group("date")).strip()
            if found:
                header.date, header.year, header.month = found.iso, found.year, found.month
                if found.iso is None:
                    diagnostics.warn("blank_date", f"the date is left blank: {found.text}", zone.date.source())
    doc_type = zone.doc_type or type_from_number(header.number) or type_from_markers(
        [block.text for block in zone.blocks] + list(opening_lines))
    where = zone.blocks[0].source() if zone.blocks else None
    if doc_type is None and has_plan_sections(section_roles):
        doc_type = plan_type()
        diagnostics.warn("unknown_doc_type", "the document type is not printed; read as a plan (Kế hoạch) because "
                         "its sections are a plan's", where)
    elif doc_type is None:
        doc_type = unknown_type()
        diagnostics.warn("unknown_doc_type", "nothing in the document names its type", where)
    header.doc_type = doc_type.name
    if not doc_type.plan:
        what = "a document of unknown type" if doc_type.name == unknown_type().name else f"a {doc_type.name}"
        diagnostics.warn("not_a_plan", f"this document is {what}, not a plan: parsed as far as it goes",
                         zone.type_block.source() if zone.type_block else where)
    parts = [zone.title_on_type_line] if zone.title_on_type_line else []
    parts += [block.text for block in zone.title_blocks]
    title = WHITESPACE.sub(" ", " ".join(parts)).strip(" :")
    header.title = title or None
    if not title:
        diagnostics.warn("no_title", "no title line was found under the document type")
    if zone.blocks:
        header.source = merge_sources(zone.blocks[0].source(), zone.blocks[-1].source())
    return header
