"""SpellService: when a dictionary load starts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThreadPool

from editor.spelling import service
from editor.spelling.service import SpellService, hold_loads, release_loads


@pytest.fixture
def owner(monkeypatch: pytest.MonkeyPatch) -> Iterator[QObject]:
    """A parent for the service, as the workspace is in the app; a fresh dictionary cache."""
    monkeypatch.setattr(service, "_dictionaries", {})
    monkeypatch.setattr(service, "_held", None)
    parent = QObject()
    yield parent
    QThreadPool.globalInstance().waitForDone()  # no worker outlives the service it reports to


def test_a_held_load_starts_only_when_released(qtbot, owner) -> None:
    spelling = SpellService(owner)
    hold_loads()
    spelling.configure("English", "GB")
    qtbot.wait(300)  # far longer than the old 30 ms delay: nothing may have started
    assert spelling.checker is None and service._dictionaries == {}

    with qtbot.waitSignal(spelling.ready, timeout=10_000):
        release_loads()
    assert spelling.checker is not None
    assert not spelling.checker.unknown("the lighthouse keeper")


def test_without_a_hold_the_load_starts_at_once(qtbot, owner) -> None:
    spelling = SpellService(owner)
    with qtbot.waitSignal(spelling.ready, timeout=10_000):
        spelling.configure("English", "US")
    assert spelling.checker is not None
