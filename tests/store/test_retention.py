"""Retention: what a work keeps of its snapshots and Replace All records, and the file
shrinking once they are pruned."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from editor.store import history, replaced, retention
from editor.store import project as project_module
from editor.store.project import Project

AT = datetime(2026, 12, 7, 21, 0, tzinfo=UTC)


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Move the store's clock (snapshots and records are stamped with it)."""
    stamp = moment.isoformat(timespec="milliseconds")
    for module in (project_module, history, replaced):
        monkeypatch.setattr(module, "now", lambda stamp=stamp: stamp)


def snap(
    project: Project, monkeypatch: pytest.MonkeyPatch, cid: int, ago: timedelta, name=""
) -> int:  # type: ignore[no-untyped-def]
    at(monkeypatch, AT - ago)
    return history.take(project, cid, "manual" if name else "auto", name)


def kept(project: Project) -> set[int]:
    return {r[0] for r in project.connection.execute("SELECT id FROM snapshots")}


def test_the_schedule_keeps_the_day_the_hours_of_a_week_the_days_of_a_month_and_named_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.create(tmp_path / "w.ficwright", "W")
    one = project.add_chapter("One", "<p>Short.</p>", 1)
    h = timedelta(hours=1)
    d = timedelta(days=1)
    day = {snap(project, monkeypatch, one, ago) for ago in (h, 2 * h, 23 * h)}
    same_hour_newer = snap(project, monkeypatch, one, 3 * d + timedelta(minutes=5))
    same_hour_older = snap(project, monkeypatch, one, 3 * d + timedelta(minutes=45))
    other_hour = snap(project, monkeypatch, one, 3 * d + 2 * h)
    same_day_newer = snap(project, monkeypatch, one, 10 * d + h)
    same_day_older = snap(project, monkeypatch, one, 10 * d + 5 * h)
    too_old = snap(project, monkeypatch, one, 40 * d)
    named = snap(project, monkeypatch, one, 60 * d, name="Before the big rewrite")

    removed = retention.prune(project, at=AT)

    assert kept(project) == day | {same_hour_newer, other_hour, same_day_newer, named}
    assert removed == 3
    assert {same_hour_older, same_day_older, too_old}.isdisjoint(kept(project))
    project.close()


def test_the_newest_snapshot_of_a_chapter_is_kept_however_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.create(tmp_path / "w.ficwright", "W")
    one = project.add_chapter("One", "<p>Short.</p>", 1)
    older = snap(project, monkeypatch, one, timedelta(days=90))
    newest = snap(project, monkeypatch, one, timedelta(days=45))
    retention.prune(project, at=AT)
    assert kept(project) == {newest} and older not in kept(project)
    project.close()


def test_a_big_chapter_keeps_only_what_fits_and_the_file_shrinks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retention, "MIN_HISTORY_BYTES", 0)
    project = Project.create(tmp_path / "w.ficwright", "W")
    body = "<p>" + "a long chapter " * 20_000 + "</p>"  # 300 kB
    one = project.add_chapter("One", body, 60_000)
    ids = [snap(project, monkeypatch, one, timedelta(minutes=10 * n)) for n in range(12, 0, -1)]
    project.wait_checkpointed(5)
    before = project.path.stat().st_size

    retention.prune(project, at=AT)
    project.close()

    check = Project.open(project.path)
    sizes = [r[0] for r in check.connection.execute("SELECT length(body) FROM snapshots")]
    assert sum(sizes) <= retention.HISTORY_SHARE * len(body)
    assert ids[-1] in kept(check)  # the newest
    assert check.path.stat().st_size < before / 3
    assert check.path.stat().st_size < 3 * len(body)
    assert check.body(one) == body
    check.close()


def test_replace_records_are_pruned_but_the_newest_stays_undoable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.create(tmp_path / "w.ficwright", "W")
    one = project.add_chapter("One", "<p>Short.</p>", 1)
    field = replaced.ReplacedField(one, "body", "<p>Before.</p>", "<p>After.</p>")
    at(monkeypatch, AT - timedelta(days=50))
    old = replaced.keep(project, "Sam → Frodo", [field])
    at(monkeypatch, AT - timedelta(days=45))
    newest = replaced.keep(project, "Frodo → Sam", [field])

    retention.prune(project, at=AT)

    assert replaced.last(project) == (newest, "Frodo → Sam")
    assert replaced.kept(project, old) == []
    assert replaced.kept(project, newest) == [field]
    project.close()


def test_a_work_made_before_incremental_vacuum_is_converted_once_it_has_room_to_give_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "old.ficwright"
    project = Project.create(work, "W")
    body = "<p>" + "an older work " * 20_000 + "</p>"
    one = project.add_chapter("One", body, 60_000)
    project.close()
    conn = sqlite3.connect(work)
    conn.execute("PRAGMA auto_vacuum = NONE")
    conn.execute("VACUUM")
    conn.close()
    project = Project.open(work)
    assert project.connection.execute("PRAGMA auto_vacuum").fetchone() == (0,)
    for n in range(10):
        snap(project, monkeypatch, one, timedelta(days=40 + n))
    project.wait_checkpointed(5)
    monkeypatch.setattr(retention, "MIN_HISTORY_BYTES", 0)

    retention.prune(project, at=AT)

    assert project.connection.execute("PRAGMA auto_vacuum").fetchone() == (2,)
    assert len(kept(project)) == 1
    project.close()
    assert work.stat().st_size < 2.5 * len(body)  # the text and its newest snapshot
