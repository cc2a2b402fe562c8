"""AO3's word counter (otwarchive lib/word_counter.rb), transliterated line by line as a test
oracle for ``editor.formats.ao3_words``, which is written for speed instead.

    body.traverse { |node| count += count_for_node(node) }           # every text node
    node.inner_text.gsub(/--/, "—").gsub(/['’‘-]/, "").scan(script_regex).size
    /[\\p{Han}|\\p{Hiragana}|...]|((?!scripts)[[:word:]])+/

Scripts are told by character names here (not by ranges), so the two only agree where both
are right; the random works draw from characters whose names say their script.
"""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

# Character names that belong to the Han, Hiragana, Katakana and Thai scripts.
_SCRIPT_NAMES = (
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "HIRAGANA LETTER",
    "KATAKANA LETTER",
    "HALFWIDTH KATAKANA LETTER",
    "THAI CHARACTER",
    "THAI DIGIT",
    "IDEOGRAPHIC ITERATION MARK",
)


def _in_script(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_SCRIPT_NAMES)


def _word_char(char: str) -> bool:
    # Onigmo's [[:word:]]: Letter | Mark | Decimal_Number | Connector_Punctuation
    category = unicodedata.category(char)
    return category[0] in "LM" or category in ("Nd", "Pc")


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []

    def handle_data(self, data: str) -> None:
        self.nodes.append(data)


def count_for_node(text: str) -> int:
    text = text.replace("--", "—")
    for dropped in "'’‘-":
        text = text.replace(dropped, "")
    count = 0
    in_word = False
    for char in text:
        if _in_script(char):
            count += 1
            in_word = False
        elif _word_char(char):
            count += 0 if in_word else 1
            in_word = True
        else:
            in_word = False
    return count


def count(html: str) -> int:
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return sum(count_for_node(node) for node in parser.nodes)
