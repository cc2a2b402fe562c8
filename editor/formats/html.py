"""A plain, readable HTML page of the selected chapters, laid out as a document.

Not ``ao3.work_html``: AO3's output is shaped by AO3's sanitizer and form (notes go to
fields), while this page is for reading, printing or pasting where any HTML goes
(Dreamwidth, a personal site). ``layout.document``: the work's title as ``<h1>``, its
header once, a rule, then each chapter under an ``<h2>``, the text's own headings a level
lower, kept whole in the canonical subset (alignment as the ``align`` attribute, which every
browser honours).
"""

from __future__ import annotations

from editor.formats.layout import document, language_code
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import escape_text, serialize, with_allowed_links

CSS = """\
body { max-width: 40em; margin: 2em auto; padding: 0 1em; font-family: Georgia, serif;
       line-height: 1.5; }
h1 { text-align: center; }
h2 { margin-top: 3em; }
hr { width: 30%; margin: 2em auto; }
blockquote { margin: 1em 2em; }"""


def export(work: ExportWork, options: ExportOptions) -> str:
    meta = work.meta
    lang = language_code(meta.language, meta.english_variant)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8" />',
        f"<title>{escape_text(meta.title or 'Untitled')}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    # A file read from disk would resolve a relative address against its own folder.
    body = serialize(with_allowed_links(document(work, options).blocks(), relative=False))
    lines += [body] if body else []
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines)
