"""The daily log and chapter goals in the work file, and the figures drawn from them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from editor import stats
from editor.store import progress, schema
from editor.store.errors import ReadOnlyError
from editor.store.progress import DayWords
from editor.store.project import Changes, Project

TODAY = date(2025, 3, 12)  # a Wednesday


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = Project.create(tmp_path / "w.ficwright", "Work")
    yield p
    p.close()


def test_migration_from_version_4_keeps_the_work_and_adds_the_log(tmp_path: Path) -> None:
    path = tmp_path / "old.ficwright"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](conn)  # build a version-4 file by hand, as version 4 wrote it
    conn.execute("BEGIN")
    for migration in schema.MIGRATIONS[1:4]:
        migration(conn)
    conn.execute("INSERT INTO schema_version(version) VALUES (4)")
    conn.execute("INSERT INTO work(id, title, created, modified) VALUES (1, 'Old', 'x', 'x')")
    conn.execute(
        "INSERT INTO chapters(position, title, body, words, created, modified) "
        "VALUES (0, 'One', '<p>Kept words.</p>', 2, 'x', 'x')"
    )
    conn.execute("INSERT INTO work_fields(key, value) VALUES ('author', '\"Me\"')")
    conn.execute("COMMIT")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 4")
    conn.close()

    project = Project.open(path)
    try:
        assert [(c.title, c.words) for c in project.chapters()] == [("One", 2)]
        assert project.body(project.chapters()[0].id) == "<p>Kept words.</p>"
        assert project.meta().author == "Me"
        assert project.meta().goal_words is None
        assert progress.days(project) == {}
        progress.record(project, TODAY, 5, 1)
        assert progress.day(project, TODAY) == DayWords(TODAY, 5, 1)
    finally:
        project.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone() == (schema.CURRENT_VERSION,)
    raw.close()


def test_record_adds_to_the_day_and_keeps_days_apart(project: Project) -> None:
    progress.record(project, TODAY, 10, 0)
    progress.record(project, TODAY, 5, 3)
    progress.record(project, TODAY - timedelta(days=1), 7, 0)
    progress.record(project, TODAY, 0, 0)  # nothing: no row is touched
    assert progress.days(project) == {
        TODAY - timedelta(days=1): DayWords(TODAY - timedelta(days=1), 7, 0),
        TODAY: DayWords(TODAY, 15, 3),
    }
    assert progress.days(project, since=TODAY) == {TODAY: DayWords(TODAY, 15, 3)}
    assert progress.day(project, TODAY + timedelta(days=1)) == DayWords(TODAY + timedelta(days=1))
    with pytest.raises(ValueError):
        progress.record(project, TODAY, -1, 0)


def test_the_log_survives_reopening_and_a_read_only_file_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "Work")
    progress.record(project, TODAY, 12, 2)
    project.close()
    reader = Project.open(path, read_only=True)
    try:
        assert progress.day(reader, TODAY) == DayWords(TODAY, 12, 2)
        with pytest.raises(ReadOnlyError):
            progress.record(reader, TODAY, 1, 0)
    finally:
        reader.close()


def test_chapter_goals_are_set_replaced_and_removed(project: Project) -> None:
    one = project.add_chapter("One")
    two = project.add_chapter("Two")
    progress.set_chapter_goal(project, one, 5000)
    progress.set_chapter_goal(project, two, 3000)
    progress.set_chapter_goal(project, two, 4000)
    assert progress.chapter_goals(project) == {one: 5000, two: 4000}
    progress.set_chapter_goal(project, one, None)
    progress.set_chapter_goal(project, two, 0)
    assert progress.chapter_goals(project) == {}


def test_work_goal_is_a_work_field(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "Work")
    project.save(Changes(work={"goal_words": 50_000}))
    project.close()
    project = Project.open(path)
    try:
        assert project.meta().goal_words == 50_000
    finally:
        project.close()


# -- the figures -----------------------------------------------------------------------


def test_diff_counts_increases_as_added_and_decreases_as_removed() -> None:
    before = {1: 100, 2: 50, 3: 10}
    after = {1: 130, 2: 20, 4: 999}  # 3 went to the bin, 4 was imported: neither is writing
    assert stats.diff(before, after) == (30, 30)


def test_session_logs_each_change_once_and_never_negative() -> None:
    session = stats.Session({1: 100})
    assert session.pending(1, 112) == (12, 0)
    assert session.commit({1: 112}) == (12, 0)
    assert session.commit({1: 112}) == (0, 0)  # a save without typing logs nothing
    assert session.commit({1: 105}) == (0, 7)
    session.follow({1: 105, 2: 40})  # a new chapter starts from its own count
    assert session.commit({1: 105, 2: 45}) == (5, 0)
    assert (session.added, session.removed) == (17, 7)


def log_of(*entries: tuple[int, int]) -> dict[date, DayWords]:
    """(days before TODAY, words added) -> a log."""
    return {
        TODAY - timedelta(days=ago): DayWords(TODAY - timedelta(days=ago), added)
        for ago, added in entries
    }


def test_streak_counts_days_in_a_row_up_to_today() -> None:
    assert stats.streak(log_of((0, 5), (1, 3), (2, 1), (4, 9)), TODAY) == 3
    assert stats.streak({}, TODAY) == 0


def test_a_today_without_words_yet_does_not_break_the_streak() -> None:
    assert stats.streak(log_of((1, 3), (2, 1)), TODAY) == 2
    assert stats.streak(log_of((2, 1)), TODAY) == 0


def test_a_day_of_only_deleting_is_not_a_writing_day() -> None:
    log = log_of((1, 3))
    log[TODAY] = DayWords(TODAY, 0, 200)
    assert stats.streak(log, TODAY) == 1


def test_figures_total_the_work_and_the_week() -> None:
    # Monday 10 March starts TODAY's week: the Sunday before does not count.
    log = log_of((0, 100), (2, 50), (3, 999))
    figures = stats.figures([1000, 2000, 3001], log, TODAY, session=40)
    assert figures == stats.Figures(
        work_words=6001,
        chapters=3,
        average_chapter=2000,
        today=100,
        week=150,
        streak=1,
        session=40,
    )
    sunday_weeks = stats.figures([], log, TODAY, first_weekday=6)
    assert sunday_weeks.week == 150 + 999
    assert sunday_weeks.average_chapter == 0


def test_series_has_every_one_of_the_last_days_oldest_first() -> None:
    days = stats.series(log_of((0, 12), (29, 4), (30, 99)), TODAY, days=30)
    assert len(days) == 30
    assert days[0] == (TODAY - timedelta(days=29), 4)
    assert days[-1] == (TODAY, 12)
    assert sum(w for _d, w in days) == 16
