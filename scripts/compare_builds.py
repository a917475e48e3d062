"""Cold builds of this checkout's code against the code of another commit, measured in one run, alternating.

    .venv/bin/python scripts/compare_builds.py REV [--rounds 7] [--files sitegen/write/drawing.py ...]

Two copies of the project are made (sitegen/devtools.py); in the second, sitegen/ is the code of REV (or, with
--files, only those files are). Each round builds both from an empty .cache/ (cold), in turn, and the median wall
time of each is printed, with their ratio. The machine is shared: alternating spreads its load over both.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sitegen.devtools import copy_project  # noqa: E402


def code_at(rev: str, project: Path, files: list[str]) -> None:
    """The code of rev in the copy: the named files, or all of sitegen/."""
    if not files:
        shutil.rmtree(project / "sitegen")
        archive = subprocess.run(["git", "archive", rev, "sitegen"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
        return
    for f in files:
        data = subprocess.run(["git", "show", f"{rev}:{f}"], cwd=ROOT, capture_output=True, check=True).stdout
        (project / f).write_bytes(data)


def cold_build(project: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and every process it ran) of one build from an empty .cache/."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(project / "build.py"), "--out", str(out)], cwd=project,
                          capture_output=True, text=True)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{project}: the build failed:\n{proc.stderr[-3000:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("rev", help="the other code: a commit")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--files", nargs="*", default=[], help="only these files of rev (paths in the project)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="compare-") as tmp:
        here, there = copy_project(Path(tmp) / "here"), copy_project(Path(tmp) / "there")
        code_at(args.rev, there, args.files)
        times: dict[str, list[float]] = {"this checkout": [], args.rev: []}
        cpu: dict[str, list[float]] = {"this checkout": [], args.rev: []}
        for n in range(args.rounds):
            for name, project in (("this checkout", here), (args.rev, there))[:: 1 if n % 2 == 0 else -1]:
                wall, used = cold_build(project, Path(tmp) / f"site-{n}-{project.name}")
                times[name].append(wall)
                cpu[name].append(used)
            print(f"round {n + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
        medians = {k: statistics.median(v) for k, v in times.items()}
        for k, v in medians.items():
            print(f"{k}: median {v:.2f} s wall, {statistics.median(cpu[k]):.2f} s CPU, of {len(times[k])} cold "
                  f"builds ({', '.join(f'{x:.2f}' for x in times[k])})")
        print(f"ratio (this checkout / {args.rev}): wall {medians['this checkout'] / medians[args.rev]:.3f}, CPU "
              f"{statistics.median(cpu['this checkout']) / statistics.median(cpu[args.rev]):.3f}")


if __name__ == "__main__":
    main()
