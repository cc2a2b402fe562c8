"""The export registry, and golden files of the text targets for the everything work.

Golden files are compared byte for byte. After an intended change of output, regenerate
them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/formats`` and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from editor.formats import ffn, targets
from editor.formats.targets import TARGETS, Target, export_to
from editor.formats.work import FRONT_MATTER_PARTS, ExportOptions, ExportWork

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
KEYS = ["ao3", "ffn", "ffn-docx", "md", "txt", "bbcode", "html", "epub", "docx", "odt", "pdf"]


def test_registry_has_every_target() -> None:
    assert list(TARGETS) == KEYS
    for key, target in TARGETS.items():
        assert isinstance(target, Target) and target.key == key
        assert target.label and target.extension and not target.extension.startswith(".")
    assert {k for k, t in TARGETS.items() if t.binary} == {"ffn-docx", "epub", "docx", "odt", "pdf"}
    assert {k for k, t in TARGETS.items() if t.per_chapter} == {"ffn", "ffn-docx"}


def test_ffn_docx_of_one_chapter_is_its_document_manager_file(everything_work: ExportWork) -> None:
    import io

    import docx

    one = ExportOptions(chapters=[2])
    data = export_to("ffn-docx", everything_work, one)
    assert isinstance(data, bytes)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    expected = ffn.chapter_docx(everything_work, everything_work.chapters[1], one)
    assert texts == [p.text for p in docx.Document(io.BytesIO(expected)).paragraphs]
    assert texts[1] == "Chapter 2 of 4: What the Tide Brought"


@pytest.mark.parametrize("key", KEYS)
def test_each_export_returns_its_declared_type(key: str, everything_work: ExportWork) -> None:
    out = export_to(key, everything_work, ExportOptions())
    assert isinstance(out, bytes if TARGETS[key].binary else str)
    assert out
    if isinstance(out, str):
        out.encode("utf-8")  # every text target is saved as UTF-8


def test_selected_chapters_only(everything_work: ExportWork) -> None:
    for key in ("ffn", "md", "txt", "bbcode", "html"):
        out = export_to(key, everything_work, ExportOptions(chapters=[2]))
        assert isinstance(out, str)
        assert "Things to pack" in out and "Kell’s Reach had not" not in out, key


def test_unknown_target_is_a_key_error(everything_work: ExportWork) -> None:
    with pytest.raises(KeyError):
        export_to("rtf", everything_work, ExportOptions())


def test_registry_import_leaves_heavy_libraries_unloaded() -> None:
    code = (
        "import sys, editor.formats.targets; "
        "print(sorted(m for m in ('ebooklib', 'docx', 'markdown_it') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


GOLDEN_CASES: dict[str, Callable[[ExportWork], str]] = {
    "ffn/chapter1.html": lambda w: ffn.chapter_html(w, w.chapters[0], ExportOptions()),
    "ffn/chapter2.html": lambda w: ffn.chapter_html(w, w.chapters[1], ExportOptions()),
    "md/everything.md": lambda w: str(export_to("md", w, ExportOptions())),
    "txt/everything.txt": lambda w: str(export_to("txt", w, ExportOptions())),
    "bbcode/everything.bbcode": lambda w: str(export_to("bbcode", w, ExportOptions())),
    "html/everything.html": lambda w: str(export_to("html", w, ExportOptions())),
}


@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_matches_golden_file(name: str, everything_work: ExportWork) -> None:
    data = GOLDEN_CASES[name](everything_work).encode("utf-8")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":  # UPDATE_GOLDEN=1 rewrites the golden files
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs; UPDATE_GOLDEN=1 after review"


@pytest.mark.parametrize("chapters", [[1], None], ids=["one chapter", "all chapters"])
@pytest.mark.parametrize("key", [k for k, t in targets.TARGETS.items() if not t.binary])
def test_options_used_are_the_ones_that_change_the_output(
    key: str, chapters: list[int] | None, everything_work: ExportWork
) -> None:
    """What the Export dialog enables: an option changes the export exactly when it is used."""
    from dataclasses import replace

    base = ExportOptions(chapters=chapters)
    count = len(base.selected(everything_work))
    used = targets.options_used(key, count)
    before = targets.export_to(key, everything_work, base)
    for part in FRONT_MATTER_PARTS:
        changed = replace(base, parts=base.parts - {part})
        after = targets.export_to(key, everything_work, changed)
        assert (after != before) == (part in used), (key, part)
    marked = targets.export_to(key, everything_work, replace(base, emphasis_marks=True))
    assert (marked != before) == (targets.EMPHASIS_MARKS in used), key
