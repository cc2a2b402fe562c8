from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.spelling.tokenizer import Token, normal_form, tokens


def spans(text: str) -> list[tuple[str, int, int]]:
    return [(t.word, t.start, t.end) for t in tokens(text)]


def words(text: str) -> list[str]:
    return [t.word for t in tokens(text)]


def test_dialogue_in_curly_quotes_gives_the_bare_words():
    text = "“Hello,” she said. ‘Hi.’"
    assert spans(text) == [
        ("Hello", 1, 6),
        ("she", 9, 12),
        ("said", 13, 17),
        ("Hi", 20, 22),
    ]


def test_contractions_are_one_word_with_a_straight_apostrophe():
    text = "I’d say you could’ve, y'all."
    assert spans(text) == [
        ("I'd", 0, 3),
        ("say", 4, 7),
        ("you", 8, 11),
        ("could've", 12, 20),
        ("y'all", 22, 27),
    ]


def test_leading_elisions_keep_their_apostrophe_but_opening_quotes_do_not():
    text = "Get ’em ’til dawn, at ten o’clock. ‘Right,’ he said."
    assert spans(text) == [
        ("Get", 0, 3),
        ("'em", 4, 7),
        ("'til", 8, 12),
        ("dawn", 13, 17),
        ("at", 19, 21),
        ("ten", 22, 25),
        ("o'clock", 26, 33),
        ("Right", 36, 41),
        ("he", 44, 46),
        ("said", 47, 51),
    ]


def test_possessives_leave_the_s_out_of_the_token():
    text = "Zack’s sword, the dogs’ bowls, James' car, it's late."
    assert spans(text) == [
        ("Zack", 0, 4),
        ("sword", 7, 12),
        ("the", 14, 17),
        ("dogs", 18, 22),
        ("bowls", 24, 29),
        ("James", 31, 36),
        ("car", 38, 41),
        ("it", 43, 45),
        ("late", 48, 52),
    ]


def test_a_dropped_g_keeps_its_apostrophe():
    assert spans("Nothin’ doin'.") == [("Nothin'", 0, 7), ("doin'", 8, 13)]


def test_dashes_and_ellipses_separate_words():
    text = "Wait—what…no...never–mind"
    assert spans(text) == [
        ("Wait", 0, 4),
        ("what", 5, 9),
        ("no", 10, 12),
        ("never", 15, 20),
        ("mind", 21, 25),
    ]


def test_hyphenated_compounds_are_checked_part_by_part():
    assert spans("a well-known, half‐hearted N-no") == [
        ("a", 0, 1),
        ("well", 2, 6),
        ("known", 7, 12),
        ("half", 14, 18),
        ("hearted", 19, 26),
        ("N", 27, 28),
        ("no", 29, 31),
    ]


def test_all_caps_shouting_is_kept_as_written():
    assert spans("“NOOO! STOP!”") == [("NOOO", 1, 5), ("STOP", 7, 11)]


def test_numbers_and_words_with_digits_are_skipped():
    assert words("In the 1990s, at 3am on the 2nd, R2-D2 saw 10,000 stars and 4.5 moons") == [
        "In",
        "the",
        "at",
        "on",
        "the",
        "saw",
        "stars",
        "and",
        "moons",
    ]


def test_urls_addresses_domains_and_handles_are_skipped():
    text = (
        "See https://archiveofourown.org/works/123?view_full_work=true, www.tumblr.com/fic "
        "or ao3.org, mail me at writer.name+fic@example.co.uk, thanks @sephirothfan!"
    )
    assert spans(text) == [
        ("See", 0, 3),
        ("or", 82, 84),
        ("mail", 94, 98),
        ("me", 99, 101),
        ("at", 102, 104),
        ("thanks", 136, 142),
    ]


def test_a_missing_space_after_a_full_stop_is_still_checked():
    assert words("He said no.It was over.") == ["He", "said", "no", "It", "was", "over"]


def test_stretched_words_and_sounds_are_tokens_like_any_other():
    assert spans("Nooooo, sooo... Hmmmm. Pfft.") == [
        ("Nooooo", 0, 6),
        ("sooo", 8, 12),
        ("Hmmmm", 16, 21),
        ("Pfft", 23, 27),
    ]


def test_text_joined_from_formatted_runs():
    # Markdown-ish emphasis left in pasted text, a soft hyphen and an NFD accent.
    text = "_really_ *truly* some\u00adthing nai\u0308ve"
    assert spans(text) == [
        ("really", 1, 7),
        ("truly", 10, 15),
        ("something", 17, 27),
        ("naïve", 28, 34),
    ]


def test_other_scripts_and_elisions():
    assert words("L’homme qu’il aimait. Привет, мир!") == [
        "L'homme",
        "qu'il",
        "aimait",
        "Привет",
        "мир",
    ]


def test_footnote_marks_and_fractions_separate_words():
    assert words("the word¹ and ½ cup, Ⅻ") == ["the", "word", "and", "cup"]


def test_normal_form_straightens_apostrophes_and_composes_accents():
    assert normal_form("could’ve") == "could've"
    assert normal_form("cafe\u0301") == "café"


@given(st.text())
def test_every_token_is_a_span_of_the_text(text: str):
    for token in tokens(text):
        assert isinstance(token, Token)
        assert 0 <= token.start < token.end <= len(text)
        assert token.word == normal_form(text[token.start : token.end])
        assert not any(c.isdecimal() for c in token.word)
