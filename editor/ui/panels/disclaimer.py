"""Side panel: the work's disclaimer, and the author's default disclaimer per fandom."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from editor.ui import pasting
from editor.ui.panels.common import MetaPanel


class DisclaimerPanel(MetaPanel):
    """Edits WorkMeta.disclaimer.

    Defaults live in the author's settings, not in the work, so the panel only asks: the
    main window keeps the default for the work's first fandom, looks up the first fandom
    that has one, and answers with ``insert_html``.
    """

    saveDefaultRequested = Signal(str)  # the current disclaimer, as canonical HTML
    insertDefaultRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disclaimerPanel")
        self._field = self.add_rich(
            "disclaimer",
            self.tr("Disclaimer"),
            placeholder=self.tr("I don't own these characters; no profit is made."),
        )
        self._save = self._button("saveDefaultButton", self.tr("Use as My Default for This Fandom"))
        self._insert = self._button("insertDefaultButton", self.tr("Insert My Default"))
        self._for = self.add_hint("")
        self._for.setObjectName("defaultFandomLabel")
        self._save.clicked.connect(lambda: self.saveDefaultRequested.emit(self._field.html()))
        self._insert.clicked.connect(self.insertDefaultRequested)
        self.set_fandom("")
        self.set_default_available("")

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self.body())
        button.setObjectName(name)
        # Stacked full width rather than side by side: the dock is narrow.
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.form.addRow(button)
        return button

    # -- public API --------------------------------------------------------------

    def set_fandom(self, name: str) -> None:
        """The fandom whose default the buttons keep and insert (the work's first)."""
        name = name.strip()
        self._save.setEnabled(bool(name))
        if name:
            self._for.setText(self.tr("Your default is kept for {fandom}.").format(fandom=name))
            self._save.setToolTip(
                self.tr("Keep this disclaimer as your default for {fandom}").format(fandom=name)
            )
            self._insert.setToolTip(
                self.tr("Insert your default disclaimer for {fandom}").format(fandom=name)
            )
        else:
            self._for.setText(self.tr("Add a fandom to the work to keep a default for it."))
            self._save.setToolTip(self.tr("The work has no fandom yet"))
            self._insert.setToolTip(self.tr("Insert your default disclaimer"))

    def set_default_available(self, fandom: str) -> None:
        """The fandom of the work whose default "Insert My Default" inserts ("": none)."""
        self._insert.setEnabled(bool(fandom))
        if fandom:
            self._insert.setToolTip(
                self.tr("Insert your default disclaimer for {fandom}").format(fandom=fandom)
            )

    def insert_html(self, html: str) -> None:
        """Insert canonical ``html`` at the cursor, or fill an empty field; one undo step."""
        if not html:
            return
        edit = self._field.text_edit()
        cursor = edit.textCursor()
        cursor.beginEditBlock()  # one undo step, and one metaEdited
        if not self._field.html():
            # Replace an empty field whole, so no empty paragraph is left before the text.
            cursor.select(QTextCursor.SelectionType.Document)
            edit.setTextCursor(cursor)
        pasting.insert_canonical(edit, html)
        cursor.endEditBlock()
