"""Killing the app after the autosave delay loses nothing (a real process, a real SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.store.project import Project

TYPIST = Path(__file__).with_name("typist.py")


def type_then_kill(tmp_path: Path, text: str, field: str = "") -> Path:
    """Start a real window, type ``text``, wait 3 s, SIGKILL it; the work's path."""
    work = tmp_path / "kill.ficwright"
    project = Project.create(work, "Kill Test")
    project.add_chapter("One", "<p>Before.</p>", 1)
    project.close()

    proc = subprocess.Popen(
        [sys.executable, str(TYPIST), str(work), str(tmp_path / "settings.ini"), text, field],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.strip() == "typed", proc.stderr.read() if proc.stderr else ""
        time.sleep(3.0)
        assert proc.poll() is None, "the app must still be running when it is killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return work


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_sigkill_three_seconds_after_the_last_keystroke_loses_nothing(tmp_path: Path) -> None:
    text = " The words typed just before the power went out"
    work = type_then_kill(tmp_path, text)

    reopened = Project.open(work)
    try:
        chapter = reopened.chapters()[0]
        assert reopened.body(chapter.id) == f"<p>Before.{text}</p>"
        assert chapter.words == 10
    finally:
        reopened.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_sigkill_after_typing_a_summary_loses_nothing(tmp_path: Path) -> None:
    work = type_then_kill(tmp_path, "A storm is coming", "summaryField")

    reopened = Project.open(work)
    try:
        assert reopened.meta().summary == "<p>A storm is coming</p>"
    finally:
        reopened.close()
