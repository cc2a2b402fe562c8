"""Properties of the edge classifier, over stories and headers it has never seen.

Any story without a header imports unchanged; any header assembled from the catalogue's
patterns (../shared/reference/fic-headers.md) around any story gives back the story intact
and each item in its field.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.formats.importers import ImportResult, read_files
from editor.text.richtext import plain_text

_NAMES = ["Mara", "Tobin", "Ilse", "Corwen", "Petra", "Jun", "Amaru", "Sable", "Wren", "Odile"]
_SUBJECTS = ["She", "He", "They", "The old woman", "Her brother", "The captain", *_NAMES]
_VERBS = [
    "walked down to the harbour",
    "looked at the grey water for a long time",
    "did not answer",
    "folded the letter twice and put it away",
    "laughed, and the sound went out over the fields",
    "counted the boats that had come back",
    "carried the lamp up the narrow stairs",
    "waited by the gate until the rain stopped",
    "remembered the winter the river froze",
    "pulled the door shut behind them",
]
_SAID = ['"Not yet," {n} said.', '"Where were you?" asked {n}.', '"Come inside," said {n}.']
_SENTENCE = st.builds(lambda s, v: f"{s} {v}.", st.sampled_from(_SUBJECTS), st.sampled_from(_VERBS))
_NARRATION = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)
_DIALOGUE = st.builds(lambda t, n: t.format(n=n), st.sampled_from(_SAID), st.sampled_from(_NAMES))
# Speech inside narration, in words an author might use to readers: the characters' words.
_SPEECH = st.builds(
    lambda n, t: f'{n} said, "{t}," and went back to work.',
    st.sampled_from(_NAMES),
    st.sampled_from(["Sorry about the noise", "Thanks for waiting", "See you next time"]),
)
_PARAGRAPH = st.one_of(_NARRATION, _NARRATION, _DIALOGUE, _SPEECH)
_STORY = st.lists(_PARAGRAPH, min_size=3, max_size=10).filter(
    lambda ps: not ps[0].startswith('"') or len(ps) > 3
)

_FANDOMS = ["Skyward Isles", "Lantern Court", "The Tidewright Chronicles", "Gullhaven"]
_CHATTY = [
    "Thank you so much for all the reviews on the last chapter!",
    "Hey everyone, sorry for the wait, exams ate me alive.",
    "This is my first fic in this fandom, so please be gentle!",
    "Huge thanks to my beta for fixing my commas. Enjoy!",
]
_END = [
    "Thanks for reading! Please review, it makes my day.",
    "See you next chapter! Let me know what you think.",
    "Next chapter is already written, so you won't wait long :)",
]

# (line, field, text the field must hold)
_ITEM = st.one_of(
    st.sampled_from(_FANDOMS).map(
        lambda f: (f"Disclaimer: I don't own {f}.", "disclaimer", f"I don't own {f}")
    ),
    st.sampled_from(_FANDOMS).map(
        lambda f: (f"Disclamer - {f} belongs to its creator.", "disclaimer", f)
    ),
    st.sampled_from(_CHATTY).map(lambda c: (f"A/N: {c}", "notes_begin", c)),
    st.sampled_from(_CHATTY).map(lambda c: (c, "notes_begin", c)),
    st.sampled_from(["violence", "character death", "swearing"]).map(
        lambda w: (f"Warnings: {w}", "warnings", w)
    ),
    st.sampled_from(["T", "M", "K+"]).map(lambda r: (f"Rating: {r}", "rating", r)),
    st.tuples(st.sampled_from(_NAMES), st.sampled_from(_NAMES)).map(
        lambda p: (f"Pairing: {p[0]}/{p[1]}", "relationships", f"{p[0]}/{p[1]}")
    ),
    st.sampled_from(_NAMES).map(
        lambda n: (f"For {n}, who asked for this one.", "dedication", f"For {n}")
    ),
    # A list under a label alone, an item a line
    st.lists(
        st.sampled_from(["violence", "character death", "swearing", "blood"]),
        min_size=2,
        max_size=3,
        unique=True,
    ).map(lambda ws: ("Warnings:\n" + "\n".join(f"- {w}" for w in ws), "warnings", ws[-1])),
    st.sampled_from(_NAMES).map(
        lambda n: (f"Beta'd by: {n}, who caught every typo", "notes_begin", f"{n}, who caught")
    ),
)
_SEPARATOR = st.sampled_from(["", "x-X-x", "oOo", "~*~", "* * *", "═══ ⋆★⋆ ═══"])
_HEADING = st.one_of(
    st.just(("", "", "")),
    st.sampled_from(["The Lantern Fair", "Embers", "What the Tide Took"]).map(
        lambda t: (f"Chapter 3: {t}", "chapter_title", t)
    ),
    st.just(("Chapter Three", "", "")),
)


def _write(tmp_path: Path, text: str) -> ImportResult:
    path = tmp_path / "fic.txt"
    path.write_text(text, encoding="utf-8")
    return read_files([path])


def _words(text: str) -> list[str]:
    return text.split()


def _field(result: ImportResult, name: str) -> str:
    f = result.fields
    [chapter] = result.chapters
    values = {
        "disclaimer": plain_text(f.get("disclaimer", "")),
        "dedication": plain_text(f.get("dedication", "")),
        "notes_begin": plain_text(chapter.notes_begin),
        "notes_end": plain_text(chapter.notes_end),
        "chapter_title": chapter.title,
        "warnings": " ".join([*f.get("content_warnings", ()), *chapter.warnings]),
        "rating": str(f.get("ffn_rating", "")),
        "relationships": " ".join(f.get("relationships", ())),
    }
    return values[name]


_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(story=_STORY, blank=st.booleans())
def test_a_story_without_a_header_imports_unchanged(
    tmp_path: Path, story: list[str], blank: bool
) -> None:
    text = ("\n\n" if blank else "\n").join(story) + "\n"
    result = _write(tmp_path, text)
    [chapter] = result.chapters
    assert _words(plain_text(chapter.body)) == _words(" ".join(story))
    assert not (chapter.notes_begin or chapter.notes_end or result.fields)


@_SETTINGS
@given(
    story=_STORY,
    items=st.lists(_ITEM, min_size=1, max_size=5, unique_by=lambda i: i[1]),
    separator=_SEPARATOR,
    heading=_HEADING,
    end=st.one_of(st.none(), st.sampled_from(_END)),
    labelled_end=st.booleans(),
    signed=st.booleans(),
)
def test_a_header_from_the_catalogue_around_any_story_goes_to_its_fields(
    tmp_path: Path,
    story: list[str],
    items: list[tuple[str, str, str]],
    separator: str,
    heading: tuple[str, str, str],
    end: str | None,
    labelled_end: bool,
    signed: bool,
) -> None:
    lines = [line for line, _, _ in items]
    if separator:
        lines.append(separator)
    if heading[0]:
        lines.append(heading[0])
    lines += story
    if end:
        lines.append(f"A/N: {end}" if labelled_end else end)
        if signed:
            lines.append("- kestrel ♡")
    result = _write(tmp_path, "\n\n".join(lines) + "\n")

    [chapter] = result.chapters
    assert _words(plain_text(chapter.body)) == _words(" ".join(story)), lines
    for _, name, value in [*items, heading]:
        if name:
            assert value in _field(result, name), (name, value, lines)
    if end:
        assert end in _field(result, "notes_end"), lines
        assert not signed or "kestrel" in _field(result, "notes_end"), lines
