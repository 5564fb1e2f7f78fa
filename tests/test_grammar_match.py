"""The matching tricks of `kehoach.grammar.match` give their plain twins' answers.

- `Entry.search` and `Entry.finditer` skip text without the entry's words and try a pattern only
  where one of its `starts_with` words stands: the bare compiled pattern (`Entry.rx`) is the oracle.
- `FirstOf` tries entries as one alternation: a loop over the entries, the first that matches at the
  leftmost place, is the oracle.
(benchmarks/tricks.py measures what each trick earns.)
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach import grammar
from tests.conftest import FIXTURES, SAMPLES

FILTERED = [(where, entry) for name in grammar.FILES for entry, where in grammar.entries(grammar.load(name), name)
            if entry.requires or entry.starts_with]
TEXTS = [line for path in [*sorted(SAMPLES.glob("*.txt")), *sorted((FIXTURES / "corpus").glob("*.txt"))]
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _spans(matches) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


@pytest.mark.parametrize(("where", "entry"), FILTERED, ids=[where for where, _ in FILTERED])
def test_a_filtered_entry_finds_what_its_bare_pattern_finds(where, entry):
    texts = [*TEXTS, *entry.examples, *entry.counter_examples]
    for text in texts:
        assert _spans(entry.finditer(text)) == _spans(entry.rx.finditer(text)), (where, text)
        found, bare = entry.search(text), entry.rx.search(text)
        assert (found and found.span()) == (bare and bare.span()), (where, text)


WORDS = sorted({word for _, entry in FILTERED for word in [*entry.requires, *entry.starts_with]})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", "1", "/", "KH", "Ủy ban", "ngày 5", "İ", ":", "-"]), max_size=10)
       .map("".join), st.integers(0, 5))
def test_filtered_entries_agree_on_made_up_text_and_bounds(text, start):
    """The words side by side, in other cases, with a letter whose lower case is longer ("İ"): the
    filter never hides a match, and a search from `start` finds what the pattern finds."""
    for _, entry in FILTERED:
        for variant in (text, text.upper(), text.title()):
            found, bare = entry.search(variant, start), entry.rx.search(variant, start)
            assert (found and found.span()) == (bare and bare.span()), (entry.where, variant, start)


def _first_by_loop(entries, text):
    """The plain twin of FirstOf.rx.search: the leftmost place any entry matches, and there the
    first entry in order."""
    best = None
    for entry in entries:
        match = entry.rx.search(text)
        if match and (best is None or match.start() < best[1].start()):
            best = (entry, match)
    return best


@pytest.mark.parametrize("entries", [grammar.numbering().schemes, grammar.citations().openers,
                                     grammar.reporting().periods], ids=["numbering", "openers", "periods"])
def test_first_of_picks_the_entry_a_loop_picks(entries):
    first_of = grammar.FirstOf(entries)
    for text in [*TEXTS, *(example for entry in entries for example in entry.examples)]:
        match, expected = first_of.rx.search(text), _first_by_loop(entries, text)
        if expected is None:
            assert match is None, text
            continue
        assert match is not None and match.start() == expected[1].start(), text
        assert first_of.which(match) is expected[0], text


def test_first_of_names_an_entry_whose_pattern_has_its_own_alternation():
    """An entry "A|B": the name must cover both branches, not the last alone."""
    plain, branched = grammar.Entry(pattern="^z"), grammar.Entry(pattern="^a|^b[|(]")
    plain.prepare(plain.pattern, "test: plain")
    branched.prepare(branched.pattern, "test: branched")
    first_of = grammar.FirstOf([plain, branched])
    for text in ("a", "b|"):
        match = first_of.rx.search(text)
        assert match is not None and first_of.which(match) is branched, text
