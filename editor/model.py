"""Plain data the layers pass around: no Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChapterInfo:
    """A chapter without its body: what the tree and the status bar need."""

    id: int
    position: int
    title: str
    words: int


@dataclass(frozen=True, slots=True)
class Chapter:
    id: int
    position: int
    title: str
    body: str  # canonical HTML (see text/richtext.py)
    words: int
    created: str
    modified: str


@dataclass(frozen=True, slots=True)
class Work:
    title: str
    created: str
    modified: str
