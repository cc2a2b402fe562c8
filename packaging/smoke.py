"""Smoke test of the frozen Ficwright (the PyInstaller one-folder build).

    python packaging/smoke.py [DIST_FOLDER]      (default: dist/Ficwright)

Standard library only, so any Python can run it against the build. Everything happens in a
fresh temporary data folder (FICWRIGHT_HOME) and working directory, with no PYTHONPATH, so
nothing from the checkout can stand in for what the bundle is missing:

1. the window starts headless (QT_QPA_PLATFORM=offscreen, FICWRIGHT_BENCH_STARTUP=1), prints
   "painted <time>" and exits 0;
2. on that first start it copied the bundled sample work into the data folder: the copy is
   an SQLite file with Ficwright's application id and the sample's title;
3. `ficwright check` on the copy runs (pyspellchecker's dictionary loads frozen), and on an
   imported text with one typo it flags exactly the typo (the words around it are known);
4. `ficwright export` to ao3 (stdout), epub and docx (files; ebooklib and python-docx's
   template work frozen), and `ficwright import` of that .docx back into a work.

Exit status 0 if all of it holds; otherwise it says which step failed and exits 1.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

SAMPLE_COPY = Path("Works") / "Sample - The Lighthouse Letters.ficwright"
SAMPLE_TITLE = "The Lighthouse Letters"
APPLICATION_ID = 0x46696357  # "FicW", editor/store/schema.py
TIMEOUT = 180  # seconds per run: a cold first start of a frozen Qt app can be slow


class SmokeFailed(Exception):
    pass


def executable(dist: Path) -> Path:
    """The console executable of the build (the CLI needs a console on Windows)."""
    for name in ("ficwright-cli.exe", "ficwright.exe", "ficwright"):
        if (dist / name).is_file():
            return dist / name
    raise SmokeFailed(f"no ficwright executable in {dist}")


def _run(exe: Path, args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    started = time.monotonic()
    try:
        result = subprocess.run(
            [str(exe), *args],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as e:
        raise SmokeFailed(f"`ficwright {' '.join(args)}` did not finish in {TIMEOUT} s") from e
    took = time.monotonic() - started
    print(f"$ ficwright {' '.join(args)}  -> exit {result.returncode} in {took:.2f} s")
    return result


def _expect(condition: bool, what: str, result: subprocess.CompletedProcess | None = None):
    if not condition:
        detail = ""
        if result is not None:
            stdout, stderr = result.stdout[-3000:], result.stderr[-3000:]
            detail = f"\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
        raise SmokeFailed(what + detail)


def smoke(dist: Path) -> None:
    exe = executable(dist)
    with tempfile.TemporaryDirectory(prefix="ficwright-smoke-") as tmp_name:
        tmp = Path(tmp_name)
        home, cwd, out = tmp / "home", tmp / "cwd", tmp / "out"
        for folder in (home, cwd, out):
            folder.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FICWRIGHT_"))}
        env.update(QT_QPA_PLATFORM="offscreen", FICWRIGHT_HOME=str(home))

        # 1. The window paints and the app exits cleanly.
        result = _run(exe, [], {**env, "FICWRIGHT_BENCH_STARTUP": "1"}, cwd)
        painted = [line for line in result.stdout.splitlines() if line.startswith("painted ")]
        _expect(result.returncode == 0, f"the app exited {result.returncode}", result)
        _expect(bool(painted), 'the app did not print "painted"', result)
        print(f"  {painted[0]}")

        # 2. It opened a copy of the bundled sample work.
        copy = home / SAMPLE_COPY
        _expect(copy.is_file(), f"no sample copy at {copy}", result)
        connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
        try:
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            (title,) = connection.execute("SELECT title FROM work").fetchone()
            chapters = connection.execute("SELECT count(*) FROM chapters").fetchone()[0]
        finally:
            connection.close()
        _expect(app_id == APPLICATION_ID, f"the copy's application id is {app_id:#x}")
        _expect(title == SAMPLE_TITLE, f"the copy's title is {title!r}")
        print(f"  sample copy: {title!r}, {chapters} chapters")

        # 3. Spelling, frozen: the sample, then a text with exactly one typo.
        result = _run(exe, ["check", str(copy)], env, cwd)
        _expect(result.returncode in (0, 1), "check failed on the sample", result)
        unknown = [line.split("\t")[0] for line in result.stdout.splitlines() if line]
        _expect("the" not in unknown and "The" not in unknown, "check knows no words", result)
        print(f"  unknown words in the sample: {len(unknown)} {unknown[:8]}")
        typo_text = cwd / "typo.txt"
        typo_text.write_text(
            "Title: Smoke\n\nThe keeper climbed the stairs and lit teh lamp before the storm.\n",
            encoding="utf-8",
        )
        typo_work = out / "typo.ficwright"
        result = _run(exe, ["import", str(typo_text), "-o", str(typo_work)], env, cwd)
        _expect(result.returncode == 0 and typo_work.is_file(), "import of a .txt failed", result)
        result = _run(exe, ["check", str(typo_work)], env, cwd)
        unknown = [line.split("\t")[0] for line in result.stdout.splitlines() if line]
        _expect(
            result.returncode == 1 and unknown == ["teh"], "check did not flag just 'teh'", result
        )
        print(f"  typo found: {result.stdout.strip()}")

        # 4. Export to AO3 (text), EPUB and DOCX (files), and read the DOCX back in.
        result = _run(exe, ["export", str(copy), "--to", "ao3"], env, cwd)
        _expect(result.returncode == 0 and "<p>" in result.stdout, "export --to ao3 failed", result)
        print(f"  ao3: {len(result.stdout)} characters, {result.stdout.count('<p>')} paragraphs")

        epub = out / "sample.epub"
        result = _run(exe, ["export", str(copy), "--to", "epub", "-o", str(epub)], env, cwd)
        _expect(result.returncode == 0 and epub.is_file(), "export --to epub failed", result)
        with zipfile.ZipFile(epub) as z:
            _expect(z.read("mimetype") == b"application/epub+zip", "the EPUB has no mimetype")
            names = z.namelist()
        print(f"  epub: {epub.stat().st_size} bytes, {len(names)} entries")

        docx = out / "sample.docx"
        result = _run(exe, ["export", str(copy), "--to", "docx", "-o", str(docx)], env, cwd)
        _expect(result.returncode == 0 and docx.is_file(), "export --to docx failed", result)
        with zipfile.ZipFile(docx) as z:
            document = z.read("word/document.xml").decode("utf-8")
            _expect("word/styles.xml" in z.namelist(), "the DOCX has no styles (no template?)")
        _expect("Keeper" in document, "the DOCX does not contain the sample's text")
        print(f"  docx: {docx.stat().st_size} bytes")

        reimported = out / "reimported.ficwright"
        result = _run(exe, ["import", str(docx), "-o", str(reimported)], env, cwd)
        _expect(
            result.returncode == 0 and reimported.is_file(), "import of the .docx failed", result
        )
        print("  docx imported back into a work")


def main(argv: list[str]) -> int:
    dist = (
        Path(argv[1])
        if len(argv) > 1
        else Path(__file__).resolve().parent.parent / "dist" / "Ficwright"
    )
    print(f"smoke test of {dist}")
    try:
        smoke(dist)
    except SmokeFailed as e:
        print(f"SMOKE TEST FAILED: {e}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
