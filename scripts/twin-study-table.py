#!/usr/bin/env python3
"""The table of scripts/twin-study.sh: one markdown table per task from the runs' summary.json and
the twins' quality.json.

usage: twin-study-table.py OUT

Rows: the twin (analytic, learned from N samples, learned from N samples and refined in the loop)
and the mode. Columns: test accuracy on the hardware and on the digital model (mean ± sample sd over
the seeds), the task gradient fidelity (the mean cosine between the gradient of the parameters up to
the last physical layer through the models' backward and through the hardware's exact one on the
test set, at the selected epoch: measured anew by `pat eval RUN`, so that every run is measured the
same way), and for learned twins their
held-out R² and gradient fidelity at random points and cotangents (pat twin fit's quality.json,
mean over seeds and layers). Last, the Pearson correlation between PAT's accuracy on the hardware
and its task gradient fidelity over every PAT run of the task.
"""
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

PAT = str(Path(__file__).resolve().parent.parent / "pat")


def fidelity(run):
    out = subprocess.run([PAT, "eval", str(run)], check=True, capture_output=True, text=True).stdout
    m = re.search(r"mean cosine\): ([0-9.]+)", out)
    return float(m.group(1)) if m else None


def ms(values, scale=1.0, digits=2, unit=""):
    values = [v * scale for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}{unit}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}{unit}"


def runs(folder, mode):
    out = []
    for d in sorted(folder.glob(f"{mode}-s*")):
        f = d / "summary.json"
        if f.exists():
            summary = json.loads(f.read_text())
            summary["gradientFidelity"] = fidelity(d)
            out.append(summary)
    return out


def twin_quality(out, task, n):
    r2, fid = [], []
    for q in sorted((out / "twins").glob(f"{task}-{n}-s*-L*/quality.json")):
        doc = json.loads(q.read_text())
        r2.append(doc["meanR2"])
        fid.append(doc["gradientFidelity"])
    return r2, fid


def pearson(xs, ys):
    if len(xs) < 3 or statistics.pstdev(xs) == 0 or statistics.pstdev(ys) == 0:
        return None
    mx, my = statistics.mean(xs), statistics.mean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return cov / (sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)) ** 0.5


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = Path(argv[1])
    for task_dir in sorted(p for p in out.iterdir() if p.is_dir() and p.name != "twins"):
        task = task_dir.name
        rows = []
        pat_points = []
        groups = [("analytic", "analytic", None)]
        for g in sorted(task_dir.iterdir(), key=lambda p: (p.name.split("-")[-1].zfill(8), p.name)):
            kind, _, n = g.name.partition("-")
            if kind in ("learned", "refined"):
                label = f"learned, {int(n):,} samples" + (", refined in the loop" if kind == "refined" else "")
                groups.append((g.name, label, n))
        for name, label, n in groups:
            folder = task_dir / name
            if not folder.is_dir():
                continue
            r2, fid = twin_quality(out, task, n) if n else ([], [])
            for mode in ("pat", "insilico", "ideal"):
                rs = runs(folder, mode)
                if not rs:
                    continue
                seeds = [r["config"]["seed"] for r in rs]
                rows.append(f"| {label} | {mode} | {ms([r['testPhysicalAcc'] for r in rs], 100, unit=' %')} "
                            f"| {ms([r['testModelAcc'] for r in rs], 100, unit=' %')} "
                            f"| {ms([r.get('gradientFidelity') for r in rs], digits=3)} "
                            f"| {ms(r2, digits=3)} | {ms(fid, digits=3)} | {','.join(map(str, seeds))} |")
                if mode == "pat":
                    pat_points += [(r["gradientFidelity"], r["testPhysicalAcc"]) for r in rs if r.get("gradientFidelity") is not None]
        if not rows:
            continue
        print(f"**{task}: test accuracy on the hardware, mean ± sd over seeds**\n")
        print("| twin | mode | on the hardware | on the twin | task gradient fidelity | twin R² (held out) "
              "| twin fidelity (random points) | seeds |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        print("\n".join(rows))
        r = pearson([p[0] for p in pat_points], [p[1] for p in pat_points])
        if r is not None:
            print(f"\nPAT's accuracy on the hardware against its task gradient fidelity, over its {len(pat_points)} runs: "
                  f"Pearson r = {r:.2f}.")
        print()


if __name__ == "__main__":
    main(sys.argv)
