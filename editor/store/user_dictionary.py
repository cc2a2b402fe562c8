"""The author's own dictionary: words accepted in every work, one per line in the data folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from editor.fileio import write_atomic

FILE_NAME = "dictionary.txt"


def load(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError):
        return []  # an unreadable list must not stop the app; it is rewritten on next add
    return [line.strip() for line in text.splitlines() if line.strip()]


def add(path: Path, words: Iterable[str]) -> list[str]:
    """Add words and write the file atomically (a crash mid-write keeps the old list)."""
    current = load(path)
    seen = set(current)
    for word in words:
        word = word.strip()
        if word and word not in seen:
            current.append(word)
            seen.add(word)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "".join(f"{w}\n" for w in current).encode("utf-8"))
    return current
