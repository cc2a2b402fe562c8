"""Side panels for a work's front matter.

Every panel follows one contract, so the main window wires them all the same way:
- ``show_meta(meta: WorkMeta)`` fills the panel without emitting anything;
- ``metaEdited(name, value)`` is emitted on the author's edits, ``name`` a WorkMeta field;
- ``set_completions(tags)`` offers the work's tags to the panel's tag editors.
Panels that follow the selected chapter also have ``show_chapter(chapter_id, title, label,
meta)`` (``chapter_id`` -1 for none) and emit ``chapterMetaEdited(chapter_id, name, value)``,
``name`` a ChapterMeta field, carrying the id they were showing so an edit can never land
on another chapter.
"""
