"""Run the performance benchmarks and write a markdown table of the figures.

    python bench/run.py [--runs N] [--out bench/RESULTS.md]
    python bench/run.py --profile autosave      # one profiled run of one workload

Every workload runs in a fresh process, ``--runs`` times, interleaved so that a noisy
minute spreads over all of them. The table quotes the median of the runs and their
spread (min–max); a figure that is itself a median of several samples in one process
(chapter switches, keystrokes) is taken per run first. Notes written below the
"## Notes" heading of an existing output file are kept.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor.store import schema
from editor.store.project import inspect_header

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SAMPLE = ROOT / "projects" / "sample.ficwright"
NOTES_HEADING = "## Notes"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    target: float | None  # met when the median is at most this
    target_text: str
    peer: str  # novelWriter, from shared/reference/performance.md
    worst: bool = False  # a "never" target: judged on the worst run, not the median


FIGURES = [
    Figure("cold_start_ms", "Cold start (sample work): spawn → main window painted", "ms",
           350, "≤ 350 ms", "331 ms"),
    Figure("cold_start_rss_mb", "Peak RSS of that process", "MB", None, "—", "96 MB"),
    Figure("open_large_ms", "Open the 500k-word work, first chapter shown", "ms", 150,
           "≤ 150 ms", "80 ms (reads no chapter text)"),
    Figure("chapter_cold_ms", "Open a 5,000-word chapter (first time) until painted", "ms", 40,
           "≤ 40 ms", "45 ms"),
    Figure("chapter_cached_ms", "Switch back to an open 5,000-word chapter until painted", "ms",
           40, "≤ 40 ms", "—"),
    Figure("load20k_ms", "Load a 20,000-word chapter until layout finished", "ms", 100,
           "≤ 100 ms", "72 ms"),
    Figure("key_median_ms", "Keystroke → repainted, 20k chapter, spell check on: median",
           "ms", 3, "≤ 3 ms", "2.3 ms"),
    Figure("key_p95_ms", "Keystroke → repainted, 20k chapter, spell check on: p95", "ms",
           5, "≤ 5 ms", "3.3 ms"),
    Figure("stall_max_ms", "Longest event-loop stall while typing (autosave included)", "ms",
           16, "≤ 16 ms", "18 ms", worst=True),
    Figure("autosave_ms", "Autosave of the 20k-word chapter: median", "ms", 30, "≤ 30 ms",
           "30 s timer, file write"),
    Figure("autosave_max_ms", "Autosave of the 20k-word chapter: longest (a UI stall)", "ms",
           16, "never a stall > 16 ms", "—", worst=True),
    Figure("rss_open_mb", "Peak memory, 500k-word work open, first chapter shown", "MB", 150,
           "≤ 150 MB", "100 MB"),
    Figure("spell_underlined_ms", "Open a 20k-word chapter on a fresh start until every "
           "underline is drawn (dictionary load included)", "ms", 300, "≤ 300 ms", "—"),
    Figure("spell_visible_after_paint_ms", "Fresh start, 20k-word chapter: the visible part "
           "underlined, counted from its first paint", "ms", 150, "≤ 150 ms", "—"),
    Figure("spell_stall_ms", "Longest event-loop stall while that happens", "ms", 16,
           "never freezes input (≤ 16 ms)", "—", worst=True),
    Figure("spell_unknown_ms", "Spell check of a whole 20k-word chapter (Checker.unknown)",
           "ms", 100, "≤ 100 ms", "29 ms (small vocabulary)"),
    Figure("export_ao3_ms", "Export the 500k-word work to AO3 HTML, file written", "ms", 500,
           "≤ 500 ms", "855 ms (HTML)"),
    Figure("export_epub_ms", "Export the 500k-word work to EPUB, file written", "ms", 2000,
           "≤ 2 s", "—"),
]  # fmt: skip

DETAILS = [
    Figure("calib_loop_ms", "Machine speed: 10 million Python additions (compare machines)",
           "ms", None, "", ""),
    Figure("calib_qt_ms", "Machine speed: a fresh `python -c 'import PySide6.QtWidgets'`",
           "ms", None, "", ""),
    Figure("cold_start_large_ms", "Cold start straight into the 500k-word work", "ms", None,
           "", ""),
    Figure("cold_start_large_rss_mb", "Peak RSS of that process", "MB", None, "", ""),
    Figure("rss_before_mb", "RSS with the window shown, before any work is opened", "MB", None,
           "", ""),
    Figure("rss_many_open_mb", "Peak memory after visiting 13 chapters (8 kept open)", "MB",
           None, "", ""),
    Figure("chapter_cold_max_ms", "Open a 5,000-word chapter: slowest of 5 in a run", "ms",
           None, "", ""),
    Figure("load20k_parse_ms", "20k chapter: richtext.parse of the stored HTML", "ms", None,
           "", ""),
    Figure("load20k_build_ms", "20k chapter: qtdoc.load (parse + build the QTextDocument)",
           "ms", None, "", ""),
    Figure("load20k_layout_ms", "20k chapter: full layout of the built document", "ms", None,
           "", ""),
    Figure("autosave_cached_ms", "Autosave: the chapter's text after a keystroke (block cache)",
           "ms", None, "", ""),
    Figure("autosave_canonical_ms", "Without the cache: qtdoc.to_canonical of the whole chapter",
           "ms", None, "", ""),
    Figure("autosave_count_ms", "Without the cache: word count of toPlainText()", "ms", None,
           "", ""),
    Figure("autosave_write_ms", "Autosave: Project.save_body (SQLite, synchronous=NORMAL)", "ms",
           None, "", ""),
    Figure("key_max_ms", "Keystroke → repainted: slowest of 200", "ms", None, "", ""),
    Figure("export_docx_ms", "Export the 500k-word work to DOCX, file written", "ms", None,
           "", ""),
    Figure("export_rss_mb", "Peak memory of the export process (all three exports)", "MB",
           None, "", "115 MB (HTML)"),
    Figure("spell_after_paint_ms", "Underlines complete, counted from the chapter's first paint",
           "ms", None, "", ""),
    Figure("spell_slice_ms", "Longest slice of the chunked underlining pass", "ms", None, "", ""),
    Figure("spell_recheck_ms", "Re-check every underline of the 20k chapter (dictionary loaded)",
           "ms", None, "", ""),
    Figure("stall_tail_ms", "Longest stall in the 1.6 s after typing (autosave, recount)",
           "ms", None, "", ""),
    Figure("key_overrun_max_ms", "Latest a key was sent after its 30 ms slot", "ms", None,
           "", ""),
]  # fmt: skip


def bench_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", FICWRIGHT_HOME=str(home))
    env.pop("FICWRIGHT_BENCH_STARTUP", None)
    # An installed app has its bytecode cached; compiling editor/ on every start is not a start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


CALIBRATION_LOOP = """
import time
t = time.perf_counter()
s = 0
for i in range(10_000_000):
    s += i
print((time.perf_counter() - t) * 1000.0)
"""


def calibration(python: str) -> dict[str, float]:
    """How fast this machine is today: figures from two days are comparable only through this."""
    env = bench_env(Path(tempfile.gettempdir()))
    loop = subprocess.run(
        [python, "-c", CALIBRATION_LOOP], capture_output=True, text=True, check=True, env=env
    )
    start = time.perf_counter()
    subprocess.run([python, "-c", "import PySide6.QtWidgets"], check=True, env=env)
    return {
        "calib_loop_ms": float(loop.stdout.strip()),
        "calib_qt_ms": (time.perf_counter() - start) * 1000.0,
    }


def cold_start(python: str, work: Path, prefix: str, via_wrapper: bool) -> dict[str, float]:
    """Spawn the app on a copy of ``work``; it prints ``painted <epoch>`` and exits."""
    with tempfile.TemporaryDirectory(prefix="ficbench-") as tmp:
        home = Path(tmp)
        copy = home / "work.ficwright"
        shutil.copyfile(work, copy)
        env = bench_env(home)
        env["FICWRIGHT_BENCH_STARTUP"] = "1"
        if via_wrapper:
            cmd = [python, str(BENCH / "start_app.py"), str(copy)]
        else:
            cmd = [python, "-m", "editor", str(copy)]
        with open(home / "stderr.txt", "wb") as err:
            start = time.time()
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT)
            assert proc.stdout is not None
            out = proc.stdout.read().decode()
            # wait4, not wait: the child's own rusage, so its peak RSS alone.
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        painted = [line for line in out.splitlines() if line.startswith("painted ")]
        if not painted:
            errors = (home / "stderr.txt").read_text(errors="replace")[-2000:]
            failed = f"{shlex.join(cmd)} never painted (exit {proc.returncode})"
            raise RuntimeError(f"{failed}:\n{errors}")
    return {
        f"{prefix}_ms": (float(painted[0].split()[1]) - start) * 1000.0,
        f"{prefix}_rss_mb": usage.ru_maxrss / 1024.0,
    }


def workload(python: str, name: str, work: Path, profile: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="ficbench-") as tmp:
        home = Path(tmp)
        copy = home / work.name  # each run edits its own copy
        shutil.copyfile(work, copy)
        cmd = [python, str(BENCH / "workloads.py"), name, str(copy)]
        if profile:
            cmd.append("--profile")
        proc = subprocess.run(
            cmd,
            env=bench_env(home),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    if profile:
        print(proc.stderr)
    return json.loads(lines[0].removeprefix("RESULT "))


def ensure_works(python: str, outdir: Path) -> tuple[Path, Path]:
    large, single = outdir / "large.ficwright", outdir / "chapter20k.ficwright"
    # Works of an older format would be migrated on every open: timed, that is not an open.
    stale = not (large.exists() and single.exists()) or any(
        inspect_header(p) != schema.CURRENT_VERSION for p in (large, single)
    )
    if stale:
        for p in (large, single):
            p.unlink(missing_ok=True)
        subprocess.run([python, str(BENCH / "generate.py"), str(outdir)], cwd=ROOT, check=True)
    return large, single


def plan(python: str, large: Path, single: Path) -> list[Callable[[], dict[str, float]]]:
    """One run of every workload, in the order they are interleaved."""
    return [
        lambda: calibration(python),
        lambda: cold_start(python, SAMPLE, "cold_start", via_wrapper=False),
        lambda: cold_start(python, large, "cold_start_large", via_wrapper=True),
        lambda: workload(python, "open_large", large),
        lambda: workload(python, "switch", large),
        lambda: workload(python, "load20k", single),
        lambda: workload(python, "autosave", single),
        lambda: workload(python, "typing", single),
        lambda: workload(python, "spell20k", single),
        lambda: workload(python, "export", large),
    ]


def revision() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "editor")
    return git("rev-parse", "--short", "HEAD") + (
        " with uncommitted changes in editor/" if dirty else ""
    )


def machine(python: str) -> str:
    versions = subprocess.run(
        [python, "-c", "import sys, PySide6; print(sys.version.split()[0], PySide6.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores (nproc), {cpu}; {platform.system()} {platform.release()}; "
        f"Python {versions[0]}, PySide6 {versions[1]}; QT_QPA_PLATFORM=offscreen"
    )


def fmt(value: float, unit: str) -> str:
    return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"


def table(results: dict[str, list[float]]) -> str:
    rows = [
        "| figure | Ficwright: median (min–max) | target | verdict | novelWriter 26.2.2 |",
        "|---|---|---|---|---|",
    ]
    for f in FIGURES:
        values = results.get(f.key, [])
        if not values:
            continue
        median = statistics.median(values)
        ours = f"{fmt(median, f.unit)} ({min(values):.1f}–{max(values):.1f})"
        judged = max(values) if f.worst else median
        verdict = "" if f.target is None else ("met" if judged <= f.target else "**missed**")
        if f.worst and f.target is not None:
            verdict += " (worst run)"
        rows.append(f"| {f.label} | {ours} | {f.target_text} | {verdict} | {f.peer} |")
    rows += ["", "Breakdowns and extra figures (same runs):", ""]
    rows += ["| figure | median (min–max) |", "|---|---|"]
    for f in DETAILS:
        values = results.get(f.key, [])
        if values:
            median = statistics.median(values)
            spread = f"{min(values):.1f}–{max(values):.1f}"
            rows.append(f"| {f.label} | {fmt(median, f.unit)} ({spread}) |")
    stall_where = results.get("stall_max_where", [])
    if stall_where:
        rows += ["", f"Where the longest stall of each run happened: {', '.join(stall_where)}."]
    return "\n".join(rows)


def report(results: dict[str, list[float]], runs: int, command: str, python: str) -> str:
    return "\n".join(
        [
            "# Ficwright performance figures",
            "",
            f"- Produced by: `{command}` ({runs} runs, fresh process per workload and run)",
            f"- Date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
            f"- Code: {revision()}",
            f"- Machine: {machine(python)}",
            "- Works: `bench/generate.py` (seeded): 100 chapters / ~503,000 words, and one "
            "20,000-word chapter; cold start on a copy of `projects/sample.ficwright`.",
            "",
            table(results),
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--works", type=Path, default=BENCH / "out", help="generated works")
    parser.add_argument("--python", default=sys.executable, help="interpreter to benchmark")
    parser.add_argument("--profile", metavar="WORKLOAD", help="one profiled run, no table")
    args = parser.parse_args(argv)
    large, single = ensure_works(args.python, args.works)

    if args.profile:
        work = large if args.profile in ("open_large", "switch") else single
        print(json.dumps(workload(args.python, args.profile, work, profile=True), indent=1))
        return 0

    # Bytecode cached once, as an installed app has it, before anything is timed.
    subprocess.run([args.python, "-m", "compileall", "-q", str(ROOT / "editor")], check=True)
    results: dict[str, list] = {}
    for run in range(1, args.runs + 1):
        for step in plan(args.python, large, single):
            for key, value in step().items():
                results.setdefault(key, []).append(value)
        print(f"run {run}/{args.runs} done", file=sys.stderr)

    command = shlex.join(["python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    text = report(results, args.runs, command, args.python)
    print(text)
    notes = ""
    if args.out.exists():
        old = args.out.read_text(encoding="utf-8")
        if NOTES_HEADING in old:
            notes = old[old.index(NOTES_HEADING) :]
    args.out.write_text(text + ("\n" + notes if notes else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
