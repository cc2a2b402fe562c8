"""Killing the app loses nothing typed more than 2 s before, after a pause or during steady
typing (a real process, a real SIGKILL)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.store.project import Project
from tests.ui.steady_typist import word

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


STEADY_TYPIST = Path(__file__).with_name("steady_typist.py")
MAX_AGE_S = 2.0  # the promise: a word typed longer ago than this is on disk


def kill_during_steady_typing(tmp_path: Path, after_words: int) -> tuple[Path, dict[int, float]]:
    """A real window typing a word every 80 ms without a pause, SIGKILLed after it has typed
    ``after_words`` words; the work's path and when each word was typed (time.monotonic)."""
    work = tmp_path / "steady.ficwright"
    project = Project.create(work, "Steady")
    project.add_chapter("One", "<p>Before.</p>", 1)
    project.close()
    proc = subprocess.Popen(
        [sys.executable, str(STEADY_TYPIST), str(work), str(tmp_path / "settings.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parents[2],
    )
    typed: dict[int, float] = {}
    try:
        assert proc.stdout is not None
        while len(typed) < after_words:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            number, when = line.split()
            typed[int(number)] = float(when)
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    # Only what was typed long enough before the kill is promised.
    return work, {n: t for n, t in typed.items() if t < killed_at - MAX_AGE_S}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_during_steady_typing_loses_nothing_older_than_two_seconds(
    tmp_path: Path, seed: int
) -> None:
    # 40 to 90 words: 3 to 7 seconds of typing, past the old 1 s debounce's chance to fire.
    after = random.Random(seed).randint(40, 90)
    work, promised = kill_during_steady_typing(tmp_path, after)
    assert len(promised) >= 10

    reopened = Project.open(work)
    try:
        body = reopened.body(reopened.chapters()[0].id)
    finally:
        reopened.close()
    lost = [word(n) for n in sorted(promised) if word(n) not in body]
    assert not lost, f"typed more than {MAX_AGE_S} s before the kill, but lost: {lost}"
    assert body.startswith("<p>Before. w00000")
