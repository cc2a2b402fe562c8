"""A plain, readable HTML page of the selected chapters, each with its fic header block.

Not ``ao3.work_html``: AO3's output is shaped by AO3's sanitizer and form (notes go to
fields, no header block), while this page is for reading, printing or pasting where any HTML
goes (Dreamwidth, a personal site). Each chapter is a post as on FFN (header block, rule,
text, rule, end A/N; see ``layout``) in its own ``<section>``, the text kept whole in the
canonical subset (alignment as the ``align`` attribute, which every browser honours).
"""

from __future__ import annotations

from editor.formats.layout import language_code, post_blocks
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import escape_text, serialize, with_allowed_links

CSS = """\
body { max-width: 40em; margin: 2em auto; padding: 0 1em; font-family: Georgia, serif;
       line-height: 1.5; }
section + section { border-top: 3px double #888; margin-top: 3em; padding-top: 1em; }
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
    for chapter in options.selected(work):
        # A file read from disk would resolve a relative address against its own folder.
        blocks = with_allowed_links(post_blocks(work, chapter, options), relative=False)
        lines += ["<section>", serialize(blocks), "</section>"]
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines)
