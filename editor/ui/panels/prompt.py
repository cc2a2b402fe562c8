"""Side panel: the prompt a work was written for, who gave it, and for which challenge."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from editor.ui.panels.common import MetaPanel


class PromptPanel(MetaPanel):
    """Edits WorkMeta.prompt (rich text), prompt_by and prompt_collection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPanel")
        self.add_rich(
            "prompt",
            self.tr("Prompt"),
            placeholder=self.tr("A song title and a line of its lyric, a picture, a quote…"),
        )
        self.add_line(
            "prompt_by", self.tr("Prompt given by"), placeholder=self.tr("A user name or a name")
        )
        self.add_line(
            "prompt_collection",
            self.tr("Challenge or collection"),
            placeholder=self.tr("e.g. Yuletide 2024"),
        )
