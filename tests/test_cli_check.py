from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli
from editor.store import project as store
from editor.store.project import Changes, Project

from .spelling.front_matter import TYPOS, make_front_matter_work

REPO = Path(__file__).resolve().parent.parent

MIDGAR = "<p>Cloud’s sword was heavy. Zack grinned.</p>\n<hr />\n<p>“Teh end,” said Sephirot.</p>"
NIBELHEIM = (
    "<p>Sephirot burned it all.</p>\n<p></p>\n<p><em>SEPHIROT!</em> Teh colour of flames.</p>"
)


def make_work(
    path: Path,
    chapters: list[tuple[str, str]],
    **work: object,
) -> Path:
    project = Project.create(path, "Test")
    for title, body in chapters:
        project.add_chapter(title, body)
    project.save(
        Changes(work={"characters": ("Cloud Strife", "Zack Fair"), "language": "English"} | work)
    )
    project.close()
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return make_work(
        tmp_path / "fic.ficwright", [("Midgar", MIDGAR), ("Nibelheim", NIBELHEIM), ("", "")]
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_unknown_words_are_listed_in_order_with_count_and_first_place(work, capsys):
    code, lines, _ = run(["check", str(work)], capsys)
    assert code == 1
    assert lines == [
        "Teh\t2\tChapter 1 “Midgar”, paragraph 2",
        "Sephirot\t3\tChapter 1 “Midgar”, paragraph 2",
        "colour\t1\tChapter 2 “Nibelheim”, paragraph 2",  # US English by default
    ]


def test_chapter_option_checks_one_chapter(work, capsys):
    code, lines, _ = run(["check", str(work), "--chapter", "2"], capsys)
    assert code == 1
    assert lines == [
        "Sephirot\t2\tChapter 2 “Nibelheim”, paragraph 1",
        "Teh\t1\tChapter 2 “Nibelheim”, paragraph 2",
        "colour\t1\tChapter 2 “Nibelheim”, paragraph 2",
    ]


def test_the_front_matter_is_checked_with_its_place(tmp_path, capsys):
    path = make_front_matter_work(tmp_path / "meta.ficwright")

    code, lines, _ = run(["check", str(path)], capsys)
    assert code == 1
    assert lines == [f"{word}\t1\t{place}" for word, place in TYPOS.items()]
    code, lines, _ = run(["check", str(path), "--chapter", "2"], capsys)
    assert (code, lines) == (1, ["Readnig\t1\tChapter 2 end notes, paragraph 2"])


def test_a_clean_chapter_exits_zero_and_prints_nothing(work, capsys):
    assert run(["check", str(work), "--chapter", "3"], capsys) == (0, [], "")


def test_names_and_the_users_words_count_as_known(tmp_path, capsys, ficwright_home):
    path = make_work(
        tmp_path / "w.ficwright",
        [("One", "<p>Sephiroth met Aerith in Midgar. Teh end.</p>")],
        characters=("Sephiroth",),
        relationships=("Aerith Gainsborough/Cloud Strife",),
    )
    code, lines, _ = run(["check", str(path)], capsys)
    assert (code, [line.split("\t")[0] for line in lines]) == (1, ["Midgar", "Teh"])
    (ficwright_home / "dictionary.txt").write_text("Midgar\nteh\n", encoding="utf-8")
    assert run(["check", str(path)], capsys) == (0, [], "")


def test_the_works_own_words_count_as_known(tmp_path, capsys):
    path = make_work(tmp_path / "w.ficwright", [("One", "<p>In Midgar. Teh end.</p>")])
    project = Project.open(path)
    project.add_words(store.WORK_WORD, ["Midgar"])
    project.add_words(store.IGNORED_WORD, ["Teh"])
    project.close()
    assert run(["check", str(path)], capsys) == (0, [], "")


def test_the_english_variant_chooses_the_dictionary(tmp_path, capsys):
    body = "<p>The colour of the centre. The color of the center.</p>"
    path = make_work(tmp_path / "gb.ficwright", [("One", body)])
    project = Project.open(path)
    project.save(Changes(work={"english_variant": "GB"}))
    project.close()
    code, lines, _ = run(["check", str(path)], capsys)
    assert code == 1
    assert [line.split("\t")[0] for line in lines] == ["color", "center"]


def test_a_spanish_work_is_checked_in_spanish(tmp_path, capsys):
    body = "<p>Mi corazón es tuyo, Zack. La canción del dia.</p>"
    path = make_work(tmp_path / "es.ficwright", [("Uno", body)], language="Español")
    assert run(["check", str(path)], capsys) == (1, ["dia\t1\tChapter 1 “Uno”, paragraph 1"], "")


def test_the_work_file_is_not_changed(work, capsys):
    before = hashlib.sha256(work.read_bytes()).hexdigest()
    run(["check", str(work)], capsys)
    assert hashlib.sha256(work.read_bytes()).hexdigest() == before
    assert not Path(f"{work}-wal").exists() or Path(f"{work}-wal").stat().st_size == 0


# -- errors: exit 2 with a message ---------------------------------------------------


@pytest.mark.parametrize("chapter", ["0", "4", "-1"])
def test_a_chapter_out_of_range_exits_2(work, capsys, chapter):
    code, lines, err = run(["check", str(work), "--chapter", chapter], capsys)
    assert (code, lines) == (2, [])
    assert f"there is no chapter {chapter}: the work has 3 chapters" in err


def test_a_foreign_file_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("Not a work at all. " * 20, encoding="utf-8")
    code, lines, err = run(["check", str(path)], capsys)
    assert (code, lines) == (2, [])
    assert "is not a Ficwright project" in err
    assert path.read_text(encoding="utf-8") == "Not a work at all. " * 20


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, lines, err = run(["check", str(tmp_path / "gone.ficwright")], capsys)
    assert (code, lines) == (2, [])
    assert "does not exist" in err


def test_a_language_without_a_dictionary_exits_2(tmp_path, capsys):
    path = make_work(tmp_path / "pl.ficwright", [("Jeden", "<p>Cześć</p>")], language="Polski")
    code, lines, err = run(["check", str(path)], capsys)
    assert (code, lines) == (2, [])
    assert "no spelling dictionary for Polski" in err


def test_usage_errors_exit_2_and_unbuilt_commands_are_not_offered(capsys):
    assert cli.main([]) == 2
    assert cli.main(["frobnicate", "x"]) == 2
    err = capsys.readouterr().err
    assert "choose from 'check', 'export', 'import'" in err


def test_help_documents_the_output_format(capsys):
    assert cli.main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "WORD<TAB>COUNT<TAB>WHERE" in out
    assert "Exit status" in out


# -- the real entry point -----------------------------------------------------------


def test_python_m_editor_check(work, tmp_path):
    env = os.environ | {"FICWRIGHT_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "editor", "check", str(work), "--chapter", "1"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "Teh\t1\tChapter 1 “Midgar”, paragraph 2",
        "Sephirot\t1\tChapter 1 “Midgar”, paragraph 2",
    ]

    missing = subprocess.run(
        [sys.executable, "-m", "editor", "check", str(tmp_path / "nope.ficwright")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert "does not exist" in missing.stderr


def test_the_shipped_sample_has_no_unknown_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first thing an author sees must not be underlined (it is written in British English)."""
    copy = tmp_path / "sample.ficwright"
    copy.write_bytes((REPO / "projects" / "sample.ficwright").read_bytes())
    assert cli.main(["check", str(copy)]) == 0, capsys.readouterr().out
