"""PDF, ODT and print of the selected chapters, through Qt (QtGui only: no new dependency).

Both are the readable web page (``html.export``: the document layout, the work's header
once, each chapter under its heading) laid out by Qt's rich-text engine: QPdfWriter for an
A5 PDF, each chapter on a new page; QTextDocumentWriter's "odf" writer for an OpenDocument
text that LibreOffice and Word open; ``print_document`` lays the PDF's pages onto a printer.
Qt needs a QGuiApplication to lay out text: the app has one; the command line gets an
offscreen one here.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from editor.formats import html
from editor.formats.layout import xml_safe
from editor.formats.work import ExportOptions, ExportWork

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPagedPaintDevice, QTextDocument

MARGIN_MM = 15
_app: object = None  # the QGuiApplication made here, kept alive for the process


def _ensure_app() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["ficwright"])


def page_html(work: ExportWork, options: ExportOptions, *, paged: bool = True) -> str:
    """The web page (``html.export``) as Qt lays it out for the PDF, ODT and print."""
    # The page's style sheet is for browsers: its body margins would leave Qt a blank page.
    # Qt drops control characters: those that separate words become spaces first.
    page = re.sub(r"<style>.*?</style>", "", html.export(work, options), flags=re.DOTALL)
    page = xml_safe(page)
    if paged:  # Qt honours CSS page breaks: one chapter a page, as a printed book
        page = page.replace("<h2>", '<h2 style="page-break-before: always">')
    return page


def _document(work: ExportWork, options: ExportOptions, *, paged: bool) -> QTextDocument:
    from PySide6.QtGui import QTextDocument

    _ensure_app()
    document = QTextDocument()
    document.setHtml(page_html(work, options, paged=paged))
    return document


def page_images(paged_html: str, pages: int) -> list[QImage]:
    """The first ``pages`` A5 pages of ``paged_html`` (``page_html``) as images, at screen
    resolution: how the PDF (and a printed page) will look. Only the start of a long work
    needs laying out for that: pass its start."""
    from PySide6.QtCore import QRectF, QSizeF, Qt
    from PySide6.QtGui import QImage, QPageSize, QPainter, QTextDocument

    _ensure_app()
    size = QPageSize(QPageSize.PageSizeId.A5).size(QPageSize.Unit.Millimeter)
    per_mm = 96 / 25.4  # QTextDocument's units are pixels at 96 dpi
    margin = MARGIN_MM * per_mm
    width, height = size.width() * per_mm - 2 * margin, size.height() * per_mm - 2 * margin
    document = QTextDocument()
    document.setHtml(paged_html)
    document.setPageSize(QSizeF(width, height))
    images = []
    for n in range(min(pages, document.pageCount())):
        image = QImage(
            round(width + 2 * margin), round(height + 2 * margin), QImage.Format.Format_RGB32
        )
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.translate(margin, margin - n * height)
        document.drawContents(painter, QRectF(0, n * height, width, height))
        painter.end()
        images.append(image)
    return images


def print_document(work: ExportWork, options: ExportOptions, device: QPagedPaintDevice) -> None:
    """The same paged layout as the PDF onto ``device``: a QPrinter the author chose in the
    print dialog (File ▸ Export…, Print…), or a QPdfWriter."""
    _document(work, options, paged=True).print_(device)


def export(work: ExportWork, options: ExportOptions) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(work.meta.title)
    writer.setCreator("Ficwright")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A5),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    print_document(work, options, writer)
    del writer  # the PDF is finished when the writer goes
    buffer.close()
    return bytes(data.data())


def export_odt(work: ExportWork, options: ExportOptions) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QTextDocumentWriter

    document = _document(work, options, paged=False)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, QByteArray(b"odf"))
    if not writer.write(document):
        raise OSError("Qt could not write the OpenDocument text")
    buffer.close()
    return _unindented(bytes(data.data()))


# Qt indents content.xml, and inside a paragraph ODF reads that indent as a space: a word
# split between two links or marks ("<a>0</a><a><b>0</b></a>") would read "0 0". Text never
# holds a newline (a line break is an element), so a newline between tags is only indent.
_INDENT = re.compile(rb">\s*\n\s*<")


def _unindented(odt: bytes) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(odt))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():  # "mimetype" stays first and stored, as ODF asks
            data = source.read(info)
            if info.filename == "content.xml":
                data = _INDENT.sub(b"><", data)
            target.writestr(info, data)
    return out.getvalue()
