"""Test set-up: Qt offscreen, and a private data folder so no test sees the author's files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# The suite's properties run the same examples on every run, so CI cannot fail on a draw that
# no one saw; `pytest --hypothesis-profile=explore` draws new ones, to hunt for bugs.
settings.register_profile("default", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("default")

# Set before any Qt import: the tests run with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def qt_application() -> Iterator[object]:
    """One QApplication for the run, made first: the PDF and ODT exporters make a bare
    QGuiApplication when there is none (as on the command line), and a widget test after
    that would find no QApplication to run in."""
    from PySide6.QtWidgets import QApplication

    yield QApplication.instance() or QApplication([])


@pytest.fixture(autouse=True)
def ficwright_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FICWRIGHT_HOME", str(home))
    yield home
