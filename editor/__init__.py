"""Ficwright: a desktop manuscript editor for fan-fiction authors."""

from __future__ import annotations

__version__ = "0.1.0"
