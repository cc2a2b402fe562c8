"""Find and replace across a whole work: chapter bodies and the rich-text notes (no Qt).

What is searched, in this order (the order of ``search_work``'s hits):

1. every chapter's body, chapters in order;
2. with ``include_notes``, the work's rich fields (``WORK_FIELDS``), then each chapter's
   rich fields (``CHAPTER_FIELDS``), chapters in order.

Replacing across the work is undoable twice over: before anything is written, a "replace"
snapshot of every chapter is taken (listed with the chapter's revisions) and the notes and work
fields it changes are kept in the file (store/replaced.py), so both survive a save or a restart;
``undo_replace`` puts back, in one transaction, every body and note not edited since.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from editor.store import history, replaced
from editor.store.project import Changes, Project
from editor.store.replaced import ReplacedField
from editor.text.find import FindOptions, Match, compile_pattern, find_in_canonical
from editor.text.find import replace_in_canonical as _replace
from editor.text.richtext import word_count

BODY = "body"
# The fields holding canonical HTML, in the order they are searched (plain fields such as
# tags or the title are not text an author would replace in).
WORK_FIELDS: tuple[str, ...] = ("summary", "disclaimer", "dedication", "prompt")
CHAPTER_FIELDS: tuple[str, ...] = ("summary", "notes_begin", "notes_end")


@dataclass(frozen=True, slots=True)
class Hit:
    chapter_id: int | None  # None: a field of the work itself
    chapter_title: str  # "" for the work's own fields
    field: str  # BODY, or a name from CHAPTER_FIELDS / WORK_FIELDS
    match: Match  # offsets in the plain text of that body or field


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    """What a replace across the work did, and what ``undo_replace`` needs to take it back."""

    count: int  # matches replaced, bodies and notes together
    changed_chapter_ids: tuple[int, ...]  # bodies rewritten, in chapter order: reload these
    snapshot_ids: tuple[int, ...]  # the "replace" snapshots, one per chapter (empty: no change)
    fields_id: int | None = None  # the notes and fields it changed, kept (store/replaced.py)
    bodies: Mapping[int, str] = field(default_factory=dict)  # rewritten bodies, as written

    @property
    def changed(self) -> bool:
        return bool(self.changed_chapter_ids or self.fields_id is not None)


@dataclass(frozen=True, slots=True)
class _Text:
    """One searchable text of the work."""

    chapter_id: int | None
    chapter_title: str
    field: str
    text: str


def _texts(
    project: Project, include_notes: bool, current: Mapping[int, str] | None
) -> Iterator[_Text]:
    chapters = project.chapters()
    for ch in chapters:
        body = current[ch.id] if current and ch.id in current else project.body(ch.id)
        yield _Text(ch.id, ch.title, BODY, body)
    if not include_notes:
        return
    meta = project.meta()
    for name in WORK_FIELDS:
        yield _Text(None, "", name, getattr(meta, name))
    for ch in chapters:
        chapter_meta = project.chapter_meta(ch.id)
        for name in CHAPTER_FIELDS:
            yield _Text(ch.id, ch.title, name, getattr(chapter_meta, name))


def search_work(
    project: Project,
    options: FindOptions,
    *,
    include_notes: bool = True,
    current: Mapping[int, str] | None = None,
) -> list[Hit]:
    """Every match in the work, in reading order (see the module doc).

    ``current`` maps chapter ids to the editor's unsaved bodies, searched instead of the
    stored ones. Raises FindError for a pattern that cannot run.
    """
    # A bad pattern fails here, even in a work with no chapters; one time limit for all texts.
    pattern = compile_pattern(options)
    return [
        Hit(t.chapter_id, t.chapter_title, t.field, match)
        for t in _texts(project, include_notes, current)
        for match in find_in_canonical(t.text, options, pattern)
    ]


def replace_work(
    project: Project,
    options: FindOptions,
    replace: str,
    *,
    include_notes: bool = True,
    current: Mapping[int, str] | None = None,
) -> ReplaceResult:
    """Replace every match in the work; all of it is written in one transaction.

    Before writing: unsaved bodies in ``current`` that differ from the stored ones are saved
    (so the snapshots hold what the author saw), then every chapter is snapshotted. When
    nothing would change, nothing is written and no snapshot is taken. Raises FindError
    (before writing anything) for a pattern or replacement that cannot run, or FindTimeout
    for one that runs too long.
    """
    pattern = compile_pattern(options)
    count = 0
    changes = Changes()
    fields: list[ReplacedField] = []
    for t in _texts(project, include_notes, current):
        new, n = _replace(t.text, options, replace, pattern)
        count += n
        if new == t.text:
            continue
        if t.field == BODY:
            assert t.chapter_id is not None
            changes.bodies[t.chapter_id] = (new, word_count(new))
        else:
            if t.chapter_id is None:
                changes.work[t.field] = new
            else:
                changes.chapters.setdefault(t.chapter_id, {})[t.field] = new
            fields.append(ReplacedField(t.chapter_id, t.field, t.text, new))
    if not changes:
        return ReplaceResult(count, (), ())

    order = [ch.id for ch in project.chapters()]
    unsaved = Changes(
        bodies={
            cid: (body, word_count(body))
            for cid, body in (current or {}).items()
            if cid in order and body != project.body(cid)
        }
    )
    if unsaved:
        project.save(unsaved)
    name = f"Before replacing “{options.pattern}”"
    snapshot_ids = history.take_all(project, "replace", name)
    fields_id = replaced.keep(project, name, fields) if fields else None
    project.save(changes)
    return ReplaceResult(
        count=count,
        changed_chapter_ids=tuple(cid for cid in order if cid in changes.bodies),
        snapshot_ids=tuple(snapshot_ids),
        fields_id=fields_id,
        bodies={cid: body for cid, (body, _words) in changes.bodies.items()},
    )


def undo_replace(project: Project, result: ReplaceResult) -> list[tuple[int | None, str]]:
    """Put back every body and note the replace changed, in one transaction, except those
    edited since (an edit is never overwritten); returns those, as (chapter id, field).

    Bodies come from the replace's snapshots, notes and fields from store/replaced.py.
    """
    if not result.changed:
        return []
    live = {ch.id for ch in project.chapters()}
    edited: list[tuple[int | None, str]] = []
    undo = Changes()
    for snapshot_id in result.snapshot_ids:
        shot = history.snapshot(project, snapshot_id)
        if shot.chapter_id not in result.bodies:
            continue
        if (
            shot.chapter_id in live
            and project.body(shot.chapter_id) == result.bodies[shot.chapter_id]
        ):
            undo.bodies[shot.chapter_id] = (shot.body, shot.words)
        else:
            edited.append((shot.chapter_id, BODY))
    kept = replaced.kept(project, result.fields_id) if result.fields_id is not None else []
    for f in kept:
        if f.chapter_id is None:
            value = getattr(project.meta(), f.field)
        elif f.chapter_id in live:
            value = getattr(project.chapter_meta(f.chapter_id), f.field)
        else:
            value = None  # the chapter was deleted since
        if value != f.after:
            edited.append((f.chapter_id, f.field))
        elif f.chapter_id is None:
            undo.work[f.field] = f.before
        else:
            undo.chapters.setdefault(f.chapter_id, {})[f.field] = f.before
    if undo:
        project.save(undo)
    return edited
