"""The command line as a script meets it: the real ``python -m editor`` in a subprocess.

``-o`` never replaces a symlink, a device (here a FIFO, which stands for any special file)
or a folder; every failure is one line on stderr and a non-zero exit, never a traceback;
an unknown command or option is a usage error and never starts Qt, proved by running with
no display at all (a window would abort) and with the offscreen platform (a window would
never return).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.store.project import Project

ROOT = Path(__file__).resolve().parents[1]


def ficwright(
    home: Path, *args: str, platform: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FICWRIGHT_HOME": str(home)}
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    if platform is not None:
        env["QT_QPA_PLATFORM"] = platform
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        env=env,
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a window would never return under offscreen: fail, do not hang
    )


def assert_one_line_failure(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for text in expected:
        assert text in lines[0], lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "work.ficwright"
    project = Project.create(path, "Safe")
    project.add_chapter("One", "<p>Some words.</p>", 2)
    project.close()
    return path


def _left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".importing")))


def test_export_o_through_a_symlink_is_refused_and_the_link_and_its_file_stay(
    tmp_path: Path, work: Path
) -> None:
    real = tmp_path / "real.html"
    real.write_text("theirs")
    link = tmp_path / "link.html"
    link.symlink_to(real)

    done = ficwright(tmp_path / "home", "export", str(work), "--to", "html", "-o", str(link))

    assert_one_line_failure(done, "link.html", "symbolic link")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "theirs"
    assert _left_behind(tmp_path) == []


def test_export_o_a_dangling_symlink_is_refused(tmp_path: Path, work: Path) -> None:
    link = tmp_path / "dangling.epub"
    link.symlink_to(tmp_path / "nowhere.epub")

    done = ficwright(tmp_path / "home", "export", str(work), "--to", "epub", "-o", str(link))

    assert_one_line_failure(done, "symbolic link")
    assert link.is_symlink() and not (tmp_path / "nowhere.epub").exists()


def test_export_o_a_special_file_is_refused_and_left_alone(tmp_path: Path, work: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # opened for writing it would block: the refusal must come first

    done = ficwright(tmp_path / "home", "export", str(work), "--to", "md", "-o", str(fifo))

    assert_one_line_failure(done, "pipe.md", "special file")
    assert fifo.is_fifo()
    assert _left_behind(tmp_path) == []


def test_export_o_a_folder_is_refused_and_the_folder_stays(tmp_path: Path, work: Path) -> None:
    folder = tmp_path / "out.docx"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")

    done = ficwright(tmp_path / "home", "export", str(work), "--to", "docx", "-o", str(folder))

    assert_one_line_failure(done, "out.docx", "folder")
    assert (folder / "keep.txt").read_text() == "mine"


def test_export_o_a_regular_file_replaces_it_whole(tmp_path: Path, work: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old export")

    done = ficwright(tmp_path / "home", "export", str(work), "--to", "txt", "-o", str(out))

    assert done.returncode == 0, done.stderr
    assert "Some words." in out.read_text()
    assert _left_behind(tmp_path) == []


def test_a_planted_partial_symlink_cannot_redirect_the_write(tmp_path: Path, work: Path) -> None:
    # The old temporary name was predictable: a link planted there was written through.
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    (tmp_path / ".out.txt.part").symlink_to(victim)

    done = ficwright(
        tmp_path / "home", "export", str(work), "--to", "txt", "-o", str(tmp_path / "out.txt")
    )

    assert done.returncode == 0, done.stderr
    assert victim.read_text() == "untouched"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("missing/new.ficwright", "does not exist"),
        ("story.txt/new.ficwright", "is a file, not a folder"),
    ],
)
def test_import_o_where_no_work_can_be_written_is_one_line(
    tmp_path: Path, output: str, expected: str
) -> None:
    (tmp_path / "story.txt").write_text("Hello there.\n")

    done = ficwright(tmp_path / "home", "import", "story.txt", "-o", output, cwd=tmp_path)

    assert_one_line_failure(done, expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_import_o_into_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Hello there.\n")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = ficwright(
            tmp_path / "home", "import", "story.txt", "-o", "ro/new.ficwright", cwd=tmp_path
        )
    finally:
        folder.chmod(0o755)

    assert_one_line_failure(done, "read-only")
    assert list(folder.iterdir()) == []


def test_a_damaged_work_is_one_line_for_every_command(tmp_path: Path, work: Path) -> None:
    data = bytearray(work.read_bytes())
    for i in range(4096, len(data)):  # every page after the header's
        data[i] = (i * 7) & 0xFF
    work.write_bytes(bytes(data))
    (tmp_path / "story.txt").write_text("Hello there.\n")

    for args in (
        ("check", str(work)),
        ("export", str(work), "--to", "md"),
        ("import", "story.txt", "--into", "-o", str(work)),
    ):
        done = ficwright(tmp_path / "home", *args, cwd=tmp_path)
        assert_one_line_failure(done, "damaged")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("bogus",), "'bogus' is neither a command"),
        (("exprot", "work.ficwright"), "one work at a time"),
        (("--bogus",), "unknown option '--bogus'"),
        (("-x", "work.ficwright"), "unknown option '-x'"),
        (("export", "w.ficwright", "--to", "md", "--bogus"), "unrecognized arguments"),
        (("export", "w.ficwright", "--to", "rtf"), "invalid choice"),
        (("import",), "the following arguments are required"),
    ],
)
@pytest.mark.parametrize("platform", [None, "offscreen"])
def test_unknown_commands_and_options_are_usage_errors_without_a_window(
    tmp_path: Path, args: tuple[str, ...], expected: str, platform: str | None
) -> None:
    home = tmp_path / "home"

    done = ficwright(home, *args, platform=platform, cwd=tmp_path)

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("usage: ficwright"), done.stderr
    assert expected in done.stderr
    assert not (home / "settings.ini").exists()  # nothing of the app was started
