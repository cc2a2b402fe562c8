"""Find and replace across a whole work: chapter bodies and the rich-text notes (no Qt).

What is searched, in this order (the order of ``search_work``'s hits):

1. every chapter's body, chapters in order;
2. with ``include_notes``, the work's rich fields (``WORK_FIELDS``), then each chapter's
   rich fields (``CHAPTER_FIELDS``), chapters in order.

Replacing across the work is undoable twice over: before anything is written, a "replace"
snapshot of every chapter is taken (listed with the chapter's revisions) and every body, note
and work field it changes is kept in the file, before and after (store/replaced.py), so the
undo survives closing the dialog, a save or a restart. ``last_undoable`` finds the last replace
while some text still reads as it left it; ``undo_replace`` puts back, in one transaction, every
body and note not edited since (an edit is never overwritten).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

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
    replace_id: int | None = None  # the texts it changed, kept (store/replaced.py); None: none

    @property
    def changed(self) -> bool:
        return self.replace_id is not None


@dataclass(frozen=True, slots=True)
class Undoable:
    """The last replace across the work, while ``undo_replace`` would still put text back."""

    replace_id: int
    name: str  # "Before replacing “cloud”", as its snapshots are named
    chapter_ids: tuple[int, ...]  # the bodies it rewrote: reload these after the undo


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
        elif t.chapter_id is None:
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
    replace_id = replaced.keep(project, name, fields)
    project.save(changes)
    return ReplaceResult(
        count=count,
        changed_chapter_ids=tuple(cid for cid in order if cid in changes.bodies),
        snapshot_ids=tuple(snapshot_ids),
        replace_id=replace_id,
    )


def last_undoable(project: Project) -> Undoable | None:
    """The newest replace kept in the file, if some text it changed still reads as it left it
    (once undone, or once every such text was edited since, there is nothing to undo)."""
    newest = replaced.last(project)
    if newest is None:
        return None
    replace_id, name = newest
    kept = replaced.kept(project, replace_id)
    now = _Now(project)
    if all(now.value(f) != f.after for f in kept):
        return None
    bodies = tuple(f.chapter_id for f in kept if f.field == BODY and f.chapter_id is not None)
    return Undoable(replace_id, name, bodies)


def undo_replace(project: Project, replace_id: int | None) -> list[tuple[int | None, str]]:
    """Put back every body and note the replace ``replace_id`` changed, in one transaction,
    except those edited since (an edit is never overwritten); returns those, as (chapter id,
    field). Save the editor first: its unsaved text counts as an edit only once stored.
    """
    kept = replaced.kept(project, replace_id) if replace_id is not None else []
    now = _Now(project)
    edited: list[tuple[int | None, str]] = []
    undo = Changes()
    for f in kept:
        if now.value(f) != f.after:
            edited.append((f.chapter_id, f.field))
        elif f.field == BODY:
            assert f.chapter_id is not None
            undo.bodies[f.chapter_id] = (f.before, word_count(f.before))
        elif f.chapter_id is None:
            undo.work[f.field] = f.before
        else:
            undo.chapters.setdefault(f.chapter_id, {})[f.field] = f.before
    if undo:
        project.save(undo)
    return edited


class _Now:
    """The stored text a replace changed, as it reads now."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._live = {ch.id for ch in project.chapters()}
        self._meta = project.meta()

    def value(self, f: ReplacedField) -> str | None:
        """None for a chapter deleted since (never put back behind the author's back)."""
        if f.chapter_id is None:
            return getattr(self._meta, f.field)
        if f.chapter_id not in self._live:
            return None
        if f.field == BODY:
            return self._project.body(f.chapter_id)
        return getattr(self._project.chapter_meta(f.chapter_id), f.field)
