"""The author's preferences: settings keys, defaults, and typed reading and writing.

No widgets here: the preferences dialog edits a ``Preferences`` value and the window
applies it (ui/preferences_ui.py). Values are read defensively: the settings file is the
author's and may hold anything.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QSettings

from editor.text.richtext import Block, Run, plain_text, serialize

THEMES = ("system", "light", "dark")
PARAGRAPH_STYLES = ("spacing", "indent")  # space between paragraphs, or a first-line indent
ENGLISH_VARIANTS = ("US", "GB")

ZOOM_STEP = 10  # percent per Ctrl+plus
ZOOM_MIN = 50
ZOOM_MAX = 300

# The same key the Edit menu's Smart Typography item has always used.
SMART_TYPOGRAPHY_KEY = "editing/smartTypography"


@dataclass(frozen=True, slots=True)
class Preferences:
    theme: str = "system"
    font_family: str = ""  # "": the pane's own serif
    font_size: float = 12.5  # points, before zoom
    line_spacing: int = 100  # percent of the font's line height
    paragraph_style: str = "spacing"
    zoom: int = 100  # percent
    autosave_seconds: int = 1
    backup_keep_recent: int = 10
    backup_keep_days: int = 7
    default_language: str = "English"
    default_english_variant: str = "US"
    smart_typography: bool = False
    default_disclaimer: str = ""  # canonical HTML, for a new work with no fandom default


KEYS: dict[str, str] = {
    "theme": "appearance/theme",
    "font_family": "appearance/fontFamily",
    "font_size": "appearance/fontSize",
    "line_spacing": "appearance/lineSpacing",
    "paragraph_style": "appearance/paragraphStyle",
    "zoom": "appearance/zoom",
    "autosave_seconds": "saving/autosaveSeconds",
    "backup_keep_recent": "backups/keepRecent",
    "backup_keep_days": "backups/keepDays",
    "default_language": "newWork/language",
    "default_english_variant": "newWork/englishVariant",
    "smart_typography": SMART_TYPOGRAPHY_KEY,
    "default_disclaimer": "newWork/disclaimer",
}

# Inclusive ranges for the numbers; a value outside is clamped, not refused.
RANGES: dict[str, tuple[float, float]] = {
    "font_size": (6.0, 48.0),
    "line_spacing": (100, 250),
    "zoom": (ZOOM_MIN, ZOOM_MAX),
    "autosave_seconds": (1, 2),  # issue 2 promises a save within 2 s of the last keystroke
    "backup_keep_recent": (1, 100),
    "backup_keep_days": (0, 365),
}

_CHOICES: dict[str, tuple[str, ...]] = {
    "theme": THEMES,
    "paragraph_style": PARAGRAPH_STYLES,
    "default_english_variant": ENGLISH_VARIANTS,
}

DEFAULTS = Preferences()


def _read(settings: QSettings, name: str) -> object:
    default = getattr(DEFAULTS, name)
    raw = settings.value(KEYS[name], default)
    try:
        if isinstance(default, bool):
            # An INI file hands back "true"/"false" as strings.
            value: object = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
        elif isinstance(default, (int, float)):
            number = type(default)(float(raw))  # type: ignore[arg-type]
            low, high = RANGES[name]
            value = min(max(number, type(default)(low)), type(default)(high))
        else:
            value = str(raw)
    except (TypeError, ValueError):
        return default
    if name in _CHOICES and value not in _CHOICES[name]:
        return default
    return value


def load(settings: QSettings) -> Preferences:
    return Preferences(**{f.name: _read(settings, f.name) for f in fields(Preferences)})


def save(settings: QSettings, prefs: Preferences) -> None:
    for f in fields(Preferences):
        settings.setValue(KEYS[f.name], getattr(prefs, f.name))


def set_zoom(settings: QSettings, zoom: int) -> int:
    """Remember a zoom chosen with the keyboard or the wheel; the value kept (clamped)."""
    zoom = min(max(int(zoom), ZOOM_MIN), ZOOM_MAX)
    settings.setValue(KEYS["zoom"], zoom)
    return zoom


def disclaimer_from_plain(text: str) -> str:
    """Canonical HTML for a disclaimer typed as plain text: one paragraph per line."""
    lines = [line.strip() for line in text.splitlines()]
    return serialize([Block(runs=[Run(line)]) for line in lines if line])


def disclaimer_to_plain(canonical: str) -> str:
    return plain_text(canonical)
