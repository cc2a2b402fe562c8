"""Ficwright beside novelWriter, interleaved in one run: a table of ratios.

    python bench/compare.py --novelwriter NWVENV/bin/python [--rounds 4] [--only a,b]
                            [--json OUT] [--out bench/RESULTS.md]

NWVENV is a venv with novelWriter and pyenchant (see the README, "Benchmarks"). Each round
runs every selected figure as a pair of fresh processes, novelWriter's first, then
Ficwright's, so that a noisy minute hits both; the figure quoted is the median of the
per-round ratios (Ficwright / novelWriter, lower is better). novelWriter is measured by
``shared/tools/nwbench/bench_nw.py`` on its generated 100-chapter ~504k-word project,
Ficwright by ``bench/run.py``'s cold start and ``bench/workloads.py`` on its generated
100-chapter ~503k-word work; where the two differ in what a figure includes, ROWS says so.
The table replaces this script's section of ``--out``; the rest of the file is kept.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import py_compile
import shlex
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.run import SAMPLE, cold_start, ensure_works, machine, revision, workload  # noqa: E402

NWBENCH = BENCH.parent.parent / "shared" / "tools" / "nwbench"
HEADING = "## Side by side with novelWriter (issue 14)"
NOTES = "### Notes"

# bench_nw's children import it from NWBENCH_DIR: run one of its tasks there, print the result.
_NW_CHILD = (
    "import json, sys; sys.path.insert(0, sys.argv[1]); import bench_nw; "
    "print('NWRESULT ' + json.dumps(bench_nw.run_child(sys.argv[2])))"
)


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between ranks, as bench_nw's ``pct`` computes it."""
    s = sorted(values)
    k = (len(s) - 1) * q
    f = int(k)
    c = min(f + 1, len(s) - 1)
    return s[f] + (s[c] - s[f]) * (k - f)


Result = dict[str, Any]


@dataclass(frozen=True)
class Row:
    key: str  # the --only name and the --json key
    label: str
    nw_task: str  # a bench_nw child task
    nw: Callable[[Result], float]  # its figure (ms, or MB for memory)
    ours: str  # "cold_start" or a workloads.py workload
    fic: Callable[[Result], float]
    target: float  # the ratio target
    note: str = ""


ROWS = [
    Row("cold_start", "Cold start: spawn → main window painted", "startup",
        lambda r: r["spawn_to_shown_s"] * 1000, "cold_start", lambda r: r["cold_start_ms"], 1.0,
        "Ficwright opens the sample work; novelWriter opens nothing"),
    Row("open_large", "Open the ~500k-word work, first chapter shown", "open",
        lambda r: r["open_to_tree_painted_s"] * 1000, "open_large",
        lambda r: r["open_large_ms"], 0.8, "novelWriter reads no chapter text"),
    Row("chapter_5k", "Open a 5,000-word chapter until painted", "doc",
        lambda r: r["doc_open_to_painted_s"] * 1000, "switch",
        lambda r: r["chapter_cold_ms"], 0.8,
        "Ficwright: median of 5 chapters never shown before in the run"),
    Row("load_20k", "Load a 20,000-word chapter until laid out", "type_spell",
        lambda r: r["long_doc_load_to_layout_done_s"] * 1000, "load20k",
        lambda r: r["load20k_ms"], 1.0,
        "novelWriter: last layout size change; Ficwright: layout finished on demand"),
    Row("key_median", "Keystroke → repainted, 20k chapter, spelling on: median", "type_spell",
        lambda r: statistics.median(r["lat_paint_ms"]), "typing",
        lambda r: statistics.median(r["key_latencies_ms"]), 1.0),
    Row("key_p95", "Keystroke → repainted, 20k chapter, spelling on: p95", "type_spell",
        lambda r: percentile(r["lat_paint_ms"], 0.95), "typing",
        lambda r: percentile(r["key_latencies_ms"], 0.95), 1.0),
    Row("stall", "Longest typing stall: overrun of the 30 ms gap between keys", "type_spell",
        lambda r: max(r["gap_overrun_ms"]), "typing", lambda r: r["key_overrun_max_ms"], 1.0,
        "how late the event loop let the next key go; Ficwright's stricter longest turn is in "
        "bench/run.py"),
    Row("export_html", "Whole-work HTML export, file written", "export",
        lambda r: r["export_s"] * 1000, "export", lambda r: r["export_ao3_ms"], 0.5,
        "Ficwright: AO3's download layout; novelWriter: its manuscript build"),
    Row("rss_open", "Peak memory with the big work open", "open",
        lambda r: r["maxrss_kb"] / 1024, "open_large", lambda r: r["rss_open_mb"], 1.1),
]  # fmt: skip


def prepare_novelwriter(nw_python: str, nwbench: Path, base: Path) -> None:
    """bench_nw.py beside its generated project in ``base``, compiled as its own runs do."""
    base.mkdir(parents=True, exist_ok=True)
    script = base / "bench_nw.py"
    shutil.copyfile(nwbench / "bench_nw.py", script)
    # Children load it from its .pyc: compiling 1000 lines would be timed as start-up.
    py_compile.compile(str(script), cfile=cache_from_source(str(script)), doraise=True)
    if not (base / "pristine" / "manifest.json").exists():
        env = {**os.environ, "NWBENCH_DIR": str(base)}
        subprocess.run([nw_python, str(script), "--gen-only"], env=env, check=True)


def run_novelwriter(nw_python: str, base: Path, task: str) -> Result:
    env = {**os.environ, "NWBENCH_DIR": str(base)}
    proc = subprocess.run(
        [nw_python, "-c", _NW_CHILD, str(base), task], env=env, capture_output=True, text=True
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("NWRESULT ")]
    if proc.returncode or not lines:
        raise RuntimeError(f"novelWriter's {task} failed:\n{proc.stderr[-3000:]}")
    return json.loads(lines[0].removeprefix("NWRESULT "))


def run_ficwright(python: str, name: str, large: Path, single: Path) -> Result:
    if name == "cold_start":
        return cold_start(python, SAMPLE, "cold_start", via_wrapper=False)
    return workload(python, name, single if name in ("load20k", "typing") else large)


def load_average() -> str:
    with open("/proc/loadavg", encoding="utf-8") as f:
        return f.read().split()[0]


def table(rows: list[Row], rounds: list[dict[str, tuple[float, float]]]) -> tuple[str, dict]:
    lines = [
        "| workload | Ficwright, median | novelWriter, median | ratio (median of rounds) "
        "| per-round ratios | target |",
        "|---|---|---|---|---|---|",
    ]
    ratios: dict[str, float] = {}
    for row in rows:
        pairs = [r[row.key] for r in rounds]
        per_round = [ours / nw for nw, ours in pairs]
        ratio = statistics.median(per_round)
        ratios[row.key] = round(ratio, 3)
        unit = "MB" if row.key.startswith("rss") else "ms"
        verdict = "met" if ratio <= row.target else "**missed**"
        label = row.label + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {label} | {statistics.median(p[1] for p in pairs):.1f} {unit} "
            f"| {statistics.median(p[0] for p in pairs):.1f} {unit} | **{ratio:.2f}x** "
            f"| {', '.join(f'{x:.2f}' for x in per_round)} | ≤ {row.target}x: {verdict} |"
        )
    return "\n".join(lines), ratios


def write_section(out: Path, section: str) -> None:
    """Replace this script's section of ``out`` (up to the next ``## `` heading) or append it.

    Notes written under a ``### Notes`` heading inside the old section are kept.
    """
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        old = text[start : end + 1 if end >= 0 else len(text)]
        if NOTES in old:
            section = section.rstrip("\n") + "\n\n" + old[old.index(NOTES) :].rstrip("\n") + "\n"
        text = text[:start] + section + ("\n" + text[end + 1 :] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--novelwriter", required=True, help="python of a novelWriter venv")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--only", help=f"comma-separated, of: {','.join(r.key for r in ROWS)}")
    parser.add_argument("--json", type=Path, help="write the ratios here")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--nwbench", type=Path, default=NWBENCH, help="shared/tools/nwbench")
    parser.add_argument("--nw-dir", type=Path, default=Path("/tmp/nwbench-compare"))
    parser.add_argument("--works", type=Path, default=BENCH / "out", help="generated works")
    parser.add_argument("--python", default=sys.executable, help="Ficwright's python")
    args = parser.parse_args(argv)
    wanted = args.only.split(",") if args.only else [r.key for r in ROWS]
    unknown = set(wanted) - {r.key for r in ROWS}
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(sorted(unknown))}")
    rows = [r for r in ROWS if r.key in wanted]

    prepare_novelwriter(args.novelwriter, args.nwbench, args.nw_dir)
    large, single = ensure_works(args.python, args.works)
    # Bytecode cached once, as an installed app has it, before anything is timed.
    subprocess.run(
        [args.python, "-m", "compileall", "-q", str(BENCH.parent / "editor")], check=True
    )
    # One discarded start of each: page cache and font caches warm for both.
    run_novelwriter(args.novelwriter, args.nw_dir, "startup")
    run_ficwright(args.python, "cold_start", large, single)

    # Pairs of processes: one novelWriter task, then the Ficwright workload(s) it is set against.
    pairs: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        pairs.setdefault((row.nw_task, row.ours), []).append(row)
    loads: list[str] = []
    rounds: list[dict[str, tuple[float, float]]] = []
    for n in range(1, args.rounds + 1):
        loads.append(load_average())
        figures: dict[str, tuple[float, float]] = {}
        nw_cache: dict[str, Result] = {}
        fic_cache: dict[str, Result] = {}
        for (task, ours), group in pairs.items():
            if task not in nw_cache:
                nw_cache[task] = run_novelwriter(args.novelwriter, args.nw_dir, task)
            if ours not in fic_cache:
                fic_cache[ours] = run_ficwright(args.python, ours, large, single)
            for row in group:
                figures[row.key] = (row.nw(nw_cache[task]), row.fic(fic_cache[ours]))
        rounds.append(figures)
        shown = ", ".join(f"{k} {b / a:.2f}x" for k, (a, b) in figures.items())
        print(f"round {n}/{args.rounds}: {shown}", file=sys.stderr, flush=True)

    text, ratios = table(rows, rounds)
    command = shlex.join(
        ["python", "bench/compare.py", *(sys.argv[1:] if argv is None else argv)]
    ).replace(args.novelwriter, "NWVENV/bin/python")
    nw_version = subprocess.run(
        [args.novelwriter, "-c", "import novelwriter; print(novelwriter.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    section = "\n".join(
        [
            HEADING,
            "",
            f"- Produced by: `{command}` ({args.rounds} interleaved rounds: each figure a "
            "novelWriter process, then a Ficwright process)",
            f"- Date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}; "
            f"code {revision()}; novelWriter {nw_version or '?'}",
            f"- Machine: {machine(args.python)}; load average at each round's start: "
            f"{', '.join(loads)} (shared with other work: only the ratios mean anything)",
            "",
            text,
            "",
        ]
    )
    print(section)
    write_section(args.out, section)
    if args.json:
        args.json.write_text(json.dumps({"ratios": ratios, "rounds": rounds}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
