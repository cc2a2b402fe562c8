"""`ficwright` subcommands that run without a window.

Each subcommand is a ``_<name>_command(subparsers)`` that adds its parser and sets
``run``; ``main`` lists only the ones that exist.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO, cast

from editor import paths
from editor.fileio import write_atomic
from editor.formats.importers import (
    SUPPORTED,
    ImportFailed,
    ImportResult,
    apply,
    fields_to_set,
    read_files,
)
from editor.formats.targets import TARGETS, Target, chapter_file_name, export_to, refusals
from editor.formats.work import ExportChapter, ExportOptions, ExportWork, load_work
from editor.spelling.checker import Checker, load_dictionary, names_from_meta
from editor.spelling.languages import CODES, language_code, language_name
from editor.spelling.places import chapter_fields, work_fields
from editor.store.errors import ProjectError
from editor.store.project import EXTENSION, Project, inspect_header
from editor.store.schema import CURRENT_VERSION
from editor.text.richtext import clean_text, parse, word_count

USER_DICTIONARY = "dictionary.txt"  # in the data folder, one word per line

CHECK_HELP = """\
Prints one line per word the spellchecker does not know, in the order they first appear:

  WORD<TAB>COUNT<TAB>WHERE

WORD is the word as first written (a possessive 's left off), COUNT how many times it
appears in any capitalisation, and WHERE its first place, e.g.

  Sephirot\t3\tChapter 2 “Nibelheim”, paragraph 4

The work's summary, disclaimer, dedication and prompt are checked too, and each chapter's
summary and notes ("Chapter 1 end notes, paragraph 2"); --chapter N checks that chapter's
text and notes. Chapters are numbered in reading order from 1; paragraphs count the field's
non-empty paragraphs, headings and list items from 1. The work's language and English variant choose
the dictionary; the work's names (characters, relationships, fandoms, tags), its own word
list and your dictionary (dictionary.txt in the Ficwright data folder) count as known.
The work is only read.

Exit status: 0 if every word is known, 1 if some are not, 2 if the work cannot be opened,
the chapter does not exist or there is no dictionary for the work's language."""


class _Fail(Exception):
    """Exit 2 with this message on stderr."""


class _Stdout:
    """Standard output whose failure (``> /dev/full``, a closed pipe) is a ``_Fail``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as e:
            raise self._failed(e) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as e:
            raise self._failed(e) from None

    def _failed(self, error: OSError) -> _Fail:
        # What is still buffered would fail again at exit, with a traceback-like warning.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # not a real file (a test's capture): nothing to mute
            pass
        return _Fail(f"cannot write to standard output: {error.strerror or error}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ficwright", description="Ficwright without a window.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _check_command(commands)
    _export_command(commands)
    _import_command(commands)
    # argparse exits on --help and on a usage error; callers expect a return code.
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    out = _Stdout(sys.stdout)
    try:
        code = run(args, cast(TextIO, out))
        out.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except _Fail as e:
        message = str(e)
    except KeyboardInterrupt:
        return 130
    except sqlite3.DatabaseError as e:  # damage the integrity check on open did not see
        where = getattr(args, "work", None) or "the work"
        message = f"{where} is damaged ({e})."
    except (OSError, sqlite3.Error, ProjectError, ImportFailed) as e:
        message = _os_message(e) if isinstance(e, OSError) else str(e)
    except Exception as e:  # a script reads one line and a status, never a traceback
        message = f"unexpected error ({type(e).__name__}): {e}"
    print(f"ficwright {args.command}: {' '.join(message.split())}", file=sys.stderr)
    return 2


def _os_message(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


# -- export -------------------------------------------------------------------------

EXPORT_HELP = """\
Targets:
  ao3       one chapter (--chapter N, or a oneshot): its text for AO3's HTML tab;
            several: the work laid out like AO3's own HTML download
  ffn       FanFiction.Net Document Manager HTML, each chapter with its header block
  ffn-docx  the same as Word documents (needs -o)
  md        Markdown             txt     plain text
  bbcode    BBCode for forums    html    a readable web page
  epub      an e-book (needs -o) docx    a Word document (needs -o)
  odt       OpenDocument text    pdf     a PDF, A5, a chapter a page (both need -o)

Text targets go to standard output unless -o is given. ffn and ffn-docx write one file
per chapter ("01 - Title.html") into the folder -o DIR, made if need be; one chapter
(--chapter N) goes to standard output or to -o FILE. The work is only read.
A file is written beside PATH and renamed into place, so a failed export leaves the old
one whole; PATH may not be a symbolic link, a device or (but for FFN) a folder.

Exit status: 0 when written, 1 when the site would refuse it (an AO3 chapter text over
500,000 characters: nothing is written), 2 if the work cannot be opened, the chapter does not exist,
a binary target has no -o, several FFN chapters have no -o DIR, or PATH cannot be written."""


def _export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export",
        help="export a work for an archive, a forum or a reader",
        description="Export a work (or one chapter) as AO3 or FFN posts, Markdown, plain "
        "text, BBCode, HTML, EPUB, DOCX, ODT or PDF.",
        epilog=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("work", type=Path, metavar="WORK", help="a .ficwright file")
    parser.add_argument(
        "--to",
        required=True,
        choices=tuple(TARGETS),
        metavar="TARGET",
        help="the format (see Targets)",
    )
    parser.add_argument(
        "--chapter", type=int, metavar="N", help="export chapter N only (1 is the first)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help="write here instead of to stdout"
    )
    parser.set_defaults(run=_export)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    target = TARGETS[args.to]
    if target.binary and args.output is None:
        raise _Fail(f"{target.label} is a binary format: give a file to write with -o PATH.")
    if args.output is not None and _same_file(args.output, args.work):
        raise _Fail(f"refusing to write over the work itself ({args.output}).")
    project = _open_for_reading(args.work)
    try:
        work = load_work(project)
    finally:
        project.close()
    chapters: list[int] | None = None
    if args.chapter is not None:
        count = len(work.chapters)
        if not 1 <= args.chapter <= count:
            raise _Fail(
                f"there is no chapter {args.chapter}: the work has {count} "
                f"chapter{'s' if count != 1 else ''}."
            )
        chapters = [args.chapter]
    options = ExportOptions(chapters=chapters)
    refused = refusals(args.to, work, options)
    if refused:
        for message in refused:
            print(f"ficwright export: {message}", file=sys.stderr)
        return 1
    selected = options.selected(work)
    if target.per_chapter and (len(selected) > 1 or _is_folder(args.output)):
        _export_chapters(target, work, selected, args.output)
        return 0
    result = export_to(args.to, work, options)
    if args.output is None:
        assert isinstance(result, str)
        out.write(result)
        return 0
    _write(args.output, result)
    return 0


def _is_folder(path: Path | None) -> bool:
    return path is not None and path.is_dir()


def _export_chapters(
    target: Target, work: ExportWork, chapters: list[ExportChapter], folder: Path | None
) -> None:
    """One file per chapter in ``folder`` (made if need be), named as the Export dialog
    names them: a site that takes a chapter at a time cannot take them joined."""
    if folder is None:
        raise _Fail(
            f"{target.label} is one file per chapter: give a folder with -o DIR, "
            "or one chapter with --chapter N."
        )
    if folder.exists() and not folder.is_dir():
        raise _Fail(f"{folder} is a file: give a folder for the chapter files with -o DIR.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _Fail(f"cannot make the folder {folder}: {e.strerror or e}") from None
    for chapter in chapters:
        one = ExportOptions(chapters=[chapter.number])
        _write(folder / chapter_file_name(work, chapter, target), export_to(target.key, work, one))


def _write(path: Path, result: str | bytes) -> None:
    data = result.encode("utf-8") if isinstance(result, str) else result
    try:
        # Beside it, then renamed: never through a symlink, over a device or a folder.
        write_atomic(path, data, files_only=True)
    except OSError as e:
        raise _Fail(f"cannot write {path}: {e.strerror or e}") from None


def _open_for_reading(path: Path) -> Project:
    """Read-only, so a work open in the app can be checked or exported at the same time.
    Only a work of an older format is opened for writing: it must be updated first."""
    try:
        try:
            project = Project.open(path, read_only=True)
        except ProjectError:
            if inspect_header(path) < CURRENT_VERSION:
                return Project.open(path)
            raise
    except ProjectError as e:
        raise _Fail(str(e)) from None
    if project.damage:  # half a work exported or checked would look like the whole of it
        project.close()
        raise _Fail(f"{project.damage} Nothing was read from it.")
    return project


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


# -- import -------------------------------------------------------------------------

IMPORT_HELP = f"""\
Reads {" ".join(SUPPORTED)} files.
Several files become chapters in file-name order as a person counts ("ch2" before "ch10");
one file with chapter headings ("Chapter 2: Title", "Prologue") is split at them. A fic
header at the top ("Title:", "Rating:", "Summary:", "Disclaimer:", "A/N:"...) fills the
work's fields, and an AO3 HTML download is read field by field. Anything not recognised
stays in the chapter text.

Without --into, WORK must not exist yet; it is written only when every file was read.
With --into, the chapters are added at the end of WORK, and fields are filled only where
WORK has none, all in one save.

Exit status: 0 when imported, 2 if a file cannot be read (not found, not text, a kind
Ficwright does not import) or WORK cannot be written; nothing is written then."""


def _import_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="make a work (or add chapters) from text, Markdown, HTML or Word files",
        description="Import text, Markdown, HTML (including AO3 downloads) or Word files "
        "as the chapters and fields of a work.",
        epilog=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import")
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="WORK", help="the work to write"
    )
    parser.add_argument(
        "--into", action="store_true", help="add to WORK, which exists, instead of creating it"
    )
    parser.add_argument(
        "--no-header", action="store_true", help="keep fic headers and notes as chapter text"
    )
    parser.add_argument(
        "--no-split", action="store_true", help="one chapter per file, whatever its headings"
    )
    parser.set_defaults(run=_import)


def _import(args: argparse.Namespace, out: TextIO) -> int:
    target: Path = args.output
    if args.into and not target.exists():
        raise _Fail(f"{target} does not exist (leave out --into to create it).")
    if not args.into and (target.exists() or target.is_symlink()):
        raise _Fail(f"{target} already exists: add --into to import into it, or choose a new name.")
    if any(_same_file(path, target) for path in args.files):
        raise _Fail(f"refusing to import {target} into itself.")
    if not args.into:
        _check_folder(target)
    try:
        result = read_files(
            args.files, detect_header=not args.no_header, split_chapters=not args.no_split
        )
    except ImportFailed as e:
        raise _Fail(str(e)) from None
    if args.into:
        kept = _import_into(target, result)
    else:
        _import_new(target, result)
        kept = []
    _print_import(out, target, result, kept, into=args.into)
    return 0


def _check_folder(target: Path) -> None:
    """Before any file is read: the new work's folder exists and takes new files."""
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise _Fail(f"cannot write {target}: {folder} is a file, not a folder.")
    if not folder.is_dir():
        raise _Fail(f"cannot write {target}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _Fail(f"cannot write {target}: the folder {folder} is read-only.")


def _import_into(target: Path, result: ImportResult) -> list[str]:
    """Add to an existing work in one transaction; the names of fields it kept as they were."""
    try:
        project = Project.open(target)
    except ProjectError as e:
        raise _Fail(str(e)) from None
    try:
        taken = fields_to_set(project.meta(), result.fields, overwrite=False)
        apply(project, result)
    except ProjectError as e:
        raise _Fail(str(e)) from None
    finally:
        project.close()
    return [name for name in result.fields if name not in taken]


def _import_new(target: Path, result: ImportResult) -> None:
    """Write the new work beside its name and rename it at the end: all or nothing."""
    partial = target.with_name(f".{target.name}.importing")
    _remove_database(partial)  # left by an import that was killed
    title = str(result.fields.get("title") or target.stem.removesuffix(EXTENSION))
    try:
        project = Project.create(partial, title)
        try:
            apply(project, result, overwrite_fields=True)
        finally:
            project.close()
        if target.exists():  # created meanwhile by someone else: theirs stays
            raise _Fail(f"{target} appeared while importing; nothing was written.")
        os.replace(partial, target)
    except ProjectError as e:
        raise _Fail(str(e)) from None
    except OSError as e:
        raise _Fail(f"cannot write {target}: {e.strerror or e}") from None
    finally:
        _remove_database(partial)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _print_import(
    out: TextIO, target: Path, result: ImportResult, kept: list[str], *, into: bool
) -> None:
    from editor.formats.importers.header import label

    counts = [word_count(ch.body) for ch in result.chapters]
    chapters = len(result.chapters)
    print(
        f"Imported {chapters} chapter{'s' if chapters != 1 else ''} "
        f"({sum(counts):,} words) {'into' if into else 'as'} {target.name}",
        file=out,
    )
    for n, (chapter, words) in enumerate(zip(result.chapters, counts, strict=True), 1):
        title = f" “{chapter.title}”" if chapter.title else ""
        print(f"  Chapter {n}{title}: {words:,} words, from {chapter.source}", file=out)
    if result.encodings:
        print("Encodings:", file=out)
        for name, encoding in result.encodings.items():
            print(f"  {name}: {encoding}", file=out)
    found = [f for f in result.findings if f.field]
    if found:
        print("Found:", file=out)
        for finding in found:
            print(f"  {finding.label}: {finding.value}", file=out)
    if kept:
        names = ", ".join(label(name) for name in kept)
        print(f"Kept the work's own (not replaced): {names}", file=out)
    for warning in result.warnings:
        print(f"Note: {warning}", file=out)


# -- check --------------------------------------------------------------------------


def _check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="list the misspelled words of a work",
        description="List the words of a work the spellchecker does not know.",
        epilog=CHECK_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("work", type=Path, metavar="WORK", help="a .ficwright file")
    parser.add_argument(
        "--chapter", type=int, metavar="N", help="check chapter N only (1 is the first)"
    )
    parser.set_defaults(run=_check)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    project = _open_for_reading(args.work)
    try:
        checker = _checker_for(project)
        found: dict[str, list[object]] = {}  # lowercase -> [as written, count, first place]
        for place, text in _paragraphs(project, args.chapter):
            for token in checker.unknown(text):
                key = token.word.lower()
                entry = found.get(key)
                if entry is None:
                    found[key] = [token.word, 1, place]
                else:
                    entry[1] += 1  # type: ignore[operator]
    finally:
        project.close()
    for word, count, place in found.values():  # dicts keep first-appearance order
        print(f"{word}\t{count}\t{place}", file=out)
    return 1 if found else 0


def _checker_for(project: Project) -> Checker:
    meta = project.meta()
    code = language_code(meta.language)
    if code is None:
        available = ", ".join(language_name(c) for c in CODES)
        raise _Fail(
            f"there is no spelling dictionary for {meta.language} (there is for {available})."
        )
    work_words, ignored = project.dictionary_words()
    return Checker(
        load_dictionary(code, meta.english_variant),
        work_words=work_words,
        user_words=_user_words(),
        ignored=ignored,
        names=names_from_meta(meta),
    )


def _user_words() -> list[str]:
    try:
        text = (paths.data_dir() / USER_DICTIONARY).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # no dictionary yet, or one we cannot read: check without it
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(project: Project, chapter: int | None) -> Iterator[tuple[str, str]]:
    """(place, text) for each non-empty paragraph of the chapters to check."""
    chapters = project.chapters()
    if chapter is not None:
        if not 1 <= chapter <= len(chapters):
            count = f"{len(chapters)} chapter{'s' if len(chapters) != 1 else ''}"
            raise _Fail(f"there is no chapter {chapter}: the work has {count}.")
        chapters = [chapters[chapter - 1]]
    if chapter is None:
        for place, html in work_fields(project.meta()):
            yield from _numbered(place, html)
    for info in chapters:
        number = f"Chapter {info.position + 1}"
        label = number
        if info.title.strip():
            label += f" “{info.title.strip()}”"
        notes = project.chapter_meta(info.id)
        for place, html in chapter_fields(number, notes, after_text=False):
            yield from _numbered(place, html)
        yield from _numbered(label, project.body(info.id))
        for place, html in chapter_fields(number, notes, after_text=True):
            yield from _numbered(place, html)


def _numbered(place: str, html: str) -> Iterator[tuple[str, str]]:
    """("<place>, paragraph N", text) for each non-empty paragraph of ``html``."""
    number = 0
    for block in parse(html):
        text = clean_text(block.text()) if block.kind != "hr" else ""
        if text.strip():
            number += 1
            yield f"{place}, paragraph {number}", text
