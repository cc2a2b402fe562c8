"""Start-up through the real entry point, in a real process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from editor import paths
from editor.app import SAMPLE_COPY_NAME
from editor.store.project import Project

ROOT = Path(__file__).resolve().parents[1]


def run_app(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FICWRIGHT_HOME": str(home), "FICWRIGHT_BENCH_STARTUP": "1"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def recent_files(home: Path) -> list[str]:
    value = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat).value("recentFiles")
    return [value] if isinstance(value, str) else list(value or [])


def test_first_run_opens_a_copy_of_the_sample_and_leaves_the_shipped_file_alone(
    tmp_path: Path,
) -> None:
    shipped = paths.shipped_sample()
    assert shipped is not None and shipped.parent.name == "projects"
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()

    result = run_app(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("painted ")
    copy = tmp_path / "Works" / SAMPLE_COPY_NAME
    assert copy.is_file()
    assert recent_files(tmp_path) == [str(copy)]
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before
    project = Project.open(copy)
    try:
        assert project.work().title == "The Lighthouse Letters"
        assert len(project.chapters()) == 2
    finally:
        project.close()


def test_a_work_named_on_the_command_line_is_opened(tmp_path: Path) -> None:
    work = tmp_path / "mine.ficwright"
    Project.create(work, "Mine").close()

    result = run_app(tmp_path / "home", str(work))

    assert result.returncode == 0, result.stderr
    assert recent_files(tmp_path / "home") == [str(work)]
    assert not (tmp_path / "home" / "Works" / SAMPLE_COPY_NAME).exists()


def test_the_next_start_reopens_the_last_work(tmp_path: Path) -> None:
    work = tmp_path / "mine.ficwright"
    Project.create(work, "Mine").close()
    assert run_app(tmp_path / "home", str(work)).returncode == 0

    result = run_app(tmp_path / "home")

    assert result.returncode == 0, result.stderr
    assert recent_files(tmp_path / "home") == [str(work)]
    assert not (tmp_path / "home" / "Works" / SAMPLE_COPY_NAME).exists()


def test_the_shipped_sample_is_in_the_current_format() -> None:
    # An older sample is migrated on every first run: slow (sqlite-utils is imported for the
    # migration) and a write the author did not ask for. Rebuild it: projects/make_sample.py.
    from editor.store.project import inspect_header
    from editor.store.schema import CURRENT_VERSION

    shipped = paths.shipped_sample()
    assert shipped is not None
    assert inspect_header(shipped) == CURRENT_VERSION


def test_help_and_version_print_and_exit_without_a_window(tmp_path: Path) -> None:
    env = {**os.environ, "FICWRIGHT_HOME": str(tmp_path)}
    env.pop("QT_QPA_PLATFORM", None)  # no display at all: a window would abort the process
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    for flag in ("--help", "-h"):
        done = subprocess.run(
            [sys.executable, "-m", "editor", flag], env=env, cwd=ROOT, capture_output=True,
            text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("usage: ficwright [WORK.ficwright]")
        assert all(f"  {c} " in done.stdout for c in ("check", "export", "import"))
    done = subprocess.run(
        [sys.executable, "-m", "editor", "--version"], env=env, cwd=ROOT, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("ficwright 0.")
    assert not (tmp_path / "settings.ini").exists()  # nothing was started


# Runs the real app, copies from the chapter pane and from the Export dialog, then quits.
_COPY_THEN_QUIT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor import app
from editor.ui import main_window

shown = main_window.MainWindow.show

def show(window):
    shown(window)

    def copy_and_quit():
        window.text_pane.selectAll()
        window.text_pane.copy()
        dialog = window.open_export()
        dialog.copy_to_clipboard()
        dialog.close()
        assert QApplication.clipboard().mimeData().hasText()
        QApplication.instance().quit()

    QTimer.singleShot(0, copy_and_quit)

main_window.MainWindow.show = show
sys.exit(app.main(["ficwright", sys.argv[1]]))
"""


def test_quitting_after_a_copy_exits_cleanly(tmp_path: Path) -> None:
    # The clipboard outlives the interpreter; what it held used to crash the exit (SIGSEGV).
    work = tmp_path / "work.ficwright"
    project = Project.create(work, "Copied")
    project.add_chapter("One", "<p>Text to <em>copy</em>.</p>", 3)
    project.close()
    env = {**os.environ, "FICWRIGHT_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}

    done = subprocess.run(
        [sys.executable, "-c", _COPY_THEN_QUIT, str(work)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr[-2000:]


# The real start in a fresh process, then what it had imported by the first paint.
_STARTED_MODULES = """
import sys
from editor.app import main
main(["ficwright", sys.argv[1]])
print("MODULES", *sorted(sys.modules))
"""


def test_starting_the_app_imports_no_dialog(tmp_path: Path) -> None:
    work = tmp_path / "work.ficwright"
    work.write_bytes(paths.shipped_sample().read_bytes())  # type: ignore[union-attr]
    env = {**os.environ, "FICWRIGHT_HOME": str(tmp_path), "FICWRIGHT_BENCH_STARTUP": "1"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", _STARTED_MODULES, str(work)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "painted" in done.stdout  # the window really came up with the work
    modules = next(ln for ln in done.stdout.splitlines() if ln.startswith("MODULES ")).split()
    assert "editor.ui.main_window" in modules
    assert [m for m in modules if m.startswith("editor.ui.dialogs.")] == []
    assert "regex" not in modules  # loaded by the first search
