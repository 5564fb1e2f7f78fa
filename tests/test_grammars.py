"""Every grammar entry matches its examples and none of its counter-examples; malformed grammar files
are clear errors naming the file and the key."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach import grammar
from kehoach.doctypes import find_words, type_line
from kehoach.normalize.encodings import decode, detect_line
from kehoach.normalize.text import fold
from kehoach.roles import role_of
from tests.conftest import FIXTURES, SAMPLES

ENTRIES = [(path, entry) for name in grammar.FILES
           for entry, path in grammar.entries(grammar.load(name), f"{name}.yaml")]


@pytest.mark.parametrize(("path", "entry"), ENTRIES, ids=[path for path, _ in ENTRIES])
def test_entry_matches_examples_and_not_counter_examples(path, entry):
    assert entry.examples, f"{path} has no examples"
    for example in entry.examples:
        assert entry.matches(example), f"{path} does not match its example {example!r}"
    for counter in entry.counter_examples:
        assert not entry.matches(counter), f"{path} matches its counter-example {counter!r}"



# Every line of the repository's plans, as written and folded: the texts the required words are held to.
_PLAN_LINES = sorted({variant for path in [*SAMPLES.glob("*.txt"), *(FIXTURES / "corpus").glob("*.txt"),
                                           *(FIXTURES / "corpus2").glob("*.txt"),
                                           *(FIXTURES / "plans").glob("*"), *(FIXTURES / "diff").glob("*.txt"),
                                           *(FIXTURES / "fulltext").glob("*.txt")]
                      for line in path.read_text(encoding="utf-8").splitlines()
                      for variant in (line, fold(line))})
# ... and what stands before each number of them, the window a comparator or a direction is read in.
_BEFORE_NUMBERS = sorted({line[:match.start()] for line in _PLAN_LINES for match in re.finditer(r"\d+", line)})
REQUIRING = [(path, entry) for path, entry in ENTRIES if entry.requires]


def test_some_entries_require_words():
    assert len(REQUIRING) >= 5


@pytest.mark.parametrize(("path", "entry"), REQUIRING, ids=[path for path, _ in REQUIRING])
def test_required_words_are_in_every_match_of_the_plans(path, entry):
    """`requires` lets text be passed over without running the pattern; it must never pass over a match."""
    matched = 0
    for line in (*_PLAN_LINES, *_BEFORE_NUMBERS):
        if entry.rx.search(line):
            matched += 1
            assert entry.possible(line), f"{path} matches {line!r}, which holds none of {entry.requires}"
    assert matched, f"{path} matches no line of the plans: the test would hold nothing"


def _in_any_case(data, entry) -> tuple[str, str]:
    """One of the entry's examples, and the same in a mix of capitals drawn by hypothesis."""
    example = data.draw(st.sampled_from(entry.examples))
    upper = data.draw(st.lists(st.booleans(), min_size=len(example), max_size=len(example)))
    return example, "".join(char.upper() if flip else char for char, flip in zip(example, upper, strict=True))


@pytest.mark.parametrize(("path", "entry"), REQUIRING, ids=[path for path, _ in REQUIRING])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_required_words_hold_in_any_case_and_spacing(path, entry, data):
    """The examples in any mix of capitals, with tabs or double spaces between words, and inside other text."""
    text = _in_any_case(data, entry)[1].replace(" ", data.draw(st.sampled_from([" ", "\t", "  ", " \t "])))
    text = data.draw(st.text(max_size=20)) + " " + text + " " + data.draw(st.text(max_size=20))
    if entry.rx.search(text):
        assert entry.possible(text), f"{path} matches {text!r}, which holds none of {entry.requires}"


STARTING = [(path, entry) for path, entry in ENTRIES if entry.starts_with]


def test_some_entries_name_the_words_their_matches_start_with():
    assert len(STARTING) >= 5


def _scanned(entry, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in entry.rx.finditer(text)] if entry.possible(text) else []


@pytest.mark.parametrize(("path", "entry"), STARTING, ids=[path for path, _ in STARTING])
def test_matches_start_with_the_words_named_and_are_all_found(path, entry):
    """`starts_with` runs the pattern only where one of the words stands; it must find every match a
    scan over the whole text finds: on the examples, the counter-examples and the lines of the plans."""
    matched = 0
    for text in (*entry.examples, *entry.counter_examples, *_PLAN_LINES):
        scanned = _scanned(entry, text)
        for start, _ in scanned:
            assert text[start:].lower().startswith(tuple(entry.starts_with)), f"{path}: {text[start:]!r}"
        assert [match.span() for match in entry.finditer(text)] == scanned, f"{path}: {text!r}"
        first = entry.search(text)
        assert (first.span() if first else None) == (scanned[0] if scanned else None), f"{path}: {text!r}"
        matched += bool(scanned)
    assert matched, f"{path} matches nothing: the test would hold nothing"


@pytest.mark.parametrize(("path", "entry"), STARTING, ids=[path for path, _ in STARTING])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_matches_start_with_the_words_named_in_any_case_and_within_bounds(path, entry, data):
    """The examples in any mix of capitals, repeated inside other text, searched between any bounds."""
    example, text = _in_any_case(data, entry)
    text = data.draw(st.text(max_size=20)) + " " + text + " " + data.draw(st.text(max_size=10)) + " " + example
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    scanned = [match.span() for match in entry.rx.finditer(text, start, end)] if entry.possible(text) else []
    assert [match.span() for match in entry.finditer(text, start, end)] == scanned, f"{path}: {text!r}"


@pytest.mark.parametrize(("path", "entry"), STARTING, ids=[path for path, _ in STARTING])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_places_kept_for_a_text_serve_every_question_asked_of_it(path, entry, data):
    """An entry keeps where its words stand in the last text it was asked about: asked again of the
    same text between other bounds, or of another text in between, it answers as a scan does."""
    example, text = _in_any_case(data, entry)
    text = data.draw(st.text(max_size=20)) + " " + text + " " + example
    other = data.draw(st.text(max_size=30)) + " " + example
    for _ in range(3):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        scanned = [match.span() for match in entry.rx.finditer(text, start, end)] if entry.possible(text) else []
        assert [match.span() for match in entry.finditer(text, start, end)] == scanned, f"{path}: {text!r}"
        first = entry.search(text, start, end)
        assert (first.span() if first else None) == (scanned[0] if scanned else None), f"{path}: {text!r}"
        if data.draw(st.booleans()):
            assert [m.span() for m in entry.finditer(other)] == _scanned(entry, other), f"{path}: {other!r}"


_ALTERNATIONS = {
    "numbering schemes": lambda: grammar.numbering().schemes,
    "reporting periods": lambda: grammar.reporting().periods,
    "debris kinds": lambda: [grammar.debris().site_metadata, grammar.debris().site_lines,
                             grammar.debris().page_number, grammar.header().rule],
    "legal-basis openers": lambda: grammar.citations().openers,
}


def test_legal_basis_openers_are_anchored_at_the_start():
    """The openers are asked "which is the first that matches" as one alternation, which finds the
    earliest place first: the same answer only because each can match at the start alone."""
    for opener in grammar.citations().openers:
        assert opener.pattern.startswith("^"), opener.pattern


@pytest.mark.parametrize("name", sorted(_ALTERNATIONS))
def test_first_of_finds_what_the_entries_tried_in_turn_find(name):
    """One alternation (grammar.FirstOf) stands for a loop over the entries: at the earliest place
    any entry matches, the first entry that matches there. Checked on every example and
    counter-example of the entries and on the lines of the plans."""
    entries = _ALTERNATIONS[name]()
    first_of = grammar.FirstOf(entries)
    texts = [text for entry in entries for text in (*entry.examples, *entry.counter_examples)] + _PLAN_LINES
    found = 0
    for text in texts:
        match = first_of.rx.search(text)
        starts = [(hit.start(), index) for index, entry in enumerate(entries) if (hit := entry.rx.search(text))]
        if not starts:
            assert match is None, f"{name}: {text!r}"
            continue
        found += 1
        start, index = min(starts)  # the earliest place, and there the first entry
        assert match is not None and match.start() == start, f"{name}: {text!r}"
        assert first_of.which(match) is entries[index], f"{name}: {text!r}"
    assert found >= len(entries)


@pytest.mark.parametrize("role", grammar.roles().roles, ids=lambda r: r.role.value)
def test_role_examples(role):
    for example in role.examples:
        assert role_of(example) == role.role, example
    for counter in role.counter_examples:
        assert role_of(counter) != role.role, counter


@pytest.mark.parametrize("doc_type", grammar.doctypes().types, ids=lambda t: t.name)
def test_doctype_examples(doc_type):
    for example in doc_type.examples:
        found = [t.name for _, _, t in find_words(example)]
        assert found and found[0] == doc_type.name, example
    for counter in doc_type.counter_examples:
        found = [t.name for start, _, t in find_words(counter) if start == 0]
        numberless = doc_type.numberless and counter[:1].islower()
        assert numberless or doc_type.name not in found, counter


def test_type_words_are_found_whatever_the_space_between_their_words():
    _, _, action_plan = next(find_words("Kế hoạch hành động"))
    for spaced in ("Kế hoạch hành động số 5", "Kế  hoạch\thành   động số 5"):
        assert next(find_words(spaced))[2] == action_plan


def test_type_lines():
    assert type_line("KẾ HOẠCH")[0].name == "Kế hoạch"
    assert type_line("KẾ HOẠCH Triển khai công tác")[1] == "Triển khai công tác"
    assert type_line("QUYẾT ĐỊNH")[0].name == "Quyết định"
    assert type_line("Kế hoạch số 12/KH-UBND") is None
    assert type_line("BAN HÀNH KẾ HOẠCH") is None


def test_metric_units_and_words_are_listed():
    metrics = grammar.metrics()
    assert "lần" in metrics.units and "mô hình" in metrics.units
    assert "năm" not in metrics.number_words  # "năm" is also "year"


def test_missing_key_names_file_and_key():
    with pytest.raises(grammar.GrammarError, match=r"debris\.yaml: site_lines"):
        grammar.parse_grammar("debris", "description: x\nsite_metadata: {pattern: 'a', examples: ['a']}\n")


# what numbering.yaml needs besides its schemes, for the broken files below
NUMBERING_REST = "letters: abc\nflattened_label: {pattern: x}\nheading_style: {pattern: y}\n"


def test_bad_regex_names_file_and_key():
    text = NUMBERING_REST + "schemes:\n  - {name: roman, rank: 1, pattern: '(unclosed', examples: ['x']}\n"
    with pytest.raises(grammar.GrammarError, match=r"numbering\.yaml: schemes\.0: invalid pattern"):
        grammar.check("numbering", text)
    with pytest.raises(grammar.GrammarError, match=r"numbering\.yaml: schemes\.0: invalid pattern"):
        grammar.parse_grammar("numbering", text).schemes[0].matches("x")  # patterns compile on first use


def test_every_grammar_compiles():
    for name in grammar.FILES:
        grammar.check(name)


def test_unknown_fragment_is_an_error():
    text = NUMBERING_REST + "schemes:\n  - {name: roman, rank: 1, pattern: '$nope', examples: ['x']}\n"
    with pytest.raises(grammar.GrammarError, match=r"unknown fragment \$nope"):
        grammar.parse_grammar("numbering", text)


def test_wrong_type_names_the_key():
    with pytest.raises(grammar.GrammarError, match=r"roles\.yaml: roles\.0\.role"):
        grammar.parse_grammar("roles", "specific_objectives: {pattern: x}\n"
                                       "roles:\n  - {role: not_a_role, phrases: []}\n")


@pytest.mark.parametrize(("name", "written", "misspelt", "key"), [
    ("reporting", "period: year\n", "period: yearly\n", r"periods\.\d+\.period"),
    ("metrics", 'comparator: ">="', 'comparator: ">>"', r"comparators\.\d+\.comparator"),
    ("doctypes", "plan_roles: [purpose,", "plan_roles: [purpos,", r"plan_roles\.0"),
    ("encodings", "{encoding: vni,", "{encoding: vnl,", r"examples\.\d+\.encoding"),
])
def test_closed_sets_are_checked_at_load(name, written, misspelt, key):
    """A misspelt period, comparator, role or encoding is an error naming the file and key at load."""
    text = resources.files("kehoach.grammars").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    assert written in text
    with pytest.raises(grammar.GrammarError, match=rf"{name}\.yaml: {key}"):
        grammar.parse_grammar(name, text.replace(written, misspelt, 1))


def test_unknown_grammar_name():
    with pytest.raises(grammar.GrammarError):
        grammar.load("nothing")


ENCODING_EXAMPLES = grammar.encodings().examples


@pytest.mark.parametrize("example", ENCODING_EXAMPLES, ids=[e.legacy for e in ENCODING_EXAMPLES])
def test_encoding_examples_convert_both_ways(example):
    """Each example of encodings.yaml reads into its Unicode text, and the Unicode text is never
    taken for legacy. (Which encoding a short line is in is not asked here: the detector weighs a
    whole document's lines, and a Word file names the font.)"""
    assert decode(example.legacy, example.encoding) == example.unicode
    assert detect_line(example.unicode) is None


def test_a_pattern_over_several_lines_is_verbose_with_comments():
    """A YAML block pattern: white space is layout and `#` starts a comment, fragments keep their
    spaces, and the entry still works inside a larger pattern (FirstOf)."""
    text = ("description: x\nopeners: []\n"
            + "".join(f"{key}: {{pattern: 'x'}}\n" for key in (
                "governing", "issued_with", "directed_in", "issuer_end", "passed_by", "shared_issuer", "abbreviation",
                "basis_section", "main_clause", "of_issuer", "proposed_by", "about", "number_after", "bare_number",
                "joiner"))
            + "month_word:\n  pattern: |\n    (?:\n        tháng   # a month in words\n"
              "      | Kế[ ]hoạch[ ]$doc_number  # a plan's number\n    )\n")
    entry = grammar.parse_grammar("citations", text).month_word
    assert entry.matches("ngày 5 tháng 3") and entry.matches("Kế hoạch 12/KH-UBND")
    assert not entry.matches("thang") and not entry.matches("Kếhoạch 12/KH-UBND")
    both = grammar.FirstOf([grammar.numbering().schemes[0], entry])
    assert both.which(both.rx.search("tháng 3")) is entry
