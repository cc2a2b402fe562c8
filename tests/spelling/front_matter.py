"""A work whose misspellings are all in its front matter, for the CLI and the panel."""

from __future__ import annotations

from pathlib import Path

from editor.store.project import Changes, Project

WORK_FIELDS = {
    "summary": "<p>Teh summary.</p>",
    "disclaimer": "<p>I ownn nothing.</p>",
    "dedication": "<p>For Jnae.</p>",
    "prompt": "<p>A prompt.</p><p>Frmo a friend.</p>",
}
# Each misspelling once, in reading order, with where `ficwright check` places it.
TYPOS = {
    "Teh": "Summary, paragraph 1",
    "ownn": "Disclaimer, paragraph 1",
    "Jnae": "Dedication, paragraph 1",
    "Frmo": "Prompt, paragraph 2",
    "Smmary": "Chapter 1 summary, paragraph 1",
    "Thnaks": "Chapter 1 beginning notes, paragraph 1",
    "Readnig": "Chapter 2 end notes, paragraph 2",
}


def make_front_matter_work(path: Path) -> Path:
    """Two chapters spelled right; every rich field of the work and the chapters is not."""
    project = Project.create(path, "Storm Front")
    first = project.add_chapter("One", "<p>All fine here.</p>", 3)
    second = project.add_chapter("Two", "<p>Fine too.</p>", 2)
    project.save(
        Changes(
            work=WORK_FIELDS,
            chapters={
                first: {"summary": "<p>Smmary.</p>", "notes_begin": "<p>Thnaks!</p>"},
                second: {"notes_end": "<p>Fine.</p><p>Readnig on.</p>"},
            },
        )
    )
    project.close()
    return path
