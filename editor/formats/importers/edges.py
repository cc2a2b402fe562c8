"""Where a chapter's story starts and ends, and what each block around it is.

The text is cut into units: a paragraph (a line, for one-paragraph-per-line text), a labelled
line ("Rating: T"), a symbol line or a chapter heading. Each unit gets evidence (``cues``): a
field it would fill and a weight, positive for front matter, negative for story. The story
starts at the boundary that keeps the most evidence in front of it (the best prefix sum), so
one unlabeled line ("Hey everyone!", a dedication, a Wattpad reads line) no longer hides
what follows it, and where the evidence is even the unit stays story. The end is found the
same way from the back. Every unit on either side then goes to its field; what fits no field
goes to the notes, so no word is dropped but site furniture.

The units are cut by ``edges_units``; ``placing`` writes each into its field. An author's
choice in the import preview (``overrides``: a unit to the story or to a field) wins over
the evidence.
"""

from __future__ import annotations

import re

from editor.formats.importers import cues
from editor.formats.importers.edges_units import (
    DECORATION,
    NOTE_KEYS,
    Context,
    Unit,
    units_of,
)
from editor.formats.importers.header import (
    MULTILINE,
    UNMISTAKABLE,
    KeyMatch,
    PartMeta,
    WorkFields,
    looks_keyed,
    match_key,
    parse_rating,
    reads_like_narration,
)
from editor.formats.importers.placing import Placer
from editor.formats.importers.split import (
    Line,
    block_of,
    lines_of,
    parse_heading,
    plain_letters,
    text_of,
    unmarked,
)
from editor.text.richtext import Block

_FRONT_REACH = 40  # units: front matter longer than this is not front matter
_END_REACH = 15
_HEADER_SHARE = 0.6  # never more than this share of a long text's words taken as its edges
_ENOUGH = 1.5  # the least evidence for front matter
_MIDDLE = "the middle of the text"
_REPLIES = re.compile(r"(?i)\b(?:repl(?:y|ies)|reviews?|reviewers?)\b")
_RECAPS = {"last time", "previously on", "last chapter", "last time on"}  # may open a story line
_PLAIN_STORY = 15.0  # evidence this far behind its best: the story has surely begun

# -- evidence ----------------------------------------------------------------------------

# "Note: the kettle is broken. Do not use it." A note a character leaves: sentences.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)*_]*$")
_NOTE_SENTENCES = re.compile(r"\w[.!?]\s+[A-Z]\w*\s+\w+")
_RATED = re.compile(r"(?i)^rated\s+(k\+?|t|m|ma|g|pg(?:-?13)?|r|nc-?17|e|teen|mature|explicit)\b")
_PLAIN_FIELD = {"ignore_words": "dropped", "ignore_stats": "dropped"}


def _weigh(unit: Unit, *, chapter_start: bool) -> None:
    """The unit's own evidence, before its neighbours are looked at."""
    if unit.kind in ("sep", "spacer"):
        unit.target, unit.weight, unit.why = "sep", 0.25, "a separator line"
        return
    if unit.kind == "heading":
        unit.target, unit.weight, unit.why = "heading", 4.0, "a chapter heading"
        return
    text = unit.text
    if unit.key is not None and unit.key.key == "warnings" and cues.says_who_owns(unit.value):
        # "Aviso: Os personagens … pertencem à …": a warning's label, a disclaimer's words
        unit.key = KeyMatch("disclaimer", unit.key.value_start, unit.key.spelled)
    if unit.key is not None:
        key = unit.key.key
        unit.target = _PLAIN_FIELD.get(key, key)
        unit.weight, unit.why = 6.0, f"labelled “{unit.key.spelled}”"
        loose_note = unit.key.spelled in ("note", "notes") and _NOTE_SENTENCES.search(unit.value)
        if (
            unit.key.spelled not in UNMISTAKABLE
            # "Requested by:", "Beta'd by:": a label of several words opens no story line
            and (" " not in unit.key.spelled or unit.key.spelled in _RECAPS)
            and (key not in MULTILINE or loose_note or key in ("summary", "chapter_summary"))
            and (reads_like_narration(unit.value) or loose_note)
            and not cues.voice(unit.value)[0]
        ):
            unit.weight, unit.why = -2.0, "a label, but it reads like the story"
            unit.target = "narrative"
        return
    if cues.info_line(text) is not None and len(unit.lines) == 1:
        unit.target, unit.weight, unit.why = "info", 5.0, "a story line: rating, fandom, genres"
        return
    rated = _RATED.match(unmarked(text))
    if rated and parse_rating(rated.group(1)) is not None and len(unit.lines) == 1:
        unit.key = KeyMatch("rating", len(text) - len(text.lstrip()) + rated.start(1), "rated")
        unit.target, unit.weight, unit.why = "rating", 5.0, "“Rated …”"
        return
    loose = match_key(text, loose=True)
    if loose is not None and len(unit.lines) == 1:
        unit.target, unit.weight, unit.why = loose.key, 4.0, f"“{loose.spelled} …”"
        unit.key = loose
        return
    cue = cues.unkeyed(text, first_in_work=False)
    unit.target, unit.weight, unit.why = cue.field, cue.weight, cue.why
    if (
        cue.weight <= 0
        and cue.field not in ("letter", "pov")
        and looks_keyed(text)
        and len(text.split()) <= 30
    ):
        unit.target, unit.weight, unit.why = "notes", 2.0, "a label"
    if chapter_start and cue.weight < 3 and _chapter_title_line(text):
        unit.target, unit.weight, unit.why = "chapter_title", 3.0, "a title under the heading"


def _chapter_title_line(text: str) -> bool:
    plain = plain_letters(unmarked(text)).strip(DECORATION)
    return bool(plain) and cues.title_like(plain) and len(plain.split()) <= 10


def _in_context(units: list[Unit], *, file_front: bool, to_heading: bool = False) -> None:
    """Evidence that depends on the neighbours. ``to_heading``: the units are all a file has
    before its first chapter heading."""
    real = [u for u in units if u.kind != "spacer"]
    if file_front:
        _title_over_name(real)
    for i, unit in enumerate(real):
        following = real[i + 1 : i + 3]
        near = [*real[max(0, i - 2) : i], *following]
        if _lone_sign(unit, near):
            unit.target, unit.weight = "narrative", -2.0
            unit.why = "a label alone, and it names nothing a warning names"
        if unit.why == "a label" and not any(u.weight >= 3 for u in near):
            unit.target, unit.weight, unit.why = "", -0.5, "a line with a colon"
        if unit.target == "narrative" and i and unit.key and "summary" in unit.key.key:
            # A summary reads like prose; only a text's first line can be the story's.
            unit.target, unit.weight, unit.why = unit.key.key, 6.0, f"labelled “{unit.key.spelled}”"
        # "Warning: the bridge is out, the sign said." is the story unless a header goes on
        # after it.
        if unit.target == "narrative" and any(u.weight >= 3 or u.kind == "sep" for u in following):
            unit.target = unit.key.key if unit.key else "notes"
            unit.weight, unit.why = 3.0, "a label among other labels"
    for i, unit in enumerate(real[1:-1], 1):
        # A title line between the header and the story: the chapter's title.
        prev, nxt = real[i - 1], real[i + 1]
        untitled = prev.kind == "heading" and prev.heading is not None and not prev.heading.title
        plain = unit.kind == "text" and unit.key is None and unit.weight <= 0
        if untitled and plain and len(unit.lines) == 1 and _chapter_title_line(unit.text):
            unit.target, unit.weight = "chapter_title", 3.0
            unit.why = "a title under the heading"
            continue
        # (or between the header's rule and the story)
        above = prev.weight >= 3 or (prev.kind == "sep" and i >= 2 and real[i - 2].weight >= 3)
        if (
            unit.kind == "text"
            and unit.key is None
            and -1 < unit.weight <= 0
            and len(unit.lines) == 1
            and cues.title_like(unit.text)
            and above
            and nxt.weight < 0
            and not (nxt.key is not None and nxt.key.key == "author")
        ):
            unit.target, unit.weight, unit.why = "chapter_title", 2.0, "a title above the story"
    _label_values(real)
    _label_lists(real)
    _review_replies(real)
    if file_front:
        _summary_among_labels(real)
    if not real or not file_front:
        return
    for i, unit in enumerate(real[:30]):
        if unit.kind != "text" or unit.key is not None or unit.weight > 0:
            continue
        nxt = real[i + 1] if i + 1 < len(real) else None
        prev = real[i - 1] if i else None
        around = (nxt is not None and nxt.weight >= 3) or (prev is not None and prev.weight >= 3)
        by_next = nxt is not None and nxt.key is not None and nxt.key.key == "author"
        # A line alone above "Chapter 7: …" at the top of a file: the work's title; and one
        # between two labels ("Summary: …", "PINEAPPLE MAGNET", "Rating: K+").
        between = (
            nxt is not None
            and prev is not None
            and min(nxt.weight, prev.weight) >= 3
            and nxt.key is not None
            and prev.key is not None
        )
        # The last line before the first heading, under the page's header: the title.
        last = to_heading and i == len(real) - 1 and prev is not None and prev.weight >= 3
        around = around or (to_heading and len(real) == 1) or last
        by_next = by_next or (between and i < 10)
        title, bar, pair = unit.text.partition(" | ")
        paired = bool(bar) and (cues.title_like(title) or unit.bold or _bold_start(unit))
        if i < 3 and paired and cues.names_a_pairing(pair) and len(unit.lines) == 1:
            # "**after hours** | aurel x reader": a post's title and its pairing
            unit.target, unit.weight, unit.why = "title", 3.0, "a title and its pairing"
        elif i < 3 and cues.title_by_author(unit.text) is not None:
            unit.target, unit.weight, unit.why = "title_by", 4.0, "“Title by Author”"
        elif (
            (cues.title_like(unit.text) or _bold_title(unit))
            and len(unit.lines) == 1
            and (by_next or ((i <= 1 or last) and around))
        ):
            unit.target, unit.weight, unit.why = "title", 3.0, "a title line in the header"
        elif len(unit.lines) == 2 and around and _title_and_name(unit):
            unit.target, unit.weight, unit.why = "title_name", 3.0, "a title over its author"


def _lone_sign(unit: Unit, near: list[Unit]) -> bool:
    """ "Warning: do not feed the keeper after dark." over the story and nothing else: a sign
    in the story. A real warning names what it warns of, or stands among other labels."""
    return (
        unit.key is not None
        and unit.key.key == "warnings"
        and unit.key.spelled not in UNMISTAKABLE
        and len(unit.value.split()) >= 4
        and bool(_SENTENCE_END.search(unit.value))
        and not cues.names_a_warning(unit.value)
        and not any(u.weight >= 3 or u.kind in ("sep", "heading") for u in near)
    )


def _bold_start(unit: Unit) -> bool:
    """The unit opens with bold words ("**after hours** | …")."""
    runs = [r for line in unit.lines for r in line if r.text.strip()]
    return bool(runs) and "strong" in runs[0].marks


def _bold_title(unit: Unit) -> bool:
    """ "**snowed in**": a short bold line, lower case as Tumblr writes titles."""
    return unit.bold and 0 < unit.words <= 8 and not _SENTENCE_END.search(unit.text)


def _label_values(real: list[Unit]) -> None:
    """What goes on from a label that holds prose ("Summary:" alone, then two paragraphs,
    then a rule): the label's, not the story's. Up to a separator close by; without one,
    only the paragraph under a label that stands alone."""
    for i, unit in enumerate(real):
        if unit.key is None or unit.key.key not in MULTILINE or unit.weight < 3:
            continue
        alone = not unit.value
        run: list[Unit] = []
        for n, after in enumerate(real[i + 1 : i + 6]):
            # "Vorwort:" alone, then "Hallo ihr Lieben! … gehören nicht mir": the note's
            held = alone and n == 0 and unit.key.key in NOTE_KEYS and after.target != "furniture"
            if after.kind != "text" or after.key is not None or (after.weight >= 3 and not held):
                break
            if cues.is_dialogue(after.text):
                run = run[:1] if alone else []  # a label alone holds the paragraph under it
                break
            run.append(after)
        else:
            run = run if alone else []
        rest = real[i + 1 :]
        closing = alone and unit.key.key in NOTE_KEYS and i > len(real) // 2 and len(rest) <= 8
        if closing and not any(u.kind == "heading" or cues.is_dialogue(u.text) for u in rest):
            # "Author's Note:" alone after the story: all that follows, to the end, is the note
            for after in rest:
                if after.weight < 3:
                    after.target, after.weight = unit.key.key, 3.0
                    after.why = f"goes on from “{unit.key.spelled}”"
            continue
        closed = len(real) > i + 1 + len(run) and real[i + 1 + len(run)].kind == "sep"
        near = closed and len(run) <= (4 if alone else 2)
        taken = run if near else run[:1] if alone else []
        for after in taken:
            after.target, after.weight = unit.key.key, 3.0
            after.why = f"goes on from “{unit.key.spelled}”"


def _summary_among_labels(real: list[Unit]) -> None:
    """A page's header with an unlabelled paragraph of prose between its labels (an archive
    prints the summary under the byline): the summary, unless one is labelled."""
    if any(u.key is not None and u.key.key == "summary" for u in real):
        return
    for i, unit in enumerate(real[1:-1], 1):
        prev, nxt = real[i - 1], real[i + 1]
        if (
            unit.kind == "text"
            and unit.key is None
            and -4 < unit.weight < 0
            and unit.words >= 6
            and not cues.is_dialogue(unit.text)
            and prev.key is not None
            and nxt.key is not None
            and min(prev.weight, nxt.weight) >= 3
        ):
            unit.target, unit.weight, unit.why = "summary", 3.0, "prose among the labels"
            return


def _review_replies(real: list[Unit]) -> None:
    """ "Replies below:", then "Marco – you were close!": once replies are going on, a name
    and a dash is the next one."""
    replying = False
    for unit in real:
        if unit.kind != "text":
            replying = False
            continue
        if replying and unit.weight < 3 and cues.review_reply(unit.text, among_replies=True):
            unit.target, unit.weight, unit.why = "notes", 3.0, "a reply to a reviewer"
        replying = unit.why == "a reply to a reviewer" or (
            unit.weight >= 3 and bool(_REPLIES.search(unit.text))
        )


def _label_lists(real: list[Unit]) -> None:
    """ "Warnings:" alone, then "- panic attack", "- swearing": the label's list, not dialogue."""
    for i, unit in enumerate(real):
        if unit.key is None or unit.value or unit.weight < 3:
            continue
        for after in real[i + 1 : i + 16]:
            if after.kind != "text" or after.key is not None or after.item is None:
                break
            after.target, after.weight = unit.key.key, 3.0
            after.why = f"a list under “{unit.key.spelled}”"


def _title_over_name(real: list[Unit]) -> None:
    """ "The Last Ferry Out" over "quietharbour", among labels: a page's title and byline."""
    for i, unit in enumerate(real[1:-1], 1):
        name = real[i + 1]
        around = real[i - 1].weight >= 3 or (i + 2 < len(real) and real[i + 2].weight >= 3)
        if (
            around
            and unit.kind == name.kind == "text"
            and unit.key is None
            and name.key is None
            and unit.weight <= 0
            and name.weight <= 0
            and len(unit.lines) == len(name.lines) == 1
            and _title_and_byline(unit.text, name.text)
        ):
            unit.target, unit.weight, unit.why = "title", 3.0, "a title over its author"
            name.target, name.weight, name.why = "author", 3.0, "an author under the title"
            name.key = KeyMatch("author", 0, "byline")
            return


def _title_and_name(unit: Unit) -> bool:
    """The same in one paragraph, a line each."""
    title, name = (text_of(line).strip() for line in unit.lines)
    return _title_and_byline(title, name)


def _title_and_byline(title: str, name: str) -> bool:
    return cues.title_like(title) and len(name.split()) == 1 and len(name) <= 40


def _limit(units: list[Unit], reach: int) -> int:
    """How many units from the edge may be front or end matter."""
    total = sum(u.words for u in units) or 1
    if total < 300:
        return min(len(units), reach)  # a short text: its header may be most of it
    words = 0
    for i, unit in enumerate(units[:reach]):
        words += unit.words
        if words > _HEADER_SHARE * total and i:
            return i
    return min(len(units), reach)


def _start(
    units: list[Unit], *, to_heading: bool, under_heading: bool = False, paged: bool = False
) -> int:
    """The index of the story's first unit."""
    # A text with no prose in it at all (a hiatus notice) may be all front matter.
    words = sum(u.words for u in units) or 1
    unsure = sum(u.words for u in units if u.weight <= 0 and u.kind == "text")
    prose = any(u.weight <= -2 for u in units) or unsure > 0.1 * words
    reach = len(units) if to_heading or not prose else _limit(units, _FRONT_REACH)
    best, best_at, running = 0.0, 0, 0.0
    ruled, prose = under_heading, False
    for i, unit in enumerate(units[:reach]):
        if unit.weight <= -3 and ruled:
            # Dialogue or a long paragraph under the heading or the rule: the story has begun,
            # and a "DEDICATED TO …" plaque after it is the story's.
            break
        running += unit.weight
        # Past prose under a heading, only a label or a heading says the header goes on.
        labelled = unit.key is not None or unit.kind == "heading"
        if running > best + 1e-9 and (labelled or not prose):
            best, best_at = running, i + 1
        ruled = ruled or unit.kind == "heading"
        prose = prose or (ruled and unit.weight <= -2)
    if best < _ENOUGH and not to_heading:
        best_at = 0  # a lone "Dear Reader," is not enough to take a line from the story
    if to_heading:
        rest = units[best_at:]
        # Before a chapter heading, a few short lines left over are notes, not a chapter;
        # and so is a short paragraph or two under an author's note ("This one is slower").
        if sum(u.words for u in rest) < 15 and all(u.weight > -2 for u in rest):
            return len(units)
        texts = [u for u in rest if u.kind == "text"]
        if (
            best_at
            and not paged  # (before a page break, a short first page is the story's)
            and len(texts) <= 2
            and sum(u.words for u in texts) < 50
            and not any(cues.is_dialogue(u.text) or u.weight <= -3 for u in texts)
        ):
            return len(units)
    return best_at


def _end(units: list[Unit], start: int) -> int:
    """The index of the first unit after the story."""
    reach = _limit(list(reversed(units[start:])), _END_REACH)
    best, best_at, running, prose = 0.0, len(units), 0.0, 0.0
    for i in range(len(units) - 1, max(start, len(units) - reach) - 1, -1):
        unit = units[i]
        weight = unit.weight
        if unit.key is not None and unit.key.key not in NOTE_KEYS and unit.target != "dropped":
            # "Summary:" after the story is the story's (a disclaimer may close a chapter)
            weight = min(weight, 1.0) if unit.key.key == "disclaimer" else -0.5
        running += weight
        prose += min(weight, 0.0)
        # End notes are never mostly prose: a label with story after it is the story's.
        if running > best + 1e-9 and prose > -4:
            best, best_at = running, i
    # Separators alone after the story are the story's; before end notes they part the two.
    if all(u.kind in ("sep", "spacer") for u in units[best_at:]):
        return len(units)
    return best_at


# -- reading ----------------------------------------------------------------------------


def read_edges(
    blocks: list[Block],
    work: WorkFields,
    part: PartMeta,
    context: Context,
    source: str,
    *,
    work_scope: bool,
    to_heading: bool = False,
    chapter_start: bool = False,
    file_front: bool = False,
    under_heading: bool = False,
    paged: bool = False,
    per_line: bool = False,
    headings: bool = True,
) -> list[Block]:
    """The story's blocks; what stands before and after it goes into ``work`` and ``part``.

    ``work_scope``: the start of the work (a summary is the work's). ``to_heading``: the text
    before the first chapter heading (all of it may be front matter, and it has no end
    notes). ``chapter_start``: the text right under a heading without a title (a title line
    may follow it). ``file_front``: the start of a file (a work's title may stand there).
    ``under_heading``: the text under a chapter heading (once its prose has begun, only a
    label says the header goes on). ``paged``: with ``to_heading``, a page break, not a
    heading, ends the text.
    """
    units = units_of(blocks, per_line=per_line, headings=headings)
    if not units:
        return blocks
    _weigh_edges(units, chapter_start=chapter_start, everything=to_heading)
    for unit in units:
        unit.ident = context.ident(source, unit.text or f"<{unit.kind}>")
    _in_context(units, file_front=file_front, to_heading=to_heading)
    if not headings:  # the author asked for no split: a heading line is the text's
        for unit in units:
            if unit.kind == "text" and parse_heading(unit.text) is not None:
                unit.target, unit.weight, unit.why = "story", -1.0, "a heading, kept as text"
    start = _start(units, to_heading=to_heading, under_heading=under_heading, paged=paged)
    if start == len(units) and not to_heading:
        if max(u.weight for u in units) < 5:
            start = 0  # all of it reads a little like a note, none of it surely: the story's
        else:
            # A line that is no note between notes ("Cloud drove on."): the story is there.
            start = next(
                (i for i, u in enumerate(units) if u.kind == "text" and u.weight <= 0), start
            )
    end = len(units) if to_heading else _end(units, start)
    if not to_heading and end <= start and max(u.weight for u in units) < 5:
        start, end = 0, len(units)  # nothing surely a note, and nothing left: all story
    # Nothing left for the story: keep the strongest reading that leaves one.
    if start >= end and not to_heading and any(u.weight < -1 for u in units):
        start = min(start, next(i for i, u in enumerate(units) if u.weight < -1))
        end = max(end, start)
    # Lone "." lines that only spaced the header from the story (FFN drops blank lines).
    while start < end and units[start].kind == "spacer":
        start += 1
    while end > start and units[end - 1].kind == "spacer":
        end -= 1
    writer = Placer(work, part, work_scope=work_scope, source=source, context=context)
    taken = writer.region(units[:start], end=False)
    taken |= writer.story(units[start:end])
    taken |= writer.region(units[end:], end=True)
    # A lone "." between paragraphs stood in for the blank line FFN strips: not the story's
    taken |= {id(u) for u in units[start:end] if u.kind == "spacer" and u.text.strip() == "."}
    return _rebuild(blocks, units, {n for n, u in enumerate(units) if id(u) in taken})


def _weigh_edges(units: list[Unit], *, chapter_start: bool, everything: bool) -> None:
    """Weigh the units from each end until the story is plain: once the evidence is this far
    behind its best, nothing further in can be front or end matter (a 500k-word file is read
    in well under a second). What is not weighed is the story's."""
    first = _first_real(units)
    done = [False] * len(units)
    for order in (range(len(units)), range(len(units) - 1, -1, -1)):
        best = running = 0.0
        for n in order:
            if done[n]:
                break
            _weigh(units[n], chapter_start=chapter_start and n == first)
            done[n] = True
            running += units[n].weight
            best = max(best, running)
            if not everything and running < best - _PLAIN_STORY:
                break
    for n, unit in enumerate(units):
        if not done[n]:
            unit.target, unit.weight, unit.why = "story", -3.0, _MIDDLE


def _first_real(units: list[Unit]) -> int:
    return next((i for i, u in enumerate(units) if u.kind not in ("sep", "spacer")), -1)


def _rebuild(blocks: list[Block], units: list[Unit], consumed: set[int]) -> list[Block]:
    gone: dict[int, set[int]] = {}
    whole: set[int] = set()
    # A line cut into pieces ("Genere: … | Stato: …") goes only when every piece went.
    kept = {(u.block, x) for n, u in enumerate(units) if n not in consumed for x in u.numbers}
    for n, unit in enumerate(units):
        if n not in consumed or any((unit.block, x) in kept for x in unit.numbers):
            continue
        if not unit.lines:  # a rule block
            whole.add(unit.block)
        else:
            gone.setdefault(unit.block, set()).update(unit.numbers)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in whole:
            continue
        if i not in gone:
            out.append(block)
            continue
        kept = [line for n, line in enumerate(lines_of(block)) if n not in gone[i]]
        if any(text_of(line).strip() for line in kept):
            out.append(block_of(_trimmed(kept), block))
    return out


def _trimmed(lines: list[Line]) -> list[Line]:
    while lines and not text_of(lines[0]).strip():
        lines = lines[1:]
    while lines and not text_of(lines[-1]).strip():
        lines = lines[:-1]
    return lines
