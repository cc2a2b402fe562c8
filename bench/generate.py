"""Generate the benchmark works: a 500,000-word work and a single 20,000-word chapter.

    python bench/generate.py [OUTDIR]        # default: bench/out/

Deterministic (seeded): the same bytes of text every time, so figures taken on different
days measure the same work. Everything goes through the real store API and the canonical
HTML subset, so the files are exactly what an author's would be.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from editor.store.project import Project
from editor.text.richtext import escape_text, normalize, word_count

SEED = 20_240_601
LARGE_NAME = "large.ficwright"
CHAPTER20K_NAME = "chapter20k.ficwright"
LARGE_CHAPTERS = 100
LARGE_CHAPTER_WORDS = 5_000
SINGLE_CHAPTER_WORDS = 20_000
DIALOGUE_SHARE = 0.30

# -- vocabulary ------------------------------------------------------------------


def _list(text: str) -> list[str]:
    """Phrases separated by "|", wrapped freely across lines."""
    return [" ".join(p.split()) for p in text.split("|") if p.strip()]


NAMES = _list(
    """
    Wren | Tamsin | Ash | Marlowe | Kit | Ondine | Rafe | Juniper | Cass | Elio
    """
)
PLACES = _list(
    """
    the harbour | the lighthouse | the old chapel | the market | the cliff path | the kitchen
    | the library | the station | the boathouse | the long gallery
    """
)
NOUNS = _list(
    """
    lamp | letter | storm | door | window | coat | tide | key | map | candle | boat | bell |
    ledger | rope | kettle | shadow | promise | silence | voice | memory | stair | lantern |
    compass | photograph | ring | song | wind | gull
    """
)
ADJECTIVES = _list(
    """
    old | cold | quiet | bright | narrow | salt-stained | crooked | heavy | familiar | broken
    | distant | careful | well-worn | green | grey | warm | half-remembered | unlikely |
    patient | restless
    """
)
VERBS_PAST = _list(
    """
    watched | held | found | carried | touched | opened | closed | followed | remembered |
    folded | lifted | studied | mended | forgot | turned | counted | kept | lost | read | set
    down
    """
)
MOTIONS = _list(
    """
    crossed the room | leaned against the wall | looked away | laughed, short and surprised |
    sat down hard | didn’t answer | shook their head | stepped closer | let out a breath |
    rubbed at their eyes | went very still | shrugged
    """
)
ADVERBS = _list(
    """
    slowly | quietly | at last | again | carefully | without thinking | too late | all at once
    | for a long moment | almost gently
    """
)
SAID = ["said", "asked", "murmured", "snapped", "whispered", "called", "admitted", "muttered"]
SPEECH = [
    "I’m not going to apologise for that",
    "You don’t have to stay",
    "We’ve been here before, haven’t we",
    "It isn’t what you think",
    "I couldn’t have known",
    "Tell me you didn’t read it",
    "You’re soaked through",
    "That’s not an answer",
    "I’d have come sooner if I could",
    "Don’t look at me like that",
    "It’s only a letter",
    "We can’t keep doing this",
    "You should’ve told me",
    "I won’t ask again",
    "There’s a storm coming",
    "Nobody’s kept the light as long as you have",
]
SETTINGS = ["Later that night", "Three days later", "Morning", "The following spring",
            "Midsummer", "Ten years earlier"]  # fmt: skip


class Prose:
    """A seeded source of sentences and paragraphs in canonical HTML."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def _styled(self, text: str) -> str:
        """Escape, and now and then put a word or two in italics or bold."""
        words = text.split(" ")
        roll = self.r.random()
        if len(words) > 4 and roll < 0.12:
            i = self.r.randrange(1, len(words) - 1)
            tag = "em" if roll < 0.10 else "strong"
            span = " ".join(words[i : i + self.r.choice((1, 1, 2))])
            head = escape_text(" ".join(words[:i]))
            tail = escape_text(" ".join(words[i + len(span.split(" ")) :]))
            return f"{head} <{tag}>{escape_text(span)}</{tag}> {tail}".rstrip()
        return escape_text(text)

    def sentence(self) -> str:
        r = self.r
        name = r.choice(NAMES)
        shape = r.randrange(6)
        if shape == 0:
            s = (
                f"{name} {r.choice(VERBS_PAST)} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)} "
                f"{r.choice(ADVERBS)}, as if it might still be {r.choice(ADJECTIVES)}."
            )
        elif shape == 1:
            s = (
                f"Out past {r.choice(PLACES)} the {r.choice(NOUNS)} was {r.choice(ADJECTIVES)} "
                f"and {r.choice(ADJECTIVES)} — nothing like the {r.choice(NOUNS)} "
                f"{r.choice(NAMES)} had {r.choice(VERBS_PAST)} the winter before."
            )
        elif shape == 2:
            s = (
                f"It wasn’t the {r.choice(NOUNS)} that {name} minded; it was the "
                f"{r.choice(ADJECTIVES)} {r.choice(NOUNS)}, and the way nobody had "
                f"{r.choice(VERBS_PAST)} it since."
            )
        elif shape == 3:
            s = (
                f"{name} {r.choice(MOTIONS)}, and for a while there was only the sound of "
                f"the {r.choice(NOUNS)} against the {r.choice(NOUNS)}."
            )
        elif shape == 4:
            s = (
                f"They’d {r.choice(VERBS_PAST)} {r.choice(PLACES)} a hundred times, but "
                f"never like this: {r.choice(ADJECTIVES)}, {r.choice(ADJECTIVES)}, "
                f"{r.choice(ADVERBS)} theirs."
            )
        else:
            s = f"The {r.choice(NOUNS)} {r.choice(VERBS_PAST)} nothing, and said less."
        return s

    def narration(self) -> str:
        n = self.r.choice((2, 3, 3, 4, 4, 5))
        return " ".join(self._styled(self.sentence()) for _ in range(n))

    def dialogue(self) -> str:
        r = self.r
        name = r.choice(NAMES)
        line = r.choice(SPEECH)
        shape = r.randrange(4)
        if shape == 0:
            return f"“{self._styled(line)}.”"
        if shape == 1:
            return f"“{self._styled(line)},” {name} {r.choice(SAID)}, {r.choice(ADVERBS)}."
        if shape == 2:
            return (
                f"“{escape_text(line)} —” {name} {r.choice(MOTIONS)}. "
                f"“{self._styled(r.choice(SPEECH))}.”"
            )
        return (
            f"{name} {r.choice(MOTIONS)}. “{self._styled(line)}?” {self._styled(self.sentence())}"
        )

    def chapter(self, words: int) -> str:
        """Canonical HTML for a chapter of about ``words`` words."""
        r = self.r
        lines: list[str] = []
        count = 0
        next_break = r.randint(1_200, 2_200)
        while count < words:
            roll = r.random()
            if count >= next_break and count < words - 300:
                lines.append("<hr />")
                next_break = count + r.randint(1_200, 2_200)
                if r.random() < 0.4:
                    line = f'<p align="center"><strong>{r.choice(SETTINGS)}</strong></p>'
                    lines.append(line)
                    count += word_count(line)
                continue
            if roll < 0.006:
                # A quoted letter: italic throughout, so no styled runs inside it.
                text = " ".join(escape_text(self.sentence()) for _ in range(3))
                lines += ["<blockquote>", f"<p><em>{text}</em></p>", "</blockquote>"]
            elif roll < 0.012:
                text = "* * *"
                lines.append(f'<p align="center">{text}</p>')
            elif roll < 0.012 + DIALOGUE_SHARE:
                text = self.dialogue()
                lines.append(f"<p>{text}</p>")
            else:
                text = self.narration()
                lines.append(f"<p>{text}</p>")
            count += word_count(lines[-1] if lines[-1] != "</blockquote>" else lines[-2])
        return "\n".join(lines)


# -- pastes ------------------------------------------------------------------------

# Words of several scripts, a contraction, a compound, a number and an emoji.
PASTE_WORDS = ["the", "quick", "brown", "fox", "jumped", "over", "naïve", "Zoë's", "well-known",
               "dog", "3.5", "café", "she", "said", "мир", "שלום", "😀", "कि", "don’t"]  # fmt: skip


def pasted_text(size: int, seed: int = 11) -> str:
    """About ``size`` characters of plain text, paragraphs of 1 to 120 words."""
    rnd = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rnd.choice(PASTE_WORDS) for _ in range(rnd.randint(1, 120)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs)


def google_docs_html(size: int, seed: int = 7) -> str:
    """About ``size`` characters of what Google Docs puts on the clipboard: a span with
    inline styles for each run, a <br> between paragraphs."""
    rnd = random.Random(seed)
    base = "font-size:11pt;font-family:Arial;color:#000000;white-space:pre-wrap;"
    styles = [base + "font-weight:400;font-style:normal;", base + "font-style:italic;",
              base + "font-weight:700;"]  # fmt: skip
    parts = ['<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">']
    total = 0
    while total < size:
        spans = "".join(
            f'<span style="{rnd.choice(styles)}">'
            + escape_text(" ".join(rnd.choice(PASTE_WORDS) for _ in range(rnd.randint(1, 12))))
            + " </span>"
            for _ in range(rnd.randint(1, 8))
        )
        p = f'<p dir="ltr" style="line-height:1.38;margin-top:0pt;">{spans}</p><br>'
        parts.append(p)
        total += len(p)
    return "".join(parts) + "</b>"


def build(path: Path, title: str, chapters: list[tuple[str, str]]) -> None:
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    project = Project.create(path, title)
    try:
        for chapter_title, body in chapters:
            project.add_chapter(chapter_title, body, word_count(body))
    finally:
        project.close()


def generate(outdir: Path) -> tuple[Path, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    prose = Prose(SEED)
    large = [(f"Chapter {i}", prose.chapter(LARGE_CHAPTER_WORDS)) for i in range(1, 101)]
    single = [("The Long Night", prose.chapter(SINGLE_CHAPTER_WORDS))]
    # The generator writes canonical HTML by hand: prove it, so no load pays for normalising.
    for _title, body in (large[0], single[0]):
        if normalize(body) != body:
            raise AssertionError("generated HTML is not canonical")
    large_path = outdir / LARGE_NAME
    single_path = outdir / CHAPTER20K_NAME
    build(large_path, "The Keeper’s Long Year", large)
    build(single_path, "One Long Chapter", single)
    return large_path, single_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", default=str(Path(__file__).parent / "out"))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    large, single = generate(Path(args.outdir))
    for path in (large, single):
        project = Project.open(path)
        chapters = project.chapters()
        words = sum(ch.words for ch in chapters)
        project.close()
        size = path.stat().st_size / 1e6
        print(f"{path}: {len(chapters)} chapters, {words:,} words, {size:.1f} MB")
    print(f"generated in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
