from __future__ import annotations

import unicodedata

import pytest

from editor.text.unicode_marks import UNICODE_VERSION, WORD_CONTINUE_RANGES


@pytest.mark.skipif(
    unicodedata.unidata_version != UNICODE_VERSION,
    reason="the table was generated from another Unicode version",
)
def test_word_continue_ranges_match_unicode_data() -> None:
    expected = {
        c
        for r in (range(0x300, 0x20000), range(0xE0100, 0xE01F0))
        for c in r
        if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")
    } | {0xAD, 0x200C, 0x200D}
    listed = {c for a, b in WORD_CONTINUE_RANGES for c in range(a, b + 1)}
    assert listed == expected
