"""FFN's story form from the work's metadata: FFN's rules (four characters, pairings in
brackets, two genres, K to M, a language, a status), and what does not fit is said."""

from __future__ import annotations

from dataclasses import replace

from editor.formats import ffn
from editor.formats.ffn_form import characters, ffn_post_fields, genres
from editor.formats.work import ExportOptions, ExportWork
from editor.model import FfnRating, Rating, Status


def _fields(work: ExportWork, number: int = 1) -> dict[str, tuple[str, str, list[str]]]:
    fields = ffn_post_fields(work, work.chapters[number - 1])
    return {f.key: (f.label, f.value, [p.message for p in f.problems]) for f in fields}


def test_the_story_form_from_the_sample_work(everything_work: ExportWork) -> None:
    fields = ffn_post_fields(everything_work, everything_work.chapters[0])
    assert [f.key for f in fields] == [
        "category", "title", "summary", "rating", "language", "genre_1", "genre_2",
        "characters", "status", "chapter_title", "text",
    ]  # fmt: skip
    f = _fields(everything_work)
    # Two fandoms: a crossover.
    assert f["category"][:2] == (
        "Crossover",
        "Original Work × The Lighthouse Letters (Web Series)",
    )
    assert f["summary"][1].startswith("The lamp at Kell’s Reach has not gone out")
    assert "<" not in f["summary"][1]  # FFN's summary is plain text
    assert f["rating"][1] == "T"  # the work's own FFN rating
    assert f["language"][1] == "English"
    assert f["status"][1] == "In-Progress"
    # "Wren/Tamsin" pairs two of the characters; "Wren & The Stranger" is no pairing.
    assert f["characters"][1] == "[Wren, Tamsin] The Stranger"
    assert f["chapter_title"][1] == "The Keeper’s Lamp"
    chapter = everything_work.chapters[0]
    assert f["text"][1] == ffn.chapter_html(everything_work, chapter, ExportOptions(chapters=[1]))
    # None of the sample's tags is an FFN genre: the author is told to choose.
    assert f["genre_1"][1] == "" and f["genre_1"][2]


def test_two_genres_from_the_tags_and_the_rest_named() -> None:
    tags = ("Slow Burn", "hurt/comfort", "Romance", "Humour", "Angst")
    assert genres(tags) == ["Hurt/Comfort", "Romance", "Humor", "Angst"]


def test_genres_fill_two_fields_and_name_what_is_left_out(everything_work: ExportWork) -> None:
    meta = replace(everything_work.meta, additional_tags=("Angst", "Romance", "Humor"))
    f = _fields(replace(everything_work, meta=meta))
    assert (f["genre_1"][1], f["genre_2"][1]) == ("Angst", "Romance")
    assert f["genre_1"][2] == []
    assert f["genre_2"][2] == ["FFN takes two genres: Humor left out."]


def test_four_characters_at_most_with_pairings_in_brackets() -> None:
    names = ("Cloud S.", "Tifa L.", "Zack F.", "Aerith G.", "Barret W.")
    shown, left_out = characters(names, ("Cloud S./Tifa L.", "Zack F./Aerith G."))
    assert shown == "[Cloud S., Tifa L.] [Zack F., Aerith G.]"
    assert left_out == ["Barret W."]
    # A pairing with someone beyond the four is no pairing of the form.
    assert characters(names, ("Cloud S./Barret W.",)) == (
        "Cloud S., Tifa L., Zack F., Aerith G.",
        ["Barret W."],
    )


def test_ratings_k_to_m_explicit_is_m_with_a_warning(everything_work: ExportWork) -> None:
    expected = {
        Rating.GENERAL: "K+",
        Rating.TEEN: "T",
        Rating.MATURE: "M",
        Rating.EXPLICIT: "M",
    }
    for rating, ffn_rating in expected.items():
        meta = replace(everything_work.meta, rating=rating, ffn_rating=None)
        f = _fields(replace(everything_work, meta=meta))
        assert f["rating"][1] == ffn_rating
        assert bool(f["rating"][2]) == (rating is Rating.EXPLICIT)
    meta = replace(everything_work.meta, ffn_rating=FfnRating.K)
    assert _fields(replace(everything_work, meta=meta))["rating"][1] == "K"


def test_complete_status_one_fandom_and_too_many_characters(everything_work: ExportWork) -> None:
    meta = replace(
        everything_work.meta,
        status=Status.COMPLETE,
        fandoms=("Final Fantasy VII",),
        characters=("A", "B", "C", "D", "E", "F"),
    )
    f = _fields(replace(everything_work, meta=meta))
    assert f["status"][1] == "Complete"
    assert f["category"][:2] == ("Category", "Final Fantasy VII")
    assert f["characters"][2] == ["FFN takes four characters: E, F left out."]


def test_a_later_chapter_is_its_title_and_document(everything_work: ExportWork) -> None:
    assert list(_fields(everything_work, 2)) == ["chapter_title", "text"]
