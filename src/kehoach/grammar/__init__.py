"""The grammars: vocabulary and patterns as data (`grammars/*.yaml`), in three parts.

- `schema`: each file's format as pydantic models, closed sets typed as the models' enums;
- `load`: reading, validating, expanding `$fragments`, one cached object per file;
- `match`: `Entry` (a pattern with the words that filter it) and `FirstOf` (entries as one pattern).

The stages read a file through its accessor (`grammar.header()`, `grammar.numbering()` ...).
"""

from kehoach.cache import compile_regex
from kehoach.errors import GrammarError
from kehoach.grammar.load import (
    assignments,
    check,
    citations,
    debris,
    diff,
    doctypes,
    encodings,
    entries,
    expand,
    fragment,
    fragments,
    header,
    load,
    metrics,
    numbering,
    parse_grammar,
    reporting,
    roles,
    signature,
)
from kehoach.grammar.match import Entry, FirstOf, compile_pattern
from kehoach.grammar.schema import FILES

__all__ = [
    "FILES", "Entry", "FirstOf", "GrammarError", "assignments", "check", "citations", "compile_pattern",
    "compile_regex", "debris", "diff", "doctypes", "encodings", "entries", "expand", "fragment", "fragments",
    "header", "load", "metrics", "numbering", "parse_grammar", "reporting", "roles", "signature",
]
