"""Window titles that show what they say."""

from __future__ import annotations


def literal(text: str) -> str:
    """``text`` for setWindowTitle: Qt reads "[*]" as the place of the unsaved mark and hides
    it; doubled, "[*][*]", it shows as written (a work may be called "The [*] Files")."""
    return text.replace("[*]", "[*][*]")
