"""Start-up: the QApplication, settings, first run, and the main window."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from editor import paths

CLI_COMMANDS = ("export", "import", "check")
SAMPLE_COPY_NAME = "Sample - The Lighthouse Letters.ficwright"


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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in CLI_COMMANDS:
        from editor import cli

        return cli.main(argv[1:])

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

    args = [a for a in argv[1:] if not a.startswith("-")]
    target = Path(args[0]) if args else first_work(settings)
    # A session logout or app.quit() bypasses closeEvent: save there too.
    app.aboutToQuit.connect(window.close_work)
    app.aboutToQuit.connect(window.save_layout)
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
