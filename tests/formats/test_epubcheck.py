"""epubcheck (the W3C's EPUB validator, Debian's ``epubcheck``) finds nothing to say about
the EPUB of the sample work, of the torture work and of the benchmarks' 500,000-word work:
0 errors, 0 warnings."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from editor.formats import epub
from editor.formats.work import ExportChapter, ExportOptions, ExportWork, load_work
from editor.model import ChapterMeta, WorkMeta
from editor.store.project import Project
from editor.text.richtext import word_count
from tests.formats.torture import torture_work

REPO = Path(__file__).resolve().parents[2]
_JAR = Path("/usr/share/java/epubcheck.jar")  # Debian's package; its /usr/bin/epubcheck
# is the jar itself, which runs only where binfmt_misc knows jars


def _command() -> list[str] | None:
    java = shutil.which("java")
    if java and _JAR.exists():
        return [java, "-jar", str(_JAR)]
    found = shutil.which("epubcheck")
    return [found] if found else None


def _sample() -> ExportWork:
    project = Project.open(REPO / "projects" / "sample.ficwright", read_only=True)
    try:
        return load_work(project)
    finally:
        project.close()


def _half_million_words() -> ExportWork:
    """The benchmarks' 500,000-word work (``bench/generate.py``'s prose), in memory."""
    from bench.generate import LARGE_CHAPTER_WORDS, SEED, Prose

    prose = Prose(SEED)
    chapters = tuple(
        ExportChapter(n, n, f"Chapter {n}", body, word_count(body), ChapterMeta())
        for n in range(1, 101)
        for body in [prose.chapter(LARGE_CHAPTER_WORDS)]
    )
    meta = WorkMeta(
        title="The Keeper’s Long Year", author="wren_writes", fandoms=("Original Work",)
    )
    return ExportWork(meta, chapters)


@pytest.mark.parametrize(
    "make", [_sample, torture_work, _half_million_words], ids=["sample", "torture", "500k-words"]
)
def test_epubcheck_finds_nothing(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    command = _command()
    if command is None:
        pytest.skip("epubcheck is not installed (apt-get install epubcheck)")
    path = tmp_path / "work.epub"
    path.write_bytes(epub.export(make(), ExportOptions()))
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, check=False)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors / 0 warnings" in report, report


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ('https://example.org/say?q="hi"', "https://example.org/say?q=%22hi%22"),
        ("mailto:wren@example.org", "mailto:wren@example.org"),
        ("/works/1", None),  # no such file in the book
        ("#notes", None),
        ("chapter-2.xhtml", None),
        ("javascript:alert(1)", None),
    ],
)
def test_links_resolve_or_become_text(href: str, expected: str | None) -> None:
    assert epub.epub_href(href) == expected
