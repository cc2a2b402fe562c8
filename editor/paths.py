"""Where Ficwright keeps the author's things: works, settings, shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLE_NAME = "sample.ficwright"


def data_dir() -> Path:
    """The user's data folder; FICWRIGHT_HOME moves it (tests, portable installs)."""
    home = os.environ.get("FICWRIGHT_HOME")
    if home:
        path = Path(home)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("Ficwright", "Ficwright"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def works_dir() -> Path:
    path = data_dir() / "Works"
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path:
    return data_dir() / "settings.ini"


def shipped_sample() -> Path | None:
    """The sample work: ``projects/`` beside the package in a checkout, else package data."""
    for candidate in (
        PACKAGE_DIR.parent / "projects" / SAMPLE_NAME,
        PACKAGE_DIR / "resources" / SAMPLE_NAME,
    ):
        if candidate.is_file():
            return candidate
    return None
