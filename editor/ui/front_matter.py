"""The front-matter docks: builds the panels, and wires them to the open work.

The panels only show and request (see ui/panels/__init__.py); this is where their requests
become workspace calls and the workspace's changes reach them again.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from editor.model import WorkMeta
from editor.ui.panels.chapter_notes import ChapterNotesPanel
from editor.ui.panels.dedication import DedicationPanel
from editor.ui.panels.disclaimer import DisclaimerPanel
from editor.ui.panels.prompt import PromptPanel
from editor.ui.panels.warnings import WarningsPanel
from editor.ui.panels.work_details import WorkDetailsPanel
from editor.workspace import Workspace

DISCLAIMER_DEFAULTS_KEY = "disclaimerDefaults"  # JSON: fandom -> canonical HTML
# Fields whose change alters the tags offered for completion.
_TAG_FIELDS = frozenset(
    {"fandoms", "relationships", "characters", "additional_tags", "content_warnings"}
)


class FrontMatterDocks(QObject):
    def __init__(self, window: QMainWindow, settings: QSettings, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._ws: Workspace | None = None
        self._editing = False  # a panel's own edit is being applied
        self.details = WorkDetailsPanel(window)
        self.warnings = WarningsPanel(window)
        self.disclaimer = DisclaimerPanel(window)
        self.dedication = DedicationPanel(window)
        self.prompt = PromptPanel(window)
        self.notes = ChapterNotesPanel(window)
        self.panels: list[Any] = [
            self.details,
            self.warnings,
            self.disclaimer,
            self.dedication,
            self.prompt,
            self.notes,
        ]
        self.docks: dict[str, QDockWidget] = {}
        right = Qt.DockWidgetArea.RightDockWidgetArea
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        for key, title, panel, area in (
            ("details", self.tr("Work Details"), self.details, right),
            ("warnings", self.tr("Warnings"), self.warnings, right),
            ("disclaimer", self.tr("Disclaimer"), self.disclaimer, right),
            ("dedication", self.tr("Dedication"), self.dedication, right),
            ("prompt", self.tr("Prompt"), self.prompt, right),
            ("notes", self.tr("Chapter Notes"), self.notes, left),
        ):
            dock = QDockWidget(title, window)
            dock.setObjectName(f"{key}Dock")
            dock.setWidget(panel)
            window.addDockWidget(area, dock)
            view_menu.addAction(dock.toggleViewAction())
            self.docks[key] = dock
        first = self.docks["details"]
        for key in ("warnings", "disclaimer", "dedication", "prompt"):
            window.tabifyDockWidget(first, self.docks[key])
        first.raise_()
        self._wire()
        self.attach(None)

    def _wire(self) -> None:
        for panel in self.panels:
            panel.metaEdited.connect(self._meta_edited)
        for panel in (self.warnings, self.notes):
            panel.chapterMetaEdited.connect(self._chapter_meta_edited)
        self.notes.chapterTitleEdited.connect(self._chapter_title_edited)
        self.disclaimer.saveDefaultRequested.connect(self._save_default_disclaimer)
        self.disclaimer.insertDefaultRequested.connect(self._insert_default_disclaimer)

    # -- following the workspace -------------------------------------------------------

    def attach(self, ws: Workspace | None) -> None:
        """Show ``ws``'s front matter (None: no work open, panels empty and disabled)."""
        self._ws = ws
        meta = ws.meta if ws is not None else WorkMeta()
        for panel in self.panels:
            panel.show_meta(meta)
            panel.setEnabled(ws is not None)
        if ws is not None:
            ws.metaChanged.connect(self._meta_changed)
            ws.currentChanged.connect(self._show_chapter)
            ws.chaptersChanged.connect(self._refresh_chapter)
            ws.chapterMetaChanged.connect(self._chapter_meta_changed)
        self._refresh_completions()
        self._refresh_disclaimer_default()
        self._show_chapter(ws.current_id if ws is not None else -1)

    def _show_chapter(self, chapter_id: int) -> None:
        ws = self._ws
        if ws is None or chapter_id not in {ch.id for ch in ws.chapters()}:
            for panel in (self.notes, self.warnings):
                panel.show_chapter(-1, "", "", None)
            return
        info = ws.chapters()[ws.position_of(chapter_id)]
        meta = ws.chapter_meta(chapter_id)
        label = ws.chapter_label(chapter_id)
        for panel in (self.notes, self.warnings):
            panel.show_chapter(chapter_id, info.title, label, meta)

    def _refresh_chapter(self) -> None:
        """Titles and order changed: the notes panel's title and 'N of M' follow."""
        if self._ws is not None:
            self._show_chapter(self._ws.current_id)
            self._refresh_completions()  # a deleted chapter's warnings are no longer offered

    def _chapter_meta_changed(self, chapter_id: int, name: str) -> None:
        # A change made elsewhere (a replace across the work); the same chapter shown again
        # updates only the fields that differ, so the panels' own edits are left alone.
        if self._ws is not None and chapter_id == self._ws.current_id:
            self._show_chapter(chapter_id)
        if name == "warnings":
            self._refresh_completions()

    def _meta_changed(self, name: str) -> None:
        # A change made elsewhere (an import, a restore) must reach the panels; the
        # panels' own edits are already on screen.
        if self._ws is not None and not self._editing:
            for panel in self.panels:
                panel.show_meta(self._ws.meta)
        if name in _TAG_FIELDS:
            self._refresh_completions()
        if name == "fandoms":
            self._refresh_disclaimer_default()
        if (
            name in ("expected_chapters", "status")
            and self._ws is not None
            and self._ws.current_id != -1
        ):
            self.notes.set_label(self._ws.chapter_label(self._ws.current_id))

    def _refresh_completions(self) -> None:
        tags = self._ws.known_tags() if self._ws is not None else []
        for panel in self.panels:
            panel.set_completions(tags)

    # -- requests from the panels ---------------------------------------------------------

    def _meta_edited(self, name: str, value: object) -> None:
        if self._ws is not None:
            self._editing = True
            try:
                self._ws.set_meta(name, value)
            finally:
                self._editing = False

    def _chapter_meta_edited(self, chapter_id: int, name: str, value: object) -> None:
        if self._ws is not None and chapter_id != -1:
            self._ws.set_chapter_meta(chapter_id, name, value)

    def _chapter_title_edited(self, chapter_id: int, title: str) -> None:
        if self._ws is not None and chapter_id != -1:
            self._ws.rename_chapter(chapter_id, title)

    # -- disclaimer defaults (the user's settings, per fandom) --------------------------

    def _fandom(self) -> str:
        """The fandom a new default is kept for: the work's first."""
        fandoms = self._ws.meta.fandoms if self._ws is not None else ()
        return fandoms[0] if fandoms else ""

    def _default_fandom(self, defaults: dict[str, str]) -> str:
        """The work's first fandom the author keeps a default for (a crossover's second)."""
        fandoms = self._ws.meta.fandoms if self._ws is not None else ()
        return next((f for f in fandoms if defaults.get(f)), "")

    def _defaults(self) -> dict[str, str]:
        try:
            value = json.loads(str(self._settings.value(DISCLAIMER_DEFAULTS_KEY, "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _refresh_disclaimer_default(self) -> None:
        self.disclaimer.set_fandom(self._fandom())
        self.disclaimer.set_default_available(self._default_fandom(self._defaults()))

    def _save_default_disclaimer(self, html: str) -> None:
        fandom = self._fandom()
        if not fandom:
            return
        defaults = self._defaults()
        defaults[fandom] = html
        self._settings.setValue(DISCLAIMER_DEFAULTS_KEY, json.dumps(defaults, ensure_ascii=False))
        self._refresh_disclaimer_default()

    def _insert_default_disclaimer(self) -> None:
        defaults = self._defaults()
        html = defaults.get(self._default_fandom(defaults))
        if html:
            self.disclaimer.insert_html(html)
