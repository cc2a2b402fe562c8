"""`ficwright export`: every target, stdout or -o, one chapter, and the errors (exit 2)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from editor import cli
from editor.formats.targets import TARGETS, export_to
from editor.formats.work import ExportOptions, ExportWork, load_work
from editor.store.project import Changes, Project

REPO = Path(__file__).resolve().parent.parent

ONE = "<p>Cloud <em>looked</em> at the <strong>sword</strong>.</p>\n<hr />\n<p>Midgar slept.</p>"
TWO = "<p>Zack <u>laughed</u>.</p>"
TEXT_TARGETS = [key for key, t in TARGETS.items() if not t.binary]
BINARY_TARGETS = [key for key, t in TARGETS.items() if t.binary]
WHOLE_TARGETS = [key for key, t in TARGETS.items() if not t.per_chapter]  # one file a work


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    one = project.add_chapter("The Letter", ONE, 8)
    project.add_chapter("Nibelheim", TWO, 2)
    project.save(
        Changes(
            work={"author": "wren_writes", "summary": "<p>A storm comes.</p>"},
            chapters={one: {"notes_begin": "<p>Thanks for reading!</p>"}},
        )
    )
    project.close()
    return path


def loaded(path: Path) -> ExportWork:
    project = Project.open(path)
    try:
        return load_work(project)
    finally:
        project.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_target_choices_are_the_registry(capsys):
    assert cli.main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    for key in TARGETS:
        assert key in out
    assert "Exit status" in out


@pytest.mark.parametrize("key", [k for k in TEXT_TARGETS if k in WHOLE_TARGETS])
def test_a_text_target_goes_to_stdout(work, capsys, key):
    code, out, err = run(["export", str(work), "--to", key], capsys)
    assert (code, err) == (0, "")
    assert out == export_to(key, loaded(work), ExportOptions())


@pytest.mark.parametrize("key", WHOLE_TARGETS)
def test_every_target_writes_to_o(work, tmp_path, capsys, key):
    out_path = tmp_path / f"storm.{TARGETS[key].extension}"
    before = digest(work)
    code, out, err = run(["export", str(work), "--to", key, "-o", str(out_path)], capsys)
    assert (code, out, err) == (0, "", "")
    data = out_path.read_bytes()
    if key == "pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]
    elif TARGETS[key].binary:
        # EPUB, DOCX and ODT stamp the time they are made: compare what they hold.
        with zipfile.ZipFile(out_path) as archive:
            text = b"".join(archive.read(n) for n in archive.namelist())
        assert b"Zack" in text and b"sword" in text
    else:
        assert data == export_to(key, loaded(work), ExportOptions()).encode("utf-8")
    assert digest(work) == before


def test_chapter_exports_one_chapter(work, capsys):
    code, out, _ = run(["export", str(work), "--to", "ao3", "--chapter", "2"], capsys)
    assert code == 0
    assert out == export_to("ao3", loaded(work), ExportOptions(chapters=[2]))
    assert "Zack <u>laughed</u>" in out and "Cloud" not in out


@pytest.mark.parametrize("key", ["ffn", "ffn-docx"])
def test_ffn_writes_one_file_per_chapter_into_o_dir(work, tmp_path, capsys, key):
    folder = tmp_path / "ffn"  # made for us
    code, out, err = run(["export", str(work), "--to", key, "-o", str(folder)], capsys)
    assert (code, out, err) == (0, "", "")
    extension = TARGETS[key].extension
    names = [f"01 - The Letter.{extension}", f"02 - Nibelheim.{extension}"]
    assert sorted(p.name for p in folder.iterdir()) == names
    if key == "ffn":
        for number, name in enumerate(names, start=1):
            expected = export_to(key, loaded(work), ExportOptions(chapters=[number]))
            assert (folder / name).read_text(encoding="utf-8") == expected
            assert "next chapter" not in expected
    else:
        with zipfile.ZipFile(folder / names[1]) as archive:
            text = archive.read("word/document.xml")
        assert b"Zack" in text and b"Cloud" not in text
    # one chapter into the same folder: the name the dialog gives it
    code, _, _ = run(
        ["export", str(work), "--to", key, "--chapter", "2", "-o", str(folder)], capsys
    )
    assert code == 0 and sorted(p.name for p in folder.iterdir()) == names


def test_ffn_of_a_whole_work_needs_a_folder(work, tmp_path, capsys):
    code, out, err = run(["export", str(work), "--to", "ffn"], capsys)
    assert (code, out) == (2, "")
    assert "one file per chapter: give a folder with -o DIR" in err
    a_file = tmp_path / "storm.html"
    a_file.write_text("mine", encoding="utf-8")
    code, _, err = run(["export", str(work), "--to", "ffn", "-o", str(a_file)], capsys)
    assert code == 2 and "is a file" in err
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_ffn_chapter_goes_to_stdout_or_a_file(work, tmp_path, capsys):
    expected = export_to("ffn", loaded(work), ExportOptions(chapters=[1]))
    assert run(["export", str(work), "--to", "ffn", "--chapter", "1"], capsys)[1] == expected
    out_path = tmp_path / "one.html"
    assert (
        run(["export", str(work), "--to", "ffn", "--chapter", "1", "-o", str(out_path)], capsys)[0]
        == 0
    )
    assert out_path.read_text(encoding="utf-8") == expected


def test_chapter_one_in_plain_text(work, capsys):
    code, out, _ = run(["export", str(work), "--to", "txt", "--chapter", "1"], capsys)
    assert code == 0
    assert "Midgar slept." in out and "Zack" not in out


def test_o_replaces_an_earlier_export(work, tmp_path, capsys):
    out_path = tmp_path / "storm.md"
    out_path.write_text("old", encoding="utf-8")
    assert run(["export", str(work), "--to", "md", "-o", str(out_path)], capsys)[0] == 0
    assert out_path.read_text(encoding="utf-8") == export_to("md", loaded(work), ExportOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["storm.ficwright", "storm.md"]


def test_the_work_file_is_not_changed(work, capsys):
    before = digest(work)
    for key in [k for k in TEXT_TARGETS if k in WHOLE_TARGETS]:
        assert run(["export", str(work), "--to", key], capsys)[0] == 0
    assert digest(work) == before
    assert not Path(f"{work}-wal").exists() or Path(f"{work}-wal").stat().st_size == 0


# -- errors: exit 2 with a message ------------------------------------------------------


@pytest.mark.parametrize("key", BINARY_TARGETS)
def test_a_binary_target_without_o_exits_2(work, capsys, key):
    code, out, err = run(["export", str(work), "--to", key], capsys)
    assert (code, out) == (2, "")
    assert "ficwright export:" in err and "-o PATH" in err


@pytest.mark.parametrize("chapter", ["0", "3", "-1"])
def test_a_chapter_out_of_range_exits_2(work, capsys, chapter):
    code, out, err = run(["export", str(work), "--to", "md", "--chapter", chapter], capsys)
    assert (code, out) == (2, "")
    assert f"there is no chapter {chapter}: the work has 2 chapters" in err


def test_an_unknown_target_is_a_usage_error(work, capsys):
    code, out, err = run(["export", str(work), "--to", "rtf"], capsys)
    assert (code, out) == (2, "")
    assert "invalid choice: 'rtf'" in err


def test_to_is_required(work, capsys):
    code, _, err = run(["export", str(work)], capsys)
    assert code == 2
    assert "--to" in err


def test_a_foreign_file_exits_2_and_is_left_alone(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("Not a work at all. " * 20, encoding="utf-8")
    code, out, err = run(["export", str(path), "--to", "md"], capsys)
    assert (code, out) == (2, "")
    assert "is not a Ficwright project" in err
    assert path.read_text(encoding="utf-8") == "Not a work at all. " * 20


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, out, err = run(["export", str(tmp_path / "gone.ficwright"), "--to", "md"], capsys)
    assert (code, out) == (2, "")
    assert "does not exist" in err


def test_an_unwritable_o_exits_2(work, tmp_path, capsys):
    target = tmp_path / "no such folder" / "storm.md"
    code, out, err = run(["export", str(work), "--to", "md", "-o", str(target)], capsys)
    assert (code, out) == (2, "")
    assert "cannot write" in err and "storm.md" in err
    assert not target.parent.exists()


def test_o_a_folder_exits_2(work, tmp_path, capsys):
    code, _, err = run(["export", str(work), "--to", "md", "-o", str(tmp_path)], capsys)
    assert code == 2
    assert "cannot write" in err


def test_o_the_work_itself_is_refused(work, capsys):
    before = digest(work)
    code, _, err = run(["export", str(work), "--to", "md", "-o", str(work)], capsys)
    assert code == 2
    assert "refusing to write over the work" in err
    assert digest(work) == before


# -- the real entry point ---------------------------------------------------------------


def test_python_m_editor_export(work, tmp_path):
    env = os.environ | {"FICWRIGHT_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}

    def ficwright(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "editor", "export", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    result = ficwright(str(work), "--to", "ffn", "--chapter", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == export_to("ffn", loaded(work), ExportOptions(chapters=[1]))
    assert "<strong>Storm Front</strong>" in result.stdout

    binary = ficwright(str(work), "--to", "epub")
    assert binary.returncode == 2
    assert binary.stdout == ""
    assert "ficwright export:" in binary.stderr


class _FullDisk(io.StringIO):
    """Standard output on a full disk (``> /dev/full``): every flush fails."""

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("command", ["export", "import"])
def test_a_failing_stdout_is_a_message_and_exit_2(work, tmp_path, capsys, monkeypatch, command):
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    if command == "export":
        argv = ["export", str(work), "--to", "md"]
    else:
        source = tmp_path / "fic.txt"
        source.write_text("Title: Tide\n\nThe sea came in.\n", encoding="utf-8")
        argv = ["import", str(source), "-o", str(tmp_path / "tide.ficwright")]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"ficwright {command}: cannot write to standard output: No space left on device\n"


def test_python_m_editor_export_to_dev_full(work, tmp_path):
    env = os.environ | {"FICWRIGHT_HOME": str(tmp_path / "home")}
    with open("/dev/full", "w") as full:  # Linux: every write fails with ENOSPC
        result = subprocess.run(
            [sys.executable, "-m", "editor", "export", str(work), "--to", "md"],
            cwd=REPO,
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == (
        "ficwright export: cannot write to standard output: No space left on device\n"
    )


def test_ao3_chapter_over_the_limit_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.ficwright"
    project = Project.create(path, "Long")
    project.add_chapter("Short", "<p>Short enough.</p>", 2)
    paragraph = "<p>" + "word " * 99 + "end.</p>"
    project.add_chapter("Long", "\n".join([paragraph] * 1025), 102_500)  # 519,674 characters
    project.close()
    out_file = tmp_path / "long.html"
    code, out, err = run(["export", str(path), "--to", "ao3", "--chapter", "2"], capsys)
    assert code == 1 and out == ""
    assert "Chapter 2: Chapter Text is over AO3's limit of 500,000 characters" in err
    code, _, err = run(["export", str(path), "--to", "ao3", "-o", str(out_file)], capsys)
    assert code == 1 and "cut 19,674" in err and not out_file.exists()
    code, out, _ = run(["export", str(path), "--to", "ao3", "--chapter", "1"], capsys)
    assert code == 0 and out == "<p>Short enough.</p>"
    code, out, _ = run(["export", str(path), "--to", "md", "--chapter", "2"], capsys)
    assert code == 0  # only AO3 has the limit
