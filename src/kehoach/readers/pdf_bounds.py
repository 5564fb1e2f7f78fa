"""What a PDF page will cost to read, measured before the PDF library reads it.

pdfminer inflates a page's content streams whole and makes an object for every operator: a 2 MB
file whose stream inflates to 2 GB, or an 11 KB file with a million text operators, costs
gigabytes and minutes. Each content stream of a page (and of the forms it draws) is inflated here
with a bound, no further than the limit, and its operators are counted on what was inflated.
"""

from __future__ import annotations

import re
import zlib

from kehoach.errors import InputError
from kehoach.limits import Limits, megabytes

# a content-stream operator: one to three letters (and ', ", *) standing alone between white space or
# delimiters; numbers and /Names never match, and words inside strings only where short and spaced
_OPERATOR = re.compile(rb"(?<![^\s\]\)>])[A-Za-z'\"][A-Za-z*0-9]{0,2}(?![^\s\[\(/<])")
_FLATE = {"FlateDecode", "Fl"}
MAX_FORM_DEPTH = 12  # forms drawn inside forms: real files nest two or three


def _name(value) -> str:
    return getattr(value, "name", str(value))


def _inflated(stream, limit: int, number: int) -> bytes | None:
    """A stream's data inflated to at most `limit` bytes; None where its filters are not checked
    here (they are left to the memory cap)."""
    from pdfminer.pdftypes import PDFStream

    if not isinstance(stream, PDFStream):
        return None
    if stream.data is not None:  # already decoded by the library
        return stream.data
    raw = stream.rawdata or b""
    filters = [_name(f) for f, _ in stream.get_filters()]
    if not filters:
        data = raw
    elif len(filters) == 1 and filters[0] in _FLATE:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, limit + 1)
        except zlib.error:
            return None  # damaged: the library reports it, or works around it
    else:
        return None
    if len(data) > limit:
        raise InputError(f"page {number}: a content stream unpacks to more than {megabytes(limit)}: refused as a "
                         "possible decompression bomb (raise the limit with --max-unzipped)")
    return data


def _forms(resources, depth: int, seen: set[int]):
    """The form XObjects a page's resources name, and the forms inside them, each once."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    if depth > MAX_FORM_DEPTH:
        return
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return
    xobjects = resolve1(resources.get("XObject"))
    if not isinstance(xobjects, dict):
        return
    for reference in xobjects.values():
        key = reference.objid if isinstance(reference, PDFObjRef) else id(reference)
        if key in seen:
            continue
        seen.add(key)
        try:
            form = resolve1(reference)
        except Exception:
            continue
        if getattr(form, "attrs", None) is not None and _name(form.attrs.get("Subtype")) == "Form":
            yield form
            yield from _forms(form.attrs.get("Resources"), depth + 1, seen)


def page_cost(page_object, number: int, limits: Limits) -> str | None:
    """Why the page is too costly to read (a sentence for a diagnostic), or None. Raises
    InputError for a stream that inflates past `limits.max_unzipped`."""
    from pdfminer.pdftypes import resolve1

    streams = [resolve1(stream) for stream in getattr(page_object, "contents", None) or []]
    streams += list(_forms(getattr(page_object, "resources", None), 0, set()))
    contents = [data for data in (_inflated(stream, limits.max_unzipped, number) for stream in streams)
                if data is not None]
    # an operator takes two bytes at the least ("n\n", "q "): a page with fewer bytes than twice the
    # limit cannot pass it, and is not counted (real pages hold tens of kilobytes)
    if sum(len(data) for data in contents) < 2 * limits.max_operators:
        return None
    operators = 0
    for data in contents:
        operators += sum(1 for _ in _OPERATOR.finditer(data))
        if operators > limits.max_operators:
            return (f"page {number} left out: it is drawn with more than {limits.max_operators:,} operators "
                    "(raise the limit with --max-operators)")
    return None
