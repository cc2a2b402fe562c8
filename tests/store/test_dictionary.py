"""The work's dictionary in its file and the author's dictionary in the data folder."""

from __future__ import annotations

from pathlib import Path

from editor.store import user_dictionary
from editor.store.project import IGNORED_WORD, WORK_WORD, Project


def test_work_words_and_ignored_words_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "W")
    project.add_words(WORK_WORD, ["Nibelheim", "Masamune", "Nibelheim"])
    project.add_words(IGNORED_WORD, ["teh"])
    project.close()

    project = Project.open(path)
    try:
        assert project.dictionary_words() == (["Masamune", "Nibelheim"], ["teh"])
        project.remove_words(WORK_WORD, ["Masamune"])
        assert project.dictionary_words() == (["Nibelheim"], ["teh"])
    finally:
        project.close()


def test_the_user_dictionary_is_a_plain_list_that_grows_without_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "data" / user_dictionary.FILE_NAME
    assert user_dictionary.load(path) == []
    user_dictionary.add(path, ["Sephiroth", "Zack"])
    user_dictionary.add(path, ["Zack", " Aerith "])
    assert path.read_text(encoding="utf-8") == "Sephiroth\nZack\nAerith\n"
    assert user_dictionary.load(path) == ["Sephiroth", "Zack", "Aerith"]
    assert [p.name for p in path.parent.iterdir()] == [user_dictionary.FILE_NAME]


def test_an_unreadable_user_dictionary_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / user_dictionary.FILE_NAME
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert user_dictionary.load(path) == []
