"""Score the importer on a corpus of real-structured fics: cases passed, fields, story integrity.

    python bench/import_accuracy.py [CORPUS_DIR ...] [--failures]

Default corpora: ``tests/fixtures/import_corpus`` (the first development set, including the
twelve shared fixtures) and ``tests/fixtures/import_holdout`` … ``import_holdout12``. Each
held-out set was written by another engineer who saw neither the importer nor the other cases,
scored once as it came (those figures are in bench/RESULTS.md), and only then were its
failures studied, which makes it development; the newest (``FRESH``) is the one not yet
studied. Each case is ``<name>.expected.json`` beside its file(s), in the format of
``../shared/fixtures/import/README.md``.

A case passes when the chapter count is right, every item is in an accepted field, the empty
fields are empty, nothing in ``must_not_remain`` is left in a chapter, and each chapter's text is
exactly its story (the story's words, once, in order, nothing else; symbol lines do not count).

Per field: recall is the share of expected items found in that field; precision is the share
of what the importer put there that was right, where wrong means an item that belongs
elsewhere, a field that had to stay empty, or a story paragraph moved into it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.formats.importers import ImportFailed, ImportResult, read_files
from editor.formats.importers.split import is_scene_break
from editor.text.richtext import parse, plain_text

ROOT = Path(__file__).resolve().parent.parent
_FIXTURES = ROOT / "tests" / "fixtures"
DEVELOPMENT = (
    _FIXTURES / "import_corpus",
    _FIXTURES / "import_holdout",
    *(_FIXTURES / f"import_holdout{n}" for n in range(2, 12)),
)
FRESH = _FIXTURES / "import_holdout12"
CORPORA = (*DEVELOPMENT, FRESH)
CHAPTER_FIELDS = ("chapter_title", "notes_begin", "notes_end", "chapter_summary")


@dataclass(slots=True)
class CaseResult:
    case: str
    format: str
    passed: bool
    problems: list[str] = field(default_factory=list)
    items: int = 0
    items_right: int = 0
    story_moved: int = 0  # story paragraphs found inside a field
    story_intact: bool = True
    # field -> (right, wrong) for precision; field -> (found, expected) for recall
    precision: dict[str, list[int]] = field(default_factory=dict)
    recall: dict[str, list[int]] = field(default_factory=dict)


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def _words(text: str) -> list[str]:
    # Markdown's emphasis marks are formatting once imported, not words.
    return [w for w in (w.replace("*", "").replace("_", "") for w in _norm(text).split()) if w]


def _join(values: Any) -> list[str]:
    if values is None or values == "":
        return []
    if isinstance(values, (tuple, list)):
        return [str(v) for v in values]
    if isinstance(values, str) and values.lstrip().startswith("<"):
        return [plain_text(values)]
    return [str(values)]


def field_values(result: ImportResult, name: str, chapter: int | None = None) -> list[str]:
    """What the import put in a corpus field, as texts (one per value or list item)."""
    f = result.fields
    chapters = result.chapters
    if chapter is not None:
        chapters = chapters[chapter - 1 : chapter] if 0 < chapter <= len(chapters) else []
    if name in CHAPTER_FIELDS:
        attr = {"chapter_title": "title", "chapter_summary": "summary"}.get(name, name)
        return [v for c in chapters for v in _join(getattr(c, attr))]
    if name == "warnings":
        return [
            *_join(f.get("archive_warnings")),
            *_join(f.get("content_warnings")),
            *(w for c in chapters for w in c.warnings),
        ]
    if name == "tags":
        return [*_join(f.get("additional_tags")), *_join(f.get("categories"))]
    key = {"fandom": "fandoms", "series": "series_name"}.get(name, name)
    return _join(f.get(key))


ALL_FIELDS = (
    "title", "author", "rating", "fandom", "relationships", "characters", "warnings", "tags",
    "disclaimer", "dedication", "prompt", "prompt_collection", "summary", "series",
    "expected_chapters", *CHAPTER_FIELDS,
)  # fmt: skip


def _matches(values: list[str], item: dict[str, Any]) -> bool:
    want = _norm(str(item["text"]))
    if item.get("match") == "equals":
        return any(_norm(v) == want for v in values) or _norm(", ".join(values)) == want
    # A list field holds the items of "trespassing, mild peril" apart: joined, as written.
    joined = (_norm(" ".join(values)), _norm(", ".join(values)), _norm("/".join(values)))
    return any(want in _norm(v) for v in values) or any(want in j for j in joined)


def _story_of(body: str) -> list[str]:
    """A chapter's paragraphs as text, without symbol lines (they do not count)."""
    out = []
    for block in parse(body):
        text = block.text().strip()
        if block.kind == "hr" or not text or is_scene_break(text):
            continue
        out.append(text)
    return out


def score(expected_path: Path) -> CaseResult:
    spec = json.loads(expected_path.read_text(encoding="utf-8"))
    base = expected_path.parent
    out = CaseResult(spec.get("id", expected_path.name), spec.get("format", "?"), False)
    try:
        result = read_files([base / name for name in spec["files"]])
    except ImportFailed as e:
        out.problems.append(f"import failed: {e}")
        out.items = len(spec.get("items", []))
        out.story_intact = False
        return out
    problems = out.problems
    if len(result.chapters) != spec["chapters"]:
        problems.append(f"{len(result.chapters)} chapters, expected {spec['chapters']}")
    # Items
    for item in spec.get("items", []):
        out.items += 1
        accepted = item["field"]
        chapter = item.get("chapter")
        found_in = [f for f in accepted if _matches(field_values(result, f, chapter), item)]
        for f in accepted[:1]:
            out.recall.setdefault(f, [0, 0])[1] += 1
        if found_in:
            out.items_right += 1
            out.recall.setdefault(accepted[0], [0, 0])[0] += bool(accepted[0] in found_in)
            out.precision.setdefault(found_in[0], [0, 0])[0] += 1
        else:
            wrong = [
                f
                for f in ALL_FIELDS
                if f not in accepted
                and _matches(
                    field_values(result, f, chapter if f in CHAPTER_FIELDS else None), item
                )
            ]
            for f in wrong[:1]:
                out.precision.setdefault(f, [0, 0])[1] += 1
            where = f" (found in {wrong[0]})" if wrong else ""
            problems.append(f"item {accepted} {item['text'][:50]!r} missing{where}")
    for name in spec.get("empty_fields", []):
        if any(v.strip() for v in field_values(result, name)):
            out.precision.setdefault(name, [0, 0])[1] += 1
            problems.append(f"field {name} should be empty: {field_values(result, name)[:2]}")
    bodies = [c.body for c in result.chapters]
    all_text = _norm(" ".join(plain_text(b) for b in bodies))
    for text in spec.get("must_not_remain", []):
        if _norm(text) in all_text:
            problems.append(f"left in the text: {text!r}")
    # Story
    stories: list[list[str]] = spec.get("story", [])
    stories = [[p for p in story if not is_scene_break(p)] for story in stories]
    for n, story in enumerate(stories):
        got = _story_of(bodies[n]) if n < len(bodies) else []
        if _words(" ".join(got)) != _words(" ".join(story)):
            out.story_intact = False
            want_w, got_w = _words(" ".join(story)), _words(" ".join(got))
            i = next(
                (k for k, (a, b) in enumerate(zip(want_w, got_w, strict=False)) if a != b),
                min(len(want_w), len(got_w)),
            )
            problems.append(
                f"chapter {n + 1} story differs at word {i}: "
                f"expected {' '.join(want_w[i : i + 6])!r}, got {' '.join(got_w[i : i + 6])!r}"
            )
    # Story paragraphs (of some length) moved into any field
    texts = [
        _norm(v)
        for name in ALL_FIELDS
        for v in field_values(result, name)
        if name not in ("chapter_title",)
    ]
    for story in stories:
        for para in story:
            if len(para.split()) >= 5 and any(_norm(para) in t for t in texts):
                out.story_moved += 1
                out.story_intact = False
                problems.append(f"story moved into a field: {para[:60]!r}")
    out.passed = not problems
    return out


def cases(corpora: list[Path]) -> Iterator[Path]:
    for corpus in corpora:
        if corpus.is_dir():
            yield from sorted(corpus.glob("*.expected.json"))


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "–"


def table(results: list[CaseResult]) -> str:
    lines = []
    passed = sum(r.passed for r in results)
    items = sum(r.items for r in results)
    right = sum(r.items_right for r in results)
    moved = sum(r.story_moved for r in results)
    intact = sum(r.story_intact for r in results)
    lines.append("| measure | value |")
    lines.append("|---|---|")
    lines.append(f"| cases passed | {passed} / {len(results)} ({_pct(passed, len(results))}) |")
    share = _pct(right, items)
    lines.append(f"| header items in an accepted field | {right} / {items} ({share}) |")
    lines.append(f"| chapters' story exactly intact | {intact} / {len(results)} |")
    lines.append(f"| story paragraphs moved into a field | {moved} |")
    lines.append("")
    lines.append("| format | cases | passed |")
    lines.append("|---|---|---|")
    by_format: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        by_format[r.format].append(r)
    for fmt, rs in sorted(by_format.items()):
        lines.append(f"| {fmt} | {len(rs)} | {sum(r.passed for r in rs)} |")
    lines.append("")
    lines.append("| field | recall | precision |")
    lines.append("|---|---|---|")
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    precision: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for k, (a, b) in r.recall.items():
            recall[k][0] += a
            recall[k][1] += b
        for k, (a, b) in r.precision.items():
            precision[k][0] += a
            precision[k][1] += b
    for name in ALL_FIELDS:
        if name in recall or name in precision:
            rc = recall[name]
            pr = precision[name]
            lines.append(
                f"| {name} | {_pct(rc[0], rc[1])} ({rc[0]}/{rc[1]}) "
                f"| {_pct(pr[0], pr[0] + pr[1])} ({pr[0]}/{pr[0] + pr[1]}) |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--failures", action="store_true", help="list each failing case")
    args = parser.parse_args(argv)
    corpora = args.corpora or list(CORPORA)
    for corpus in corpora:
        paths = list(cases([corpus]))
        if not paths:
            print(f"{corpus}: no cases", file=sys.stderr)
            continue
        start = time.perf_counter()
        results = [score(p) for p in paths]
        elapsed = time.perf_counter() - start
        print(f"## {corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus}")
        print(f"({len(results)} cases, scored in {elapsed:.1f} s)\n")
        print(table(results))
        print()
        if args.failures:
            for r in results:
                if not r.passed:
                    print(f"- {r.case} ({r.format}):")
                    for p in r.problems:
                        print(f"    {p}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
