"""How big a work and its backups grow with use: a month of daily editing of the 500k-word
work, and a 10 MB chapter edited for three hours, on a simulated clock.

    python bench/retention.py [--no-retention] [--days 30] [--hours 3]

Everything goes through the real store: saves as the workspace makes them (an automatic
snapshot before a save at most every 10 minutes per chapter, store/retention.py pruning after
each new one and on close), Replace All as the Find dialog makes it (every chapter
snapshotted, the replace record kept), backups as the window makes them (on open and every
15 minutes of editing, rotated: the newest 10 and one a day for a week). Only the clock is
simulated, so a month takes minutes. ``--no-retention`` turns pruning off, for comparison.

The month: one two-hour session a day; every simulated minute an autosave of the chapter
being written (about 15 words more) and, every third minute, of one being revised; a
named snapshot each week; a Replace All of a name on days 8 and 22. The chapter: an
autosave of a 10 MB chapter every simulated minute (a paragraph changed), a Replace All
after 90 minutes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench.generate import LARGE_NAME, generate, pasted_text
from editor import autosnapshots
from editor.findreplace import replace_work
from editor.store import backup, history, replaced, retention
from editor.store import project as project_module
from editor.store.project import Changes, Project
from editor.text import find
from editor.text.find import FindOptions

MB = 1_000_000
BACKUP_EVERY = timedelta(minutes=15)


class Clock:
    """The simulated time every stamp of the store and the snapshot interval read."""

    def __init__(self, start: datetime) -> None:
        self.t = start
        self._origin = start

    def stamp(self) -> str:
        return self.t.isoformat(timespec="milliseconds")

    def monotonic(self) -> float:
        return (self.t - self._origin).total_seconds() + 1e6

    def advance(self, delta: timedelta) -> None:
        self.t += delta


@contextmanager
def simulated(clock: Clock, prune: bool) -> Iterator[None]:
    saved: list[tuple[object, str, object]] = []

    def patch(module: object, name: str, value: object) -> None:
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, value)

    for module in (project_module, history, replaced):
        patch(module, "now", clock.stamp)
    patch(autosnapshots, "clock", clock.monotonic)
    # Sizes are measured here, not speed: a busy machine must not stop a Replace All.
    patch(find, "TIME_LIMIT", 600.0)
    real_prune = retention.prune
    if prune:
        patch(retention, "prune", lambda project, at=None: real_prune(project, at or clock.t))
    else:
        patch(retention, "prune", lambda project, at=None: 0)
    try:
        yield
    finally:
        for module, name, value in reversed(saved):
            setattr(module, name, value)


def take_backup(project: Project, folder: Path, clock: Clock) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{project.path.stem} {clock.t.strftime('%Y-%m-%d %H-%M-%S')}.ficwright"
    project.save_copy(folder / name)
    backup.rotate(folder, now=clock.t)


def sizes(work: Path, folder: Path) -> tuple[int, int]:
    on_disk = sum(p.stat().st_size for p in work.parent.glob(work.name + "*"))
    backups = sum(p.stat().st_size for p in folder.glob("*.ficwright"))
    return on_disk, backups


def text_size(project: Project) -> int:
    row = project.connection.execute(
        "SELECT SUM(length(CAST(body AS BLOB))) FROM chapters WHERE deleted IS NULL"
    ).fetchone()
    return int(row[0] or 0)


class Session:
    """An open work as the workspace drives it: snapshots before saves, backups, close."""

    def __init__(self, work: Path, folder: Path, clock: Clock) -> None:
        self.project = Project.open(work)
        self.snapshots = autosnapshots.AutoSnapshots(self.project)
        self.folder = folder
        self.clock = clock
        take_backup(self.project, folder, clock)  # on open
        self._last_backup = clock.t

    def save(self, bodies: dict[int, str]) -> None:
        for cid in bodies:
            self.snapshots.before_save(cid)
        self.project.save(Changes(bodies={cid: (b, len(b.split())) for cid, b in bodies.items()}))
        if self.clock.t - self._last_backup >= BACKUP_EVERY:
            take_backup(self.project, self.folder, self.clock)
            self._last_backup = self.clock.t

    def replace_all(self, old: str, new: str) -> None:
        replace_work(self.project, FindOptions(old, whole_word=True, match_case=True), new)

    def close(self) -> None:
        self.snapshots.prune()
        self.project.close()


Row = tuple[str, int, int, int]  # when, text, file, backups


def month(work: Path, folder: Path, days: int, report: Callable[[Row], None], clock: Clock) -> None:
    rnd = random.Random(7)
    names = [("Keeper", "Warden"), ("Warden", "Keeper")]
    for day in range(1, days + 1):
        session = Session(work, folder, clock)
        chapters = session.project.chapters()
        writing = chapters[-1].id
        revising = rnd.choice(chapters[:-1]).id
        bodies = {cid: session.project.body(cid) for cid in (writing, revising)}
        if day in (8, 22):
            old, new = names[day // 15]
            session.replace_all(old, new)
            bodies = {cid: session.project.body(cid) for cid in bodies}
        if day % 7 == 0:
            history.take(session.project, writing, "manual", f"Posted, week {day // 7}")
        for minute in range(120):
            clock.advance(timedelta(minutes=1))
            words = " ".join(
                rnd.choice(("the", "light", "keeper", "sea", "said")) for _ in range(15)
            )
            bodies[writing] = bodies[writing][: -len("</p>")] + f" {words}</p>"
            edited = {writing: bodies[writing]}
            if minute % 3 == 0:
                bodies[revising] = bodies[revising].replace(" the ", " a ", 1)
                edited[revising] = bodies[revising]
            session.save(edited)
        text = text_size(session.project)
        session.close()
        on_disk, backups = sizes(work, folder)
        if day in (1, 7, 14, 21, 28, days):
            report((f"day {day}", text, on_disk, backups))
        clock.advance(timedelta(hours=22))  # until tomorrow's session


def big_chapter(
    work: Path, folder: Path, hours: int, report: Callable[[Row], None], clock: Clock
) -> None:
    rnd = random.Random(3)
    lines = pasted_text(10 * MB).split("\n")
    body = "\n".join(f"<p>{line}</p>" for line in lines)
    project = Project.create(work, "The Very Long Chapter")
    cid = project.add_chapter("One", body, len(body.split()))
    project.close()
    paragraphs = body.split("\n")
    session = Session(work, folder, clock)
    report(("start", text_size(session.project), *sizes(work, folder)))
    for minute in range(1, hours * 60 + 1):
        clock.advance(timedelta(minutes=1))
        i = rnd.randrange(len(paragraphs))
        paragraphs[i] = paragraphs[i][: -len("</p>")] + " and then the tide came in</p>"
        session.save({cid: "\n".join(paragraphs)})
        if minute == 90:
            session.replace_all("the", "thy")
            paragraphs = session.project.body(cid).split("\n")
        if minute % 30 == 0:
            session.project.wait_checkpointed(30)
            report(
                (
                    f"{minute // 60} h {minute % 60:02d} min",
                    text_size(session.project),
                    *sizes(work, folder),
                )
            )
    text = text_size(session.project)
    session.close()
    report(("closed", text, *sizes(work, folder)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-retention", action="store_true", help="never prune (comparison)")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--hours", type=int, default=3)
    parser.add_argument("--only", choices=["month", "chapter"], help="one of the two runs")
    args = parser.parse_args(argv)
    prune = not args.no_retention

    print(f"retention {'on' if prune else 'OFF'}")
    print("| work | when | text | file | file / text | backup folder |")
    print("|---|---|---|---|---|---|")

    def row(label: str) -> Callable[[Row], None]:
        def report(r: Row) -> None:
            when, text, on_disk, backups = r
            print(
                f"| {label} | {when} | {text / MB:.1f} MB | {on_disk / MB:.1f} MB | "
                f"{on_disk / text:.2f}x | {backups / MB:.1f} MB |",
                flush=True,
            )

        return report

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.only in (None, "month"):
            large, _ = generate(root / "gen")
            work = root / "month" / LARGE_NAME
            work.parent.mkdir()
            shutil.copyfile(large, work)
            clock = Clock(datetime(2026, 11, 1, 19, 0, tzinfo=UTC))
            with simulated(clock, prune):
                month(work, root / "month-backups", args.days, row("500k words, a month"), clock)
        if args.only in (None, "chapter"):
            chapter = root / "chapter" / "chapter10mb.ficwright"
            chapter.parent.mkdir()
            clock = Clock(datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
            with simulated(clock, prune):
                big_chapter(
                    chapter, root / "chapter-backups", args.hours, row("10 MB chapter"), clock
                )
    print(f"\n({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
