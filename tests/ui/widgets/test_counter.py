"""CounterLabel: "n / limit", coloured by how close the field is to an archive limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from editor.formats.limits import SUMMARY, Level, Limit
from editor.ui.widgets.counter import CounterLabel, level_color


def text_color(label: CounterLabel) -> QColor:
    return label.palette().color(QPalette.ColorRole.WindowText)


@pytest.fixture
def counter(qtbot) -> Iterator[CounterLabel]:  # type: ignore[no-untyped-def]
    parent = QWidget()  # held here: the label dies with its parent
    qtbot.addWidget(parent)
    yield CounterLabel(SUMMARY, parent)


def test_shows_length_and_limit_with_thousands_separators(counter: CounterLabel) -> None:
    counter.set_length(1234)
    assert counter.text() == "1,234 / 1,250"


@pytest.mark.parametrize(
    ("length", "level"),
    [(0, Level.OK), (1124, Level.OK), (1125, Level.WARN), (1250, Level.WARN), (1251, Level.ERROR)],
)
def test_level_at_zero_ninety_percent_and_over(
    counter: CounterLabel, length: int, level: Level
) -> None:
    counter.set_length(length)
    assert counter.level() is level


def test_colour_changes_with_level(counter: CounterLabel) -> None:
    counter.set_length(0)
    normal = text_color(counter)
    counter.set_length(1200)
    warn = text_color(counter)
    counter.set_length(1300)
    error = text_color(counter)
    assert len({normal.name(), warn.name(), error.name()}) == 3
    assert warn == level_color(Level.WARN, counter.parentWidget().palette())
    assert error == level_color(Level.ERROR, counter.parentWidget().palette())
    counter.set_length(10)
    assert text_color(counter) == normal


def test_tooltip_says_what_to_cut_when_over(counter: CounterLabel) -> None:
    counter.set_length(1300)
    assert "cut 50" in counter.toolTip()
    counter.set_length(1200)
    assert "1,200 of 1,250" in counter.toolTip()
    counter.set_length(3)
    assert counter.toolTip()  # even a short field says what the limit is


def test_below_a_minimum_is_an_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = CounterLabel(Limit("Title", 255, 1))
    qtbot.addWidget(label)
    assert label.level() is Level.ERROR
    assert "at least 1" in label.toolTip()
    label.set_length(5)
    assert label.level() is Level.OK


def test_dark_palette_uses_lighter_colours(counter: CounterLabel) -> None:
    light_error = level_color(Level.ERROR, counter.parentWidget().palette())
    dark = QPalette(counter.parentWidget().palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    counter.parentWidget().setPalette(dark)
    counter.set_length(2000)
    dark_error = text_color(counter)
    assert dark_error != light_error
    assert dark_error.lightness() > light_error.lightness()  # readable on a dark window


def test_follows_a_palette_change_without_a_new_length(counter: CounterLabel) -> None:
    counter.set_length(2000)
    before = text_color(counter)
    dark = QPalette(counter.parentWidget().palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    counter.parentWidget().setPalette(dark)
    assert text_color(counter) != before


def test_has_an_accessible_name(counter: CounterLabel) -> None:
    assert "Summary" in counter.accessibleName()
