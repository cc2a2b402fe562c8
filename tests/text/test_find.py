"""Find and replace in text and canonical bodies: what matches, what it becomes, and that
only text ever changes."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.text import find
from editor.text.find import (
    FindError,
    FindOptions,
    FindTimeout,
    check_replacement,
    compile_pattern,
    find_in_canonical,
    find_in_text,
    replace_in_canonical,
    replacement_text,
)
from editor.text.richtext import MARKS, Block, Run, normalize, parse, plain_text, serialize


def found(text: str, **options: object) -> list[str]:
    return [m.text for m in find_in_text(text, FindOptions(**options))]  # type: ignore[arg-type]


def replaced(canonical: str, pattern: str, replace: str, **options: object) -> str:
    new, _count = replace_in_canonical(canonical, FindOptions(pattern, **options), replace)  # type: ignore[arg-type]
    return new


# -- matching ----------------------------------------------------------------------------


def test_literal_search_ignores_case_unless_asked() -> None:
    text = "Cloud, cloud and CLOUD."
    assert found(text, pattern="cloud") == ["Cloud", "cloud", "CLOUD"]
    assert found(text, pattern="cloud", match_case=True) == ["cloud"]


def test_literal_search_treats_regex_characters_as_text() -> None:
    assert found("Is it (really) 3.5? Yes.", pattern="(really) 3.5?") == ["(really) 3.5?"]
    assert found("3x5", pattern="3.5") == []


def test_whole_word_does_not_match_inside_a_longer_word() -> None:
    text = "Zack met Zackary; Zack's sword. ZACK!"
    assert found(text, pattern="Zack", whole_word=True) == ["Zack", "Zack", "ZACK"]
    assert found(text, pattern="Zack") == ["Zack", "Zack", "Zack", "ZACK"]


def test_whole_word_with_punctuation_at_the_edge_still_matches() -> None:
    assert found("a well-Zack here", pattern="-Zack", whole_word=True) == ["-Zack"]
    assert found("a well-Zackary here", pattern="-Zack", whole_word=True) == []


def test_whole_word_keeps_a_regex_alternation_whole() -> None:
    text = "cat catalog dog dogma"
    assert found(text, pattern="cat|dog", regex=True, whole_word=True) == ["cat", "dog"]


def test_whole_word_keeps_inline_flags_in_front() -> None:
    assert found("Aerith aerithe", pattern="(?i)AERITH", regex=True, whole_word=True) == ["Aerith"]


def test_regex_line_anchors_work_per_line() -> None:
    assert found("Cloud left.\nCloud came back.", pattern=r"^Cloud", regex=True) == [
        "Cloud",
        "Cloud",
    ]


def test_empty_matches_are_never_found() -> None:
    assert find_in_text("abc", FindOptions("x*", regex=True)) == []
    assert [m.text for m in find_in_text("axxb", FindOptions("x*", regex=True))] == ["xx"]


def test_a_bad_regex_says_what_is_wrong_and_where() -> None:
    with pytest.raises(FindError) as caught:
        compile_pattern(FindOptions("(Cloud", regex=True))
    message = str(caught.value)
    assert "“(Cloud”" in message
    assert "not a valid regular expression" in message
    assert "missing )" in message
    assert "character 1" in message


def test_a_bad_regex_is_reported_at_its_own_position_even_as_a_whole_word() -> None:
    with pytest.raises(FindError, match="character 3"):
        compile_pattern(FindOptions("ab[", regex=True, whole_word=True))


def test_a_pattern_that_backtracks_without_end_under_re_runs_at_once() -> None:
    # re took over two minutes here: (\w+\s?)+ can split 13 words in 2**13 ways.
    body = "<p>It was a dark and stormy night and the rain fell in torrents.</p>"
    started = time.monotonic()
    assert find_in_canonical(body, FindOptions(r"(\w+\s?)+!", regex=True)) == []
    assert replace_in_canonical(body, FindOptions(r"(\w+\s?)+!", regex=True), "x") == (body, 0)
    assert time.monotonic() - started < 1


# Unbounded, this pattern runs for minutes on 100,000 letters: every start scans to the end.
RUNAWAY = FindOptions(r"(?:\w+\s?)*\d", regex=True)
RUNAWAY_BODY = "<p>" + "a" * 100_000 + "</p>"


def test_a_search_that_runs_too_long_is_stopped_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A small budget keeps the test quick; the generous bound is for a loaded machine, and
    # still minutes short of what the search takes when nothing stops it.
    monkeypatch.setattr(find, "TIME_LIMIT", 0.1)
    for run in (
        lambda: find_in_canonical(RUNAWAY_BODY, RUNAWAY),
        lambda: replace_in_canonical(RUNAWAY_BODY, RUNAWAY, "x"),
    ):
        started = time.monotonic()
        with pytest.raises(FindTimeout, match="This pattern takes too long; simplify it"):
            run()
        assert time.monotonic() - started < 20


def test_one_compiled_pattern_has_one_time_limit_for_every_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(find, "TIME_LIMIT", 0.1)
    pattern = compile_pattern(RUNAWAY)
    with pytest.raises(FindTimeout):
        find_in_canonical(RUNAWAY_BODY, RUNAWAY, pattern)
    # The time is spent: a body the pattern matches at once is not even tried.
    assert find_in_canonical("<p>a1</p>", RUNAWAY) != []
    with pytest.raises(FindTimeout):
        find_in_canonical("<p>a1</p>", RUNAWAY, pattern)


def test_an_empty_pattern_is_refused() -> None:
    with pytest.raises(FindError, match="Type the text to find"):
        compile_pattern(FindOptions(""))


def test_the_same_characters_are_fine_as_literal_text() -> None:
    assert found("f(Cloud", pattern="(Cloud") == ["(Cloud"]


def test_a_replacement_naming_a_missing_group_is_refused_before_anything_runs() -> None:
    options = FindOptions(r"(\w+) Strife", regex=True)
    check_replacement(options, r"Strife, \1")
    for bad in (r"\2", r"\g<name>", "\\"):
        with pytest.raises(FindError, match="cannot be used"):
            check_replacement(options, bad)
    check_replacement(FindOptions("Strife"), r"\2")  # literal: backslashes are text


# -- contexts ------------------------------------------------------------------------------


def test_context_is_the_text_either_side() -> None:
    (m,) = find_in_text("Tifa hugged Cloud at the bar.", FindOptions("cloud"))
    assert (m.start, m.end, m.text) == (12, 17, "Cloud")
    assert (m.context_before, m.context_after) == ("Tifa hugged ", " at the bar.")


def test_long_context_is_cut_at_word_boundaries() -> None:
    before = "the quick brown fox jumps over the lazy dog and then "
    after = " went back home through the long dark forest road at night"
    (m,) = find_in_text(before + "Cloud" + after, FindOptions("cloud"))
    assert len(m.context_before) <= 40 and len(m.context_after) <= 40
    assert before.endswith(m.context_before) and after.startswith(m.context_after)
    assert m.context_before == "fox jumps over the lazy dog and then "  # "brown" was cut
    assert m.context_after == " went back home through the long dark"


def test_context_stops_at_the_end_of_the_line() -> None:
    (m,) = find_in_text("First line.\nCloud here\nlast line", FindOptions("cloud"))
    assert (m.context_before, m.context_after) == ("", " here")


def test_context_of_one_long_word_is_cut_rather_than_empty() -> None:
    (m,) = find_in_text("x" * 60 + "Cloud", FindOptions("cloud"))
    assert m.context_before == "x" * 40


# -- replacement text --------------------------------------------------------------------


def rep(found_text: str, pattern: str, replace: str, **options: object) -> str:
    opts = FindOptions(pattern, **options)  # type: ignore[arg-type]
    match = compile_pattern(opts).search(found_text)
    assert match is not None
    return replacement_text(match, replace, opts)


def test_regex_groups_are_expanded() -> None:
    assert rep("Cloud Strife", r"(\w+) Strife", r"Strife, \1", regex=True) == "Strife, Cloud"
    named = r"(?P<first>\w+) (?P<last>\w+)"
    assert rep("Cloud Strife", named, r"\g<last> \g<first>", regex=True) == "Strife Cloud"


def test_literal_replacement_keeps_backslashes() -> None:
    assert rep("Cloud", "Cloud", r"C:\1") == r"C:\1"


@pytest.mark.parametrize(
    ("seen", "replace", "expected"),
    [
        ("cloud", "Tifa", "tifa"),
        ("Cloud", "tifa", "Tifa"),
        ("CLOUD", "tifa", "TIFA"),
        ("Cloud Strife", "tifa lockhart", "Tifa Lockhart"),
        ("Cloud", "the ex-soldier", "The ex-soldier"),
        ("Cloud", "mcCloud", "McCloud"),
        ("cLoUd", "Tifa", "Tifa"),  # no pattern to follow: as typed
        ("C", "tifa", "Tifa"),  # one capital reads as a capitalised word, not shouting
    ],
)
def test_preserve_case_follows_the_found_text(seen: str, replace: str, expected: str) -> None:
    assert rep(seen, seen.lower(), replace, preserve_case=True) == expected


def test_preserve_case_applies_after_groups_expand() -> None:
    new = rep("CLOUD STRIFE", r"(\w+) strife", r"\1 lockhart", regex=True, preserve_case=True)
    assert new == "CLOUD LOCKHART"


def test_without_preserve_case_the_replacement_is_as_typed() -> None:
    assert rep("CLOUD", "cloud", "tifa") == "tifa"


# -- canonical bodies ----------------------------------------------------------------------


def test_a_match_across_formatting_runs_is_found_with_plain_text_offsets() -> None:
    body = "<p>Hello.</p>\n<hr />\n<p>Then <em>Clo</em>ud <strong>left</strong>.</p>"
    (m,) = find_in_canonical(body, FindOptions("cloud"))
    assert m.text == "Cloud"
    assert plain_text(body)[m.start : m.end] == "Cloud"
    assert (m.context_before, m.context_after) == ("Then ", " left.")


def test_offsets_skip_leading_empty_paragraphs_as_plain_text_does() -> None:
    body = "<p></p>\n<hr />\n<p>Cloud</p>"
    (m,) = find_in_canonical(body, FindOptions("cloud"))
    assert (m.start, m.end) == (0, 5) and plain_text(body) == "Cloud"


def test_line_breaks_are_newlines_in_the_offsets() -> None:
    body = "<p>one<br />Cloud</p>"
    (m,) = find_in_canonical(body, FindOptions("cloud"))
    assert plain_text(body)[m.start : m.end] == "Cloud"
    assert m.context_before == ""


def test_a_match_never_spans_two_paragraphs() -> None:
    body = "<p>Clo</p>\n<p>ud</p>"
    assert find_in_canonical(body, FindOptions("cloud")) == []
    assert find_in_canonical(body, FindOptions(r"Clo\s*ud", regex=True)) == []


def test_replacement_across_runs_takes_the_first_characters_formatting() -> None:
    body = "<p>Then <em>Clo</em>ud <strong>left</strong>.</p>"
    assert replaced(body, "cloud", "Tifa") == "<p>Then <em>Tifa</em> <strong>left</strong>.</p>"
    assert replaced(body, "n cloud", "n Tifa") == "<p>Then Tifa <strong>left</strong>.</p>"


def test_replacement_keeps_a_link_and_never_changes_its_address() -> None:
    body = '<p><a href="https://example.com/cloud"><em>Cloud</em> page</a> and cloud</p>'
    assert (
        replaced(body, "cloud", "Tifa")
        == '<p><a href="https://example.com/cloud"><em>Tifa</em> page</a> and Tifa</p>'
    )


def test_tag_names_are_not_text() -> None:
    body = "<p><em>them</em> and <strong>strong</strong></p>"
    assert replaced(body, "em", "X") == "<p><em>thX</em> and <strong>strong</strong></p>"
    assert replaced(body, "strong", "weak") == "<p><em>them</em> and <strong>weak</strong></p>"
    assert replace_in_canonical(body, FindOptions("<em>"), "x") == (body, 0)
    assert replace_in_canonical("<p>a<br />b</p>", FindOptions("br"), "x") == (
        "<p>a<br />b</p>",
        0,
    )


def test_entities_are_text_as_the_author_sees_it() -> None:
    body = "<p>Tom &amp; Jerry &lt;3</p>"
    assert replace_in_canonical(body, FindOptions("amp"), "x") == (body, 0)
    assert replaced(body, "&", "and") == "<p>Tom and Jerry &lt;3</p>"
    assert replaced(body, "<3", "<b>") == "<p>Tom &amp; Jerry &lt;b&gt;</p>"


def test_a_newline_in_the_replacement_becomes_a_line_break() -> None:
    assert replaced("<p>one. two</p>", r"\. ", r".\n", regex=True) == "<p>one.<br />two</p>"


def test_replacing_with_nothing_deletes_the_text_and_empty_formatting() -> None:
    assert replaced("<p>a <em>Cloud</em> b</p>", "cloud", "") == "<p>a  b</p>"


def test_scene_breaks_and_block_layout_survive() -> None:
    body = (
        '<h2>Cloud</h2>\n<p align="center">cloud</p>\n<hr />\n<blockquote>\n<p>CLOUD</p>\n'
        "</blockquote>\n<ul>\n<li>cloud</li>\n</ul>"
    )
    new, count = replace_in_canonical(body, FindOptions("cloud", preserve_case=True), "tifa")
    assert count == 4
    assert new == body.replace("Cloud", "Tifa").replace("cloud", "tifa").replace("CLOUD", "TIFA")


def test_regex_replacement_in_a_body() -> None:
    body = "<p>Cloud Strife met <em>Tifa</em> Lockhart.</p>"
    options = FindOptions(r"(\w+) (Strife|Lockhart)", regex=True)
    new, count = replace_in_canonical(body, options, r"\2, \1")
    assert (new, count) == ("<p>Strife, Cloud met <em>Lockhart, Tifa</em>.</p>", 2)


def test_a_body_without_a_match_is_returned_as_it_was() -> None:
    odd = "<p>not quite <b>canonical</b></p>"  # would be rewritten if serialized
    assert replace_in_canonical(odd, FindOptions("zack"), "x") == (odd, 0)
    assert replace_in_canonical("", FindOptions(".", regex=True), "x") == ("", 0)


def test_a_bad_regex_fails_before_reading_the_body() -> None:
    with pytest.raises(FindError):
        replace_in_canonical("<p>x</p>", FindOptions("[", regex=True), "y")
    with pytest.raises(FindError):
        find_in_canonical("", FindOptions("[", regex=True))


# -- properties ------------------------------------------------------------------------------

_ALPHABET = "aAbBcC -'\n&<é"
_TEXT = st.text(_ALPHABET, max_size=8)


@st.composite
def canonical_bodies(draw: st.DrawFn) -> str:
    blocks: list[Block] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["p", "p", "h2", "hr", "li"]))
        runs = [
            Run(
                draw(_TEXT),
                frozenset(draw(st.sets(st.sampled_from(MARKS[:3]), max_size=2))),
                draw(st.sampled_from([None, None, "https://a.example/?q=ab&c"])),
            )
            for _ in range(draw(st.integers(0, 4)))
        ]
        blocks.append(
            Block(
                kind=kind,
                runs=[] if kind == "hr" else runs,
                align=draw(st.sampled_from([None, "center"])) if kind == "p" else None,
                quote=draw(st.booleans()),
                list_type="ul" if kind == "li" else None,
            )
        )
    return serialize(blocks)


_PATTERN = st.text(_ALPHABET.replace("\n", ""), min_size=1, max_size=3)


@given(canonical_bodies(), _PATTERN, st.booleans())
def test_replacing_text_with_itself_changes_no_byte(body: str, x: str, whole: bool) -> None:
    options = FindOptions(x, match_case=True, whole_word=whole)
    new, count = replace_in_canonical(body, options, x)
    assert new == body
    assert count == len(find_in_canonical(body, options))


@given(
    canonical_bodies(),
    _PATTERN,
    st.text(_ALPHABET, max_size=3),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_find_counts_equal_replace_counts_and_the_result_is_canonical(
    body: str, x: str, y: str, whole: bool, case: bool, preserve: bool
) -> None:
    options = FindOptions(x, whole_word=whole, match_case=case, preserve_case=preserve)
    new, count = replace_in_canonical(body, options, y)
    assert count == len(find_in_canonical(body, options))
    assert normalize(new) == new


@given(canonical_bodies(), _PATTERN, st.text(_ALPHABET.replace("\n", ""), max_size=3))
def test_replace_changes_the_text_as_a_plain_replace_per_paragraph_would(
    body: str, x: str, y: str
) -> None:
    new, _count = replace_in_canonical(body, FindOptions(x, match_case=True), y)
    blocks = ["" if b.kind == "hr" else b.text() for b in parse(body)]
    # As plain_text does: one line per block, leading and trailing empty lines dropped.
    assert plain_text(new) == "\n".join(b.replace(x, y) for b in blocks).strip("\n")


@given(canonical_bodies(), _PATTERN, st.booleans())
def test_found_offsets_point_at_the_match_in_the_plain_text(body: str, x: str, whole: bool) -> None:
    plain = plain_text(body)
    for m in find_in_canonical(body, FindOptions(x, whole_word=whole)):
        assert plain[m.start : m.end] == m.text
        assert re.fullmatch(re.escape(x), m.text, re.IGNORECASE)
