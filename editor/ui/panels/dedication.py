"""Side panel: who the work is for, in words and as AO3 gift recipients."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from editor.ui.panels.common import MetaPanel


class DedicationPanel(MetaPanel):
    """Edits WorkMeta.dedication (rich text) and WorkMeta.gift_recipients (user names)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dedicationPanel")
        self.add_rich(
            "dedication",
            self.tr("Dedication"),
            placeholder=self.tr("For Jane, for being a darling"),
            min_lines=2,
        )
        self.add_tags(
            "gift_recipients",
            self.tr("Gift this work to"),
            placeholder=self.tr("AO3 user name"),
        )
        self.add_hint(
            self.tr(
                "AO3's “Gift this work to” takes AO3 user names, not display names; "
                "the dedication goes in the notes."
            )
        )
