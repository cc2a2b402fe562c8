"""Start-up: the QApplication, settings, first run, and the main window."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from editor import paths

if TYPE_CHECKING:  # Qt is imported on first use: `ficwright check` never loads it
    from PySide6.QtCore import QCoreApplication

    from editor.ui.main_window import MainWindow

CLI_COMMANDS = ("export", "import", "check")
SAMPLE_COPY_NAME = "Sample - The Lighthouse Letters.ficwright"
USAGE = """\
usage: ficwright [WORK.ficwright]
       ficwright COMMAND [--help] ...

Ficwright, a manuscript editor for fan-fiction authors. Without a COMMAND it opens
the window with WORK, or with the last work (a copy of the sample work on a first run).

Commands (no window; `ficwright COMMAND --help` for each):
  check   list the unknown words of a work, exit 1 if there are any
  export  write a work or a chapter for AO3, FFN, Markdown, text, BBCode, HTML, EPUB, DOCX
  import  make a work from text, Markdown, HTML, DOCX files or an AO3 download

Options:
  -h, --help   show this help and exit
  --version    show the version and exit"""


def first_work(settings: object) -> Path | None:
    """What to open without an argument: the last work, else a fresh copy of the sample."""
    from PySide6.QtCore import QSettings

    assert isinstance(settings, QSettings)
    recent = settings.value("recentFiles", [])
    if isinstance(recent, str):
        recent = [recent]
    for path in recent or []:
        if Path(path).is_file():
            return Path(path)
    sample = paths.shipped_sample()
    if sample is None:
        return None
    copy = paths.works_dir() / SAMPLE_COPY_NAME
    if not copy.exists():
        # The shipped file stays pristine: the author writes in a copy of their own.
        shutil.copyfile(sample, copy)
    return copy


def usage_problem(args: list[str]) -> str | None:
    """What is wrong with the arguments for opening a window, or None: the window takes one
    work, an existing file or a name ending in .ficwright; anything else is a mistyped
    command or option, which opening would only turn into a "does not exist" dialog."""
    from editor.store.project import EXTENSION

    if not args:
        return None
    first = args[0]
    if first.startswith("-"):
        return f"unknown option {first!r}"
    if len(args) > 1:
        return f"one work at a time (got {len(args)} arguments: {' '.join(args)})"
    if not (first.endswith(EXTENSION) or Path(first).is_file()):
        commands = ", ".join(CLI_COMMANDS)
        return f"{first!r} is neither a command ({commands}) nor a work file"
    return None


def save_on_quit(app: QCoreApplication, window: MainWindow) -> None:
    """A session logout or app.quit() bypasses closeEvent: save the work and the layout."""
    app.aboutToQuit.connect(window.close_work)
    app.aboutToQuit.connect(window.save_layout)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ("-h", "--help"):
        print(USAGE)
        return 0
    if len(argv) > 1 and argv[1] == "--version":
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"ficwright {version('ficwright')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            print("ficwright (not installed)")
        return 0
    if len(argv) > 1 and argv[1] in CLI_COMMANDS:
        from editor import cli

        return cli.main(argv[1:])
    problem = usage_problem(argv[1:])
    if problem:
        # Before Qt: a typo must not open a window (nor abort without a display).
        usage = "\n".join(USAGE.splitlines()[:2])
        print(f"{usage}\nficwright: error: {problem}", file=sys.stderr)
        return 2

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("Ficwright")
    app.setOrganizationName("Ficwright")
    # Links the window to the launcher and its icon on Linux desktops (Wayland above all).
    app.setDesktopFileName("ficwright")
    icon = paths.PACKAGE_DIR / "resources" / "icons" / "ficwright.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    settings = QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    # An unexpected error anywhere: say what happened, save, keep running.
    window.safety.install_hooks()
    window.restore_layout()

    target = Path(argv[1]) if len(argv) > 1 else first_work(settings)
    save_on_quit(app, window)
    window.show()
    if target is not None:
        window.open_path(target)

    if os.environ.get("FICWRIGHT_BENCH_STARTUP"):
        # Benchmark hook: report when the window has painted, then leave.
        window.repaint()
        app.processEvents()
        print(f"painted {time.time():.6f}", flush=True)
        window.close()
        return 0
    return app.exec()
