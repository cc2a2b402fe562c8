"""`ficwright import`: a new work from files, --into an existing one, and the refusals (exit 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor import cli
from editor.model import Rating
from editor.store.project import Project
from tests.importers import FIXTURES


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_creates_a_work_and_says_what_it_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "salt.ficwright"
    code, out, err = run(["import", str(FIXTURES / "two-chapters.txt"), "-o", str(work)], capsys)

    assert (code, err) == (0, "")
    project = Project.open(work)
    try:
        assert [c.title for c in project.chapters()] == ["The Bell", "The Keeper's Log"]
        assert project.meta().title == "Salt and Iron"
        assert project.meta().rating is Rating.GENERAL
    finally:
        project.close()
    assert out.startswith("Imported 2 chapters (")
    assert "Chapter 1 “The Bell”" in out
    assert "two-chapters.txt: utf-8" in out
    assert "Title: Salt and Iron" in out
    assert "Chapter 1 end notes: Chapter two is already written" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["salt.ficwright"]  # nothing beside


def test_encodings_are_reported_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(FIXTURES / n) for n in ("notepad-utf16.txt", "old-archive-cp1252.txt")]
    code, out, _ = run(["import", *files, "-o", str(tmp_path / "w.ficwright")], capsys)
    assert code == 0
    assert "notepad-utf16.txt: utf-16" in out
    assert "old-archive-cp1252.txt: cp1252" in out


def test_an_existing_work_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "w.ficwright"
    Project.create(work, "Mine").close()
    before = work.read_bytes()

    code, _, err = run(["import", str(FIXTURES / "full-header.txt"), "-o", str(work)], capsys)

    assert code == 2
    assert "already exists" in err and "--into" in err
    assert work.read_bytes() == before


def test_into_appends_and_keeps_the_works_own_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "w.ficwright"
    project = Project.create(work, "Mine")
    project.add_chapter("One", "<p>First.</p>", 1)
    project.close()

    files = [str(FIXTURES / "multi" / n) for n in ("ch2.txt", "ch1.txt")]
    code, out, err = run(["import", *files, "-o", str(work), "--into"], capsys)

    assert (code, err) == (0, "")
    project = Project.open(work)
    try:
        assert [c.title for c in project.chapters()] == ["One", "Arrival", "The Forty-Second Boat"]
        assert project.meta().title == "Mine"
        assert project.meta().author == "moth_and_flame"
    finally:
        project.close()
    assert "Kept the work's own (not replaced): Title" in out


def test_binary_and_unsupported_files_fail_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "cover.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    work = tmp_path / "w.ficwright"

    code, out, err = run(
        ["import", str(FIXTURES / "two-chapters.txt"), str(png), "-o", str(work)], capsys
    )
    assert (code, out) == (2, "")
    assert err == "ficwright import: “cover.txt” is a PNG picture, not a text file.\n"

    odt = tmp_path / "story.odt"
    odt.write_bytes(b"PK")
    code, _, err = run(["import", str(odt), "-o", str(work)], capsys)
    assert code == 2 and "not a kind of file Ficwright imports" in err

    assert sorted(p.name for p in tmp_path.iterdir()) == ["cover.txt", "story.odt"]


def test_into_with_a_bad_file_leaves_the_work_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "w.ficwright"
    Project.create(work, "Mine").close()
    before = work.read_bytes()
    bad = tmp_path / "ch2.txt"
    bad.write_bytes(bytes(range(256)))

    code, _, err = run(
        ["import", str(FIXTURES / "multi" / "ch1.txt"), str(bad), "-o", str(work), "--into"],
        capsys,
    )
    assert code == 2 and "“ch2.txt” is not a text file" in err
    assert work.read_bytes() == before


def test_into_needs_an_existing_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        [
            "import",
            str(FIXTURES / "two-chapters.txt"),
            "-o",
            str(tmp_path / "no.ficwright"),
            "--into",
        ],
        capsys,
    )
    assert code == 2 and "does not exist" in err


def test_no_header_and_no_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "two-chapters.txt"
    shutil.copy(FIXTURES / "two-chapters.txt", source)
    work = tmp_path / "w.ficwright"

    code, out, _ = run(
        ["import", str(source), "-o", str(work), "--no-header", "--no-split"], capsys
    )

    assert code == 0
    project = Project.open(work)
    try:
        [chapter] = project.chapters()
        assert project.body(chapter.id).startswith("<p>Title: Salt and Iron<br />")
        assert project.meta().title == "w"  # no title found: the work's file name
    finally:
        project.close()
    assert "Found:" not in out
