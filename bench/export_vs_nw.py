"""Whole-work export beside novelWriter's HTML build, interleaved in one run.

Each round runs novelWriter's manuscript build to HTML of its generated 100-chapter,
~504,000-word project (``shared/tools/nwbench``: the builder alone, file written) in a fresh
process, then Ficwright's exports of its own generated ~503,000-word work (``workloads.py
export``: AO3 HTML, EPUB and DOCX, each with the file written) in a fresh process. The ratio
of each Ficwright figure to novelWriter's is taken per round, and the median over the
rounds quoted (machines here are noisy; see shared/reference/performance.md).

    python bench/export_vs_nw.py --nw-python NWVENV/bin/python --rounds 5

NWVENV: ``python3 -m venv NWVENV && NWVENV/bin/pip install novelwriter==26.2.2``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.run import ensure_works, workload  # noqa: E402

TARGETS = {"ao3": 0.5, "docx": 1.0, "epub": None}  # the ratio targets

_NW_CHILD = (
    "import json, sys; sys.path.insert(0, sys.argv[1]); import bench_nw; "
    "print('NWRESULT ' + json.dumps(bench_nw.run_child('export')))"
)


def novelwriter_export_ms(nw_python: str, base: Path) -> float:
    env = {**os.environ, "NWBENCH_DIR": str(base)}
    proc = subprocess.run(
        [nw_python, "-c", _NW_CHILD, str(base)], env=env, capture_output=True, text=True
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("NWRESULT ")]
    if proc.returncode or not lines:
        raise RuntimeError(f"novelWriter's export failed:\n{proc.stderr[-3000:]}")
    result = json.loads(lines[0].removeprefix("NWRESULT "))
    if result.get("export_error"):
        raise RuntimeError(f"novelWriter's build reported: {result['export_error']}")
    return float(result["export_s"]) * 1000


def prepare_novelwriter(nw_python: str, nwbench: Path, base: Path) -> None:
    base.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(nwbench / "bench_nw.py", base / "bench_nw.py")  # its children import it
    if not (base / "pristine" / "manifest.json").exists():
        env = {**os.environ, "NWBENCH_DIR": str(base)}
        subprocess.run([nw_python, str(base / "bench_nw.py"), "--gen-only"], env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nw-python", required=True, help="a python with novelwriter installed")
    parser.add_argument(
        "--nwbench", type=Path, default=BENCH.parent.parent / "shared/tools/nwbench"
    )
    parser.add_argument("--nw-dir", type=Path, default=Path("/tmp/nwbench-export"))
    parser.add_argument("--works", type=Path, default=BENCH / "out")
    parser.add_argument("--python", default=sys.executable, help="Ficwright's python")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    prepare_novelwriter(args.nw_python, args.nwbench, args.nw_dir)
    large, _single = ensure_works(args.python, args.works)
    subprocess.run(
        [args.python, "-m", "compileall", "-q", str(BENCH.parent / "editor")], check=True
    )
    rounds: list[dict[str, float]] = []
    for n in range(1, args.rounds + 1):
        nw = novelwriter_export_ms(args.nw_python, args.nw_dir)
        ours = workload(args.python, "export", large)
        row = {"nw_html_ms": nw} | {f"{k}_ms": ours[f"export_{k}_ms"] for k in TARGETS}
        rounds.append(row)
        shown = ", ".join(f"{k} {v:.0f}" for k, v in row.items())
        print(f"round {n}/{args.rounds}: {shown} (ms)", flush=True)

    print(
        "\n| Ficwright export | median ms | novelWriter HTML median ms | ratio (median of "
        "rounds) | per-round ratios | target |"
    )
    print("|---|---|---|---|---|---|")
    nw_median = statistics.median(r["nw_html_ms"] for r in rounds)
    for key, target in TARGETS.items():
        ratios = [r[f"{key}_ms"] / r["nw_html_ms"] for r in rounds]
        ratio = statistics.median(ratios)
        verdict = "" if target is None else (" met" if ratio <= target else " **missed**")
        print(
            f"| {key} | {statistics.median(r[f'{key}_ms'] for r in rounds):.0f} | "
            f"{nw_median:.0f} | {ratio:.2f}x | {', '.join(f'{x:.2f}' for x in ratios)} | "
            f"{'—' if target is None else f'≤ {target}x'}{verdict} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
