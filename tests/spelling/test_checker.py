from __future__ import annotations

import threading

import pytest

from editor.model import WorkMeta
from editor.spelling.checker import (
    ENGLISH_VARIANTS,
    Checker,
    Dictionary,
    language_code,
    load_dictionary,
    names_from_meta,
)
from editor.spelling.tokenizer import tokens

META = WorkMeta(
    characters=("Zack Fair", "Cloud Strife", "Sephiroth (Compilation of FFVII)"),
    relationships=("Cloud Strife/Zack Fair", "Aerith Gainsborough & Tifa Lockhart"),
    fandoms=("Final Fantasy VII | Crisis Core",),
    additional_tags=("Post-Nibelheim, Mako Poisoning",),
)


@pytest.fixture(scope="module")
def us() -> Dictionary:
    return load_dictionary("en", "US")


@pytest.fixture(scope="module")
def gb() -> Dictionary:
    return load_dictionary("en", "GB")


def unknown_words(checker: Checker, text: str) -> list[str]:
    return [t.word for t in checker.unknown(text)]


# -- languages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("English", "en"),
        ("Español", "es"),
        ("Spanish", "es"),
        ("Français", "fr"),
        ("Deutsch", "de"),
        ("Português brasileiro", "pt"),
        ("Português europeu", "pt"),
        ("Português (Brasil)", "pt"),
        ("Português (Portugal)", "pt"),
        ("Portuguese", "pt"),
        ("Italiano", "it"),
        ("Nederlands", "nl"),
        ("Dutch", "nl"),
        ("Русский", "ru"),
        ("Russian", "ru"),
        ("العربية", "ar"),
        ("Euskara", "eu"),
        ("Basque", "eu"),
        ("Latviešu valoda", "lv"),
        ("فارسی", "fa"),
        ("Persian", "fa"),
        ("  english ", "en"),
    ],
)
def test_language_names_map_to_pyspellchecker_codes(name: str, code: str):
    assert language_code(name) == code


@pytest.mark.parametrize("name", ["Polski", "日本語", "Klingon", ""])
def test_a_language_without_a_dictionary_has_no_code(name: str):
    assert language_code(name) is None


def test_english_variants_are_us_and_gb(us: Dictionary, gb: Dictionary):
    assert ENGLISH_VARIANTS == ("US", "GB")
    assert (us.code, us.variant) == ("en", "US")
    assert (gb.code, gb.variant) == ("en", "GB")
    assert load_dictionary("en").variant == "US"


# -- names ------------------------------------------------------------------------


def test_names_from_meta_splits_every_field_and_keeps_the_case():
    assert names_from_meta(META) == {
        "Zack",
        "Fair",
        "Cloud",
        "Strife",
        "Sephiroth",
        "Compilation",
        "of",
        "FFVII",
        "Aerith",
        "Gainsborough",
        "Tifa",
        "Lockhart",
        "Final",
        "Fantasy",
        "VII",
        "Crisis",
        "Core",
        "Post-Nibelheim",
        "Mako",
        "Poisoning",
    }


def test_a_name_the_dictionary_does_not_know_is_flagged_until_the_work_names_it(us):
    text = "Sephiroth watched Zack’s back. “SEPHIROTH!” Nibelheim burned."
    assert unknown_words(Checker(us), text) == ["Sephiroth", "Zack", "SEPHIROTH", "Nibelheim"]
    checker = Checker(us, names=names_from_meta(META))
    assert unknown_words(checker, text) == []


def test_name_possessives_and_shouting_are_known(us):
    checker = Checker(us, names=["Sephiroth", "Zack"])
    for word in ("Sephiroth", "SEPHIROTH", "sephiroth", "Zack", "ZACK"):
        assert checker.is_known(word), word
    assert unknown_words(checker, "Sephiroth’s coat, Zack's grin, SEPHIROTH'S wing") == []
    assert unknown_words(checker, "Sephirot’s coat") == ["Sephirot"]


# -- English variants --------------------------------------------------------------


def test_british_english_accepts_british_spellings_and_flags_american_ones(gb):
    checker = Checker(gb)
    for word in ("realise", "centre", "learnt", "leant", "programme", "programmes", "colour"):
        assert checker.is_known(word), word
    for word in ("Colour", "armour", "grey", "mum", "travelled", "theatre", "whilst", "cosy"):
        assert checker.is_known(word), word
    for word in ("color", "realize", "center"):
        assert not checker.is_known(word), word


def test_us_english_flags_british_spellings(us):
    checker = Checker(us)
    for word in ("realise", "centre", "learnt", "colour", "leant", "programme", "grey", "mum"):
        assert not checker.is_known(word), word
    for word in ("travelled", "theatre", "whilst", "cosy"):
        assert not checker.is_known(word), word
    for word in ("learned", "color", "realize", "center", "gray", "dialogue", "burnt"):
        assert checker.is_known(word), word


def test_a_place_name_in_the_us_list_does_not_remove_the_common_word_in_gb(gb):
    # "Bend" and "Auburn" are US-only as place names; "bend" is English everywhere.
    checker = Checker(gb)
    assert checker.is_known("bend")
    assert checker.is_known("auburn")


# -- fiction ---------------------------------------------------------------------


def test_contractions_and_elisions_are_known(us):
    checker = Checker(us)
    text = (
        "“I could’ve, y’all,” I’d said. Get ’em ’til five o’clock. "
        "Nothin’ doin’, ma'am, it'd be fine. Cloud’ll come if Zack'd asked."
    )
    # "Cloud" is a word, so "Cloud’ll" is known; "Zack" is not, so neither is "Zack'd".
    assert unknown_words(checker, text) == ["Zack'd"]


def test_stretched_words_and_sounds_are_known(us):
    checker = Checker(us)
    text = (
        "“Nooooo!” “NOOOOOO.” Sooo tired. Yessss. Pleeease. Hmm. Hmmmm. Mmm. Shh. Pfft. "
        "Ugh. Argh. Aah. Eep. Tsk. Huh. Heh. Gah. Mhm. Hahaha. Ahahaha. Hehe."
    )
    assert unknown_words(checker, text) == []


def test_a_stretched_misspelling_is_still_flagged(us):
    assert unknown_words(Checker(us), "Noooope, thiiiis, blaaargh") == ["blaaargh"]


def test_shouting_is_checked_but_known_acronyms_are_not(us):
    checker = Checker(us)
    assert unknown_words(checker, "STOP! The FBI and the NPCs. TEHRIBLE!") == ["TEHRIBLE"]


def test_short_shouted_typos_are_flagged(us):
    checker = Checker(us, work_words=["SOLDIER", "Shinra"])
    text = "“GET OUT, YUO IDOIT!” “WAHT?” “TEH END.” “STOPP!” OK, SOLDIER. SHINRA. NASA."
    assert unknown_words(checker, text) == ["YUO", "IDOIT", "WAHT", "TEH", "STOPP"]


def test_common_abbreviations_are_known(us):
    text = (
        "Guns, etc. E.g. this, i.e. that; Cloud vs. Zack. Mr. and Mrs. Strife, Ms. Lockhart, "
        "Mx. Gainsbrough, Dr. Hojo, St. Mary's, Prof. Gast, approx. 6 ft. or 2 km, 10 lbs, "
        "3 hrs 20 mins, 8 a.m., 5 p.m., cf. viz. Jr. Sr."
    )
    assert unknown_words(Checker(us, names=["Cloud", "Zack", "Strife", "Lockhart"]), text) == [
        "Gainsbrough",
        "Hojo",
        "Gast",
    ]


def test_sentence_start_capitals_are_known_but_typos_are_flagged(us):
    checker = Checker(us)
    text = "The well-known road. Teh end. Recieve it."
    assert unknown_words(checker, text) == ["Teh", "Recieve"]


def test_unknown_tokens_point_at_the_word_in_the_text(us):
    text = "“Teh,” she said, “Sephirot’s here.”"
    found = Checker(us).unknown(text)
    assert [(t.word, text[t.start : t.end]) for t in found] == [
        ("Teh", "Teh"),
        ("Sephirot", "Sephirot"),
    ]


def test_numbers_urls_and_emails_are_never_flagged(us):
    text = "In the 1990s at 3am, see https://ao3.org/works/1 or mail zxqv@qwxz.com, qzxw.org."
    assert Checker(us).unknown(text) == []


# -- word lists ------------------------------------------------------------------


def test_work_user_and_ignored_words_are_known(us):
    checker = Checker(us, work_words=["Nibelheim"], user_words=["Midgar"], ignored=["teh"])
    assert unknown_words(checker, "Nibelheim, NIBELHEIM, Midgar’s slums, teh, Teh, Junon") == [
        "Junon"
    ]


def test_a_hyphenated_entry_accepts_its_parts(us):
    checker = Checker(us, names=["Jean-Luc"])
    assert unknown_words(checker, "Jean-Luc and Jean and Luc") == []


def test_version_increments_when_a_list_changes_and_only_then(us):
    checker = Checker(us, names=["Zack"])
    assert not checker.is_known("Junon")
    start = checker.version
    checker.set_work_words(["Junon"])
    assert checker.version == start + 1
    assert checker.is_known("Junon")  # the cached verdict went with the change
    checker.set_work_words(["Junon"])
    assert checker.version == start + 1
    checker.set_user_words(["Midgar"])
    checker.set_ignored(["teh"])
    checker.set_names(["Zack", "Cloud"])
    assert checker.version == start + 4
    checker.set_work_words([])
    assert not checker.is_known("Junon")
    assert checker.version == start + 5


# -- suggestions -----------------------------------------------------------------


def test_suggestions_come_best_first_in_the_words_capitalisation(us):
    checker = Checker(us)
    assert checker.suggestions("teh")[0] == "the"
    assert checker.suggestions("Teh")[0] == "The"
    assert checker.suggestions("TEH")[0] == "THE"
    assert checker.suggestions("recieve")[0] == "receive"
    assert len(checker.suggestions("recieve", limit=3)) == 3


def test_suggestions_offer_the_works_names_but_not_ignored_words(us):
    checker = Checker(us, names=["Sephiroth"], ignored=["Sephirothh"])
    assert checker.suggestions("Sephirot")[0] == "Sephiroth"
    assert "Sephirothh" not in checker.suggestions("Sephirot")
    assert checker.suggestions("SEPHIROT")[0] == "SEPHIROTH"


def test_gb_suggestions_use_british_spellings(gb):
    assert "colour" in Checker(gb).suggestions("coluor")
    assert "color" not in Checker(gb).suggestions("coluor")


def test_suggestions_are_cached_and_safe_from_a_worker(us):
    checker = Checker(us)
    assert checker.cached_suggestions("teh") is None
    results: list[list[str]] = []
    worker = threading.Thread(target=lambda: results.append(checker.suggestions("teh")))
    worker.start()
    worker.join()
    assert checker.cached_suggestions("teh") == results[0]
    checker.set_user_words(["tehx"])
    assert checker.cached_suggestions("teh") is None  # a list change may change them


# -- other languages ------------------------------------------------------------


def test_a_spanish_work_uses_the_spanish_dictionary():
    checker = Checker(load_dictionary(language_code("Español") or ""))
    assert checker.dictionary.code == "es"
    # pyspellchecker's Spanish list lacks many verb forms (dice, está, fue): none used here.
    text = "—Mi corazón es tuyo, Zack. ¿Y la canción del día? «Sí, también»."
    assert unknown_words(checker, text) == ["Zack"]
    assert unknown_words(checker, "The house") == ["The", "house"]
    assert checker.suggestions("bibloteca")[0] == "biblioteca"
    assert checker.suggestions("cancion")[0] == "canción"  # accents only: first


def test_french_elisions_are_known():
    checker = Checker(load_dictionary("fr"))
    assert unknown_words(checker, "L’homme qu’il aimait n’était jamais là, d’accord ?") == []


def test_an_unknown_code_raises():
    with pytest.raises(ValueError):
        load_dictionary("xx")


# -- speed (no timing asserts: the numbers are in bench/) --------------------------


def test_a_20000_word_chapter_is_checked_in_one_pass(us):
    paragraph = (
        "“I could’ve told you,” Zack said, grinning at Cloud’s scowl. “But you’d never have "
        "believed me—not until you saw it yourself…” The well-known road to Nibelheim wound "
        "past the reactor, and at 3am nobody sane was out. ‘Nooooo,’ she whispered. "
    )
    text = "\n".join([paragraph] * 500)
    assert len(tokens(text)) > 20_000
    checker = Checker(us, names=["Zack", "Cloud"])
    found = checker.unknown(text)
    assert {t.word for t in found} == {"Nibelheim"}
    assert len(found) == 500
    assert checker.unknown(text) == found  # the second pass answers from the cache
