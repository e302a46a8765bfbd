#!/usr/bin/env python3
"""Mean ± sd over runs of `pat eval --sweep` tables.

usage: sweep-table.py KNOB=V1,V2,... LABEL=RUN_DIR[,RUN_DIR...] [LABEL=RUN_DIR,...]...

Runs `./pat eval --sweep KNOB=...` on every run folder and prints one markdown table: a row per
knob value, a column per label with the test accuracy on the physical system, mean ± sample sd
over that label's runs.
"""
import statistics
import subprocess
import sys
from pathlib import Path

PAT = str(Path(__file__).resolve().parent.parent / "pat")


def sweep(run, knobs):
    out = subprocess.run([PAT, "eval", "--sweep", knobs, run], check=True, capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[1].endswith("%") and not cells[0].startswith("-"):
            rows[float(cells[0])] = float(cells[1].rstrip(" %"))  # Java may print 5.0E-4 for 0.0005
    if not rows:
        sys.exit(f"sweep-table: no table in the output of pat eval on {run}:\n{out}")
    return rows


def main(argv):
    if len(argv) < 2 or "=" not in argv[0]:
        sys.exit(__doc__)
    knobs = argv[0]
    knob, values = knobs.split("=", 1)
    groups = []
    for arg in argv[1:]:
        label, _, runs = arg.partition("=")
        if not runs:
            sys.exit(f"sweep-table: '{arg}' is not LABEL=RUN_DIR[,RUN_DIR...]")
        groups.append((label, [sweep(r, knobs) for r in runs.split(",")]))
    print(f"| {knob} | " + " | ".join(f"{label} (n = {len(rs)})" for label, rs in groups) + " |")
    print("|---|" + "---|" * len(groups))
    for v in values.split(","):
        cells = []
        for _, rs in groups:
            if any(float(v) not in r for r in rs):
                sys.exit(f"sweep-table: no row for {knob} = {v} in an eval table")
            accs = [r[float(v)] for r in rs]
            sd = statistics.stdev(accs) if len(accs) > 1 else 0.0
            cells.append(f"{statistics.mean(accs):.2f} ± {sd:.2f} %")
        print(f"| {v} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
