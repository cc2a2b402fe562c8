"""Chapter ▸ Mark as Posted… and Chapter ▸ What Changed Since Posted…

Marking records, per chapter, the exact text that went to a site (as that site's exporter
makes it) and the chapter body it came from, in the store's posting log. From then on the
chapter tree shows, per site, whether the chapter is still what was posted (✓) or was
edited since (✎), and What Changed Since Posted shows the words to update on the site.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.formats import ao3, ffn
from editor.formats.work import ExportChapter, ExportOptions, ExportWork, load_work
from editor.store import posting
from editor.store.errors import ProjectError
from editor.store.posting import SITES, PostState
from editor.store.project import Project
from editor.text.diff import diff_canonical, summary, to_html
from editor.ui.posted_marks import (
    chapter_marks,
    local_date,
    site_order,
)
from editor.workspace import Workspace

_ID = Qt.ItemDataRole.UserRole


def exported_text(site: str, work: ExportWork, chapter: ExportChapter) -> str:
    """Exactly what is pasted into ``site`` for ``chapter``: the AO3 chapter text, FFN's
    Document Manager file, or (anywhere else) the canonical body."""
    if site == "AO3":
        return ao3.chapter_html(chapter.body)
    if site == "FFN":
        return ffn.chapter_html(work, chapter, ExportOptions())
    return chapter.body


def mark_posted(
    project: Project, chapter_ids: list[int], site: str, url: str, posted: str = ""
) -> None:
    """Record each chapter's stored text as posted to ``site`` (save the editor first):
    every chapter or, if a write fails, none."""
    work = load_work(project)
    by_id = {ch.id: ch for ch in work.chapters}
    exported = {i: exported_text(site, work, by_id[i]) for i in chapter_ids}
    posting.mark_all_posted(project, exported, site, url, posted)


def current_body(ws: Workspace, chapter_id: int) -> str:
    """The chapter as the editor has it, unsaved typing included."""
    return ws.body(chapter_id)


# -- Mark as Posted… ----------------------------------------------------------------------


class MarkPostedDialog(QDialog):
    """Where and when the current chapter (or every chapter) was posted."""

    marked = Signal(list)  # chapter ids

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markPostedDialog")
        self.setWindowTitle(self.tr("Mark as Posted"))
        self._ws = ws
        self._chapter = ws.current_id
        info = ws.chapters()[ws.position_of(self._chapter)]

        self.site = QComboBox(self)
        self.site.setObjectName("postSite")
        for site in SITES:
            self.site.addItem(self.tr("Other site") if site == "Other" else site, site)
        self.other = QLineEdit(self)
        self.other.setObjectName("postOtherSite")
        self.other.setPlaceholderText(self.tr("Name of the site, e.g. Wattpad"))
        self.site.currentIndexChanged.connect(self._site_changed)
        site_row = QHBoxLayout()
        site_row.addWidget(self.site)
        site_row.addWidget(self.other, 1)

        self.url = QLineEdit(self)
        self.url.setObjectName("postUrl")
        self.url.setPlaceholderText("https://archiveofourown.org/works/…")
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("postDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")

        self.this_chapter = QRadioButton(
            self.tr("This chapter (“{title}”)").format(title=info.title), self
        )
        self.this_chapter.setObjectName("postThisChapter")
        self.this_chapter.setChecked(True)
        self.all_chapters = QRadioButton(
            self.tr("Every chapter ({n})").format(n=len(ws.chapters())), self
        )
        self.all_chapters.setObjectName("postAllChapters")
        group = QButtonGroup(self)
        group.addButton(self.this_chapter)
        group.addButton(self.all_chapters)
        which = QVBoxLayout()
        which.addWidget(self.this_chapter)
        which.addWidget(self.all_chapters)

        form = QFormLayout()
        # A label beside a layout gets no buddy of its own: without one "&" shows as text.
        site_label = QLabel(self.tr("&Site:"), self)
        site_label.setBuddy(self.site)
        form.addRow(site_label, site_row)
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("&Date:"), self.date)
        form.addRow(self.tr("Chapters:"), which)

        note = QLabel(
            self.tr(
                "The text recorded is what the export for that site makes of each chapter "
                "now, so you can see later what changed since."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Mark as Posted"))
        ok.setObjectName("postMark")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._site_changed()

    def _site_changed(self) -> None:
        self.other.setEnabled(self.site.currentData() == "Other")

    def site_name(self) -> str:
        site = str(self.site.currentData())
        if site == "Other":
            return self.other.text().strip() or site
        return site

    def chapter_ids(self) -> list[int]:
        if self.all_chapters.isChecked():
            return [ch.id for ch in self._ws.chapters()]
        return [self._chapter]

    def accept(self) -> None:
        # Saved first: the body recorded as posted must be the one in the editor.
        if not self._ws.save():
            QMessageBox.warning(
                self,
                self.tr("Not Marked"),
                self.tr("The chapter could not be saved, so what was posted cannot be recorded."),
            )
            return
        date = self.date.date()
        # Today: the store's own timestamp, exact to the moment; another day: that date.
        posted = "" if date == QDate.currentDate() else date.toString(Qt.DateFormat.ISODate)
        ids = self.chapter_ids()
        try:
            mark_posted(self._ws.project, ids, self.site_name(), self.url.text().strip(), posted)
        except ProjectError as e:
            QMessageBox.warning(self, self.tr("Not Marked"), str(e))
            return
        self.marked.emit(ids)
        super().accept()


# -- What Changed Since Posted… --------------------------------------------------------------


class PostedChangesDialog(QDialog):
    """A chapter's posted text against its text now, and every chapter edited since posting."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postedChangesDialog")
        self.setWindowTitle(self.tr("What Changed Since Posted"))
        self.resize(860, 600)
        self._ws = ws
        self._chapter = ws.current_id
        self._url = ""

        self.chapter_label = QLabel(self)
        self.chapter_label.setObjectName("changesChapter")
        self.site = QComboBox(self)
        self.site.setObjectName("changesSite")
        self.site.currentIndexChanged.connect(self._show_diff)
        top = QHBoxLayout()
        top.addWidget(self.chapter_label, 1)
        top.addWidget(QLabel(self.tr("Posted to:"), self))
        top.addWidget(self.site)

        self.url_label = QLabel(self)
        self.url_label.setObjectName("changesUrl")
        self.url_label.setOpenExternalLinks(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.copy_url = QPushButton(self.tr("Copy Address"), self)
        self.copy_url.setObjectName("changesCopyUrl")
        self.copy_url.clicked.connect(lambda: QApplication.clipboard().setText(self._url))
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_label, 1)
        url_row.addWidget(self.copy_url)

        self.summary = QLabel(self)
        self.summary.setObjectName("changesSummary")
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("changesDiff")
        self.diff.setOpenLinks(False)

        self.edited = QListWidget(self)
        self.edited.setObjectName("changesEdited")
        self.edited.currentItemChanged.connect(self._edited_chosen)
        edited_box = QWidget(self)
        edited_layout = QVBoxLayout(edited_box)
        edited_layout.setContentsMargins(0, 0, 0, 0)
        edited_title = QLabel(self.tr("Edited since posting (update these):"), edited_box)
        edited_title.setBuddy(self.edited)
        edited_layout.addWidget(edited_title)
        edited_layout.addWidget(self.edited)

        shown = QWidget(self)
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.addLayout(top)
        shown_layout.addLayout(url_row)
        shown_layout.addWidget(self.summary)
        shown_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(shown)
        splitter.addWidget(edited_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self._fill_edited()
        self.show_chapter(self._chapter)

    # -- showing --------------------------------------------------------------------

    def _fill_edited(self) -> None:
        """One row per chapter edited since it was posted, naming the sites to update."""
        ws = self._ws
        states = posting.states(ws.project)
        self.edited.blockSignals(True)
        self.edited.clear()
        for i, ch in enumerate(ws.chapters()):
            sites = sorted(
                (s for s, state in states.get(ch.id, {}).items() if state is PostState.EDITED),
                key=site_order,
            )
            if sites:
                item = QListWidgetItem(
                    self.tr("{n}. {title} — {sites}").format(
                        n=i + 1, title=ch.title, sites=", ".join(sites)
                    )
                )
                item.setData(_ID, ch.id)
                self.edited.addItem(item)
        if not self.edited.count():
            item = QListWidgetItem(self.tr("None: every posted chapter is up to date."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.edited.addItem(item)
        self.edited.blockSignals(False)

    def edited_chapters(self) -> list[int]:
        items = (self.edited.item(i) for i in range(self.edited.count()))
        return [item.data(_ID) for item in items if item.data(_ID) is not None]

    def show_chapter(self, chapter_id: int) -> None:
        ws = self._ws
        self._chapter = chapter_id
        info = ws.chapters()[ws.position_of(chapter_id)]
        self.chapter_label.setText(
            self.tr("<b>{n}. {title}</b>").format(
                n=ws.position_of(chapter_id) + 1, title=html.escape(info.title)
            )
        )
        marks = chapter_marks(ws.project, chapter_id)
        # The site shown first is one that needs updating, if any does.
        marks.sort(key=lambda m: m.state is not PostState.EDITED)
        self.site.blockSignals(True)
        self.site.clear()
        for mark in marks:
            self.site.addItem(mark.site, mark.site)
        self.site.setEnabled(bool(marks))
        self.site.blockSignals(False)
        self._show_diff()

    def _show_diff(self) -> None:
        site = self.site.currentData()
        post = posting.last_post(self._ws.project, self._chapter, site) if site else None
        if post is None:
            self._url = ""
            self.url_label.clear()
            self.copy_url.setEnabled(False)
            self.summary.setText(self.tr("This chapter has not been marked as posted."))
            self.diff.clear()
            return
        changes = diff_canonical(post.body, current_body(self._ws, self._chapter))
        unchanged = not any(c.kind != "same" for c in changes)
        self.summary.setText(
            (
                self.tr("Posted to {site} on {date}: unchanged since.")
                if unchanged
                else self.tr("Posted to {site} on {date}. Since then: {summary}")
            ).format(site=post.site, date=local_date(post.posted), summary=summary(changes))
        )
        self._url = post.url
        if post.url:
            url = html.escape(post.url)
            self.url_label.setText(f'<a href="{url}">{url}</a>')
        else:
            self.url_label.setText(self.tr("(no address recorded)"))
        self.copy_url.setEnabled(bool(post.url))
        self.diff.setHtml(to_html(changes))

    def _edited_chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None and item.data(_ID) is not None:
            self.show_chapter(item.data(_ID))

    # -- for tests and the window ----------------------------------------------------

    def shown_chapter(self) -> int:
        return self._chapter

    def url(self) -> str:
        return self._url
