"""Shared by the import tests: where the fixtures are, and how words are compared."""

from __future__ import annotations

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def words(text: str) -> list[str]:
    """The words of a text in order, as a reader would list them."""
    return _WORD.findall(text)
