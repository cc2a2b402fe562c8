"""Damaged work files: pages overwritten at several places of a real work. Nothing crashes,
nothing is written, no lock is left behind; what still reads opens read-only and says what
is damaged; the command line says one line and fails."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.store import history
from editor.store.errors import DamagedProjectError
from editor.store.lock import lock_path
from editor.store.project import Project

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


@pytest.fixture(scope="module")
def sound_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("sound") / "story.ficwright"
    project = Project.create(work, "Story")
    for i in range(30):
        cid = project.add_chapter(f"Chapter {i + 1}", "<p>" + f"word{i} " * 400 + "</p>", 400)
        history.take(project, cid, "manual", "kept")
    project.close()
    return work


def pages(work: Path) -> int:
    return work.stat().st_size // PAGE


def damaged_copy(sound: Path, folder: Path, page: int) -> Path:
    """A copy of ``sound`` with page ``page`` (1-based) overwritten with noise; the first
    100 bytes (the header Ficwright judges a file by) are kept."""
    work = folder / f"page{page}.ficwright"
    shutil.copyfile(sound, work)
    start = (page - 1) * PAGE + (100 if page == 1 else 0)
    noise = random.Random(page).randbytes(page * PAGE - start)
    with open(work, "r+b") as f:
        f.seek(start)
        f.write(noise)
    return work


# Where the damage falls: the schema, the first table pages, the middle, the end.
POSITIONS = ["first", "second", "third", "fourth", "middle", "last"]


def page_at(position: str, count: int) -> int:
    return {"first": 1, "second": 2, "third": 3, "fourth": 4, "middle": count // 2, "last": count}[
        position
    ]


@pytest.mark.parametrize("position", POSITIONS)
def test_a_damaged_work_opens_read_only_or_is_refused_in_words(
    sound_work: Path, tmp_path: Path, position: str
) -> None:
    work = damaged_copy(sound_work, tmp_path, page_at(position, pages(sound_work)))
    before = work.read_bytes()
    try:
        project = Project.open(work)
    except DamagedProjectError as e:
        assert "is damaged" in str(e)
    else:
        assert project.read_only and project.damage.startswith(f"“{work.name}” is damaged (")
        # What still reads is there; what does not is shown as damaged, never raised.
        for chapter in project.chapters():
            assert project.body(chapter.id)
        project.meta()
        project.close()
    assert work.read_bytes() == before  # nothing written into it
    assert not lock_path(work).exists()
    # Locked by nobody (LockedError would fail the test): the same answer again.
    with contextlib.suppress(DamagedProjectError):
        Project.open(work).close()


def test_the_damage_is_named(sound_work: Path, tmp_path: Path) -> None:
    work = damaged_copy(sound_work, tmp_path, pages(sound_work) // 2)
    project = Project.open(work)
    try:
        assert "chapter text" in project.damage or "snapshots" in project.damage
    finally:
        project.close()


def test_a_sound_work_has_no_damage(sound_work: Path) -> None:
    project = Project.open(sound_work)
    try:
        assert project.damage == "" and not project.read_only
    finally:
        project.close()


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("command", [["export", "--to", "txt"], ["check"]])
def test_the_command_line_says_one_line_and_fails(
    sound_work: Path, tmp_path: Path, position: str, command: list[str]
) -> None:
    work = damaged_copy(sound_work, tmp_path, page_at(position, pages(sound_work)))
    result = subprocess.run(
        [sys.executable, "-m", "editor", command[0], str(work), *command[1:]],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode not in (0, 1)  # 1 is check's "there are unknown words"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0], result.stderr
    assert result.stdout == ""
    assert not lock_path(work).exists()


# Damage that leaves the work readable (a refused one is a message box, which needs an author).
@pytest.mark.parametrize("position", ["fourth", "middle", "last"])
def test_the_app_starts_on_a_damaged_work_without_a_traceback(
    sound_work: Path, tmp_path: Path, position: str
) -> None:
    work = damaged_copy(sound_work, tmp_path, page_at(position, pages(sound_work)))
    home = tmp_path / "home"
    env = {**os.environ, "FICWRIGHT_HOME": str(home), "FICWRIGHT_BENCH_STARTUP": "1"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "editor", str(work)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "painted" in result.stdout
    assert not lock_path(work).exists()
