"""Smart typography: quotes, apostrophes, dashes and ellipses as a typesetter sets them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.text.richtext import normalize
from editor.text.typography import convert_typed, replacement_for, smarten, smarten_html


@pytest.mark.parametrize(
    ("straight", "smart"),
    [
        ("\"Hello,\" she said. 'It's Zack's.'", "“Hello,” she said. ‘It’s Zack’s.’"),
        ("\"She told me 'no.'\" He shrugged.", "“She told me ‘no.’” He shrugged."),
        ("\"'Hi,' she said,\" he said.", "“‘Hi,’ she said,” he said."),
        ("'\"Nested,\" he wrote.'", "‘“Nested,” he wrote.’"),
        ('("Quoted") and ["this"]', "(“Quoted”) and [“this”]"),
        ('"I was going to--" he began.', "“I was going to—” he began."),
        ('She stopped--"Wait!"', "She stopped—“Wait!”"),
        ('"Well..." she said... "maybe."', "“Well…” she said… “maybe.”"),
    ],
)
def test_quotes_in_dialogue(straight: str, smart: str) -> None:
    assert smarten(straight) == smart


@pytest.mark.parametrize(
    ("straight", "smart"),
    [
        ("rock 'n' roll", "rock ’n’ roll"),
        ("rock'n'roll", "rock’n’roll"),
        ("back in the '90s", "back in the ’90s"),
        ("the summer of '69", "the summer of ’69"),
        ("tell 'em", "tell ’em"),
        ("'Tis the season, 'twas the night", "’Tis the season, ’twas the night"),
        ("don't, can't, y'all, o'clock", "don’t, can’t, y’all, o’clock"),
        ("the Joneses' dog and James's hat", "the Joneses’ dog and James’s hat"),
        ("'Emma,' he said", "‘Emma,’ he said"),
    ],
)
def test_apostrophes(straight: str, smart: str) -> None:
    assert smarten(straight) == smart


@pytest.mark.parametrize(
    ("straight", "smart"),
    [
        ("wait--what", "wait—what"),
        ("wait -- what", "wait — what"),
        ("wait---what", "wait—what"),
        ("pages 5-10, well-known", "pages 5-10, well-known"),
        ("a rule: ----", "a rule: ----"),
        ("and then...", "and then…"),
        ("I don't know....", "I don’t know…."),
        (". . .", ". . ."),
    ],
)
def test_dashes_and_ellipses(straight: str, smart: str) -> None:
    assert smarten(straight) == smart


@pytest.mark.parametrize(
    "text",
    [
        "https://archiveofourown.org/works/1--2?x='a'&y=...b",
        "www.example.com/it's--here",
        "mailto:me@example.com",
        "write to first.last--x@example.com",
        "`print('hi')--not a dash`",
        "key='value' and C:\\Users\\me\\it's",
    ],
)
def test_urls_and_code_are_untouched(text: str) -> None:
    assert smarten(text) == text


def test_text_around_a_url_still_changes() -> None:
    assert smarten('"See https://x.test/a--b." It\'s there...') == (
        "“See https://x.test/a--b.” It’s there…"
    )


_PROSE = st.text(alphabet="ab '\".-\n(—", max_size=40)


@given(_PROSE)
def test_smarten_is_idempotent(text: str) -> None:
    once = smarten(text)
    assert smarten(once) == once
    assert not any(straight in once for straight in ('"', "'", "..."))


def test_curly_text_is_left_as_it_is() -> None:
    text = "“Already,” she said. ‘It’s done’—really…"
    assert smarten(text) == text


# -- HTML ---------------------------------------------------------------------------------


def test_smarten_html_changes_text_runs_only() -> None:
    canonical = (
        '<p><a href="https://x.test/?a=\'1\'&amp;b=&quot;2&quot;">"link"</a> '
        "and <em>\"italic</em>\" -- it's...</p>\n<hr />\n<p>'Quote'</p>"
    )
    assert smarten_html(canonical) == (
        "<p><a href=\"https://x.test/?a='1'&amp;b=&quot;2&quot;\">“link”</a> "
        "and <em>“italic</em>” — it’s…</p>\n<hr />\n<p>‘Quote’</p>"
    )


def test_smarten_html_across_formatting_boundaries() -> None:
    # The two hyphens are in different runs: the dash goes to the first, the second goes.
    out = smarten_html("<p>one-<strong>-two</strong>.<em>..</em></p>")
    assert out == "<p>one—<strong>two</strong>…</p>"
    assert normalize(out) == out


def test_smarten_html_is_idempotent_and_leaves_smart_text_alone() -> None:
    canonical = "<p>“Hi,” she said—<em>twice</em>…</p>"
    assert smarten_html(canonical) == canonical
    once = smarten_html("<p>\"a\" -- 'b'</p>")
    assert smarten_html(once) == once


# -- typing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "typed", "expected"),
    [
        ("", '"', (0, "“")),
        ("She said ", '"', (0, "“")),
        ("She said (", '"', (0, "“")),
        ("“Hello,", '"', (0, "”")),
        ("“Wait—", '"', (0, "”")),  # interrupted speech closes
        ("“", "'", (0, "‘")),
        ("it", "'", (0, "’")),
        ("Zack", "'", (0, "’")),
        ("‘no.", "'", (0, "’")),
        ("", "'", (0, "‘")),
        ("wait -", "-", (1, "—")),
        ("wait", "-", None),
        ("a --", "-", None),  # a third hyphen after an undo stays
        ("and then..", ".", (2, "…")),
        ("and then.", ".", None),
        ("and then...", ".", None),
        ("see https://x.test/a-", "-", None),
        ("key=", '"', None),
        ("x", "a", None),
    ],
)
def test_convert_typed(before: str, typed: str, expected: tuple[int, str] | None) -> None:
    assert convert_typed(before, typed) == expected
    assert replacement_for(before, typed) == (None if expected is None else expected[1])
