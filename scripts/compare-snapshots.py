#!/usr/bin/env python3
"""Compares two snapshots written by scripts/snapshot.sh: checkpoints byte for byte, metrics, summaries, configs
and tables with their timing fields removed ("system" is ignored: config.json gained it in issue 9), and the
logs with timings masked. Prints each difference and exits 1 when there is any.
    scripts/compare-snapshots.py BEFORE_DIR AFTER_DIR
"""
import json, sys, os, hashlib, re
a, b = sys.argv[1], sys.argv[2]
TIME = {"samplesPerSecond", "epochSeconds", "meanEpochSeconds", "runDir", "seconds", "wallSeconds"}
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in TIME and not (k == "system")}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o
bad = 0; n = 0
for root, _, files in os.walk(os.path.join(a, "runs")):
    for f in files:
        pa = os.path.join(root, f); rel = os.path.relpath(pa, a); pb = os.path.join(b, rel)
        if not os.path.exists(pb):
            print("MISSING", rel); bad += 1; continue
        if f.endswith(".bin"):
            n += 1
            if open(pa, "rb").read() != open(pb, "rb").read():
                print("DIFF", rel); bad += 1
        elif f.endswith(".jsonl"):
            n += 1
            la = [strip(json.loads(l)) for l in open(pa)]; lb = [strip(json.loads(l)) for l in open(pb)]
            if la != lb: print("DIFF", rel); bad += 1
        elif f in ("summary.json", "config.json"):
            n += 1
            if strip(json.load(open(pa))) != strip(json.load(open(pb))): print("DIFF", rel); bad += 1
        elif f == "metrics.csv" or f == "table.md":
            n += 1
            ta = open(pa).read(); tb = open(pb).read()
            if f == "metrics.csv" or f == "table.md":
                # drop timing columns: compare all but the last 2 csv columns / s/epoch column
                def norm(t):
                    out = []
                    for line in t.splitlines():
                        cells = line.split(",") if f == "metrics.csv" else line.split("|")
                        out.append(cells[:-2] if f == "metrics.csv" else cells[:-2])
                    return out
                if norm(ta) != norm(tb): print("DIFF", rel); bad += 1
def logs(d):
    out = {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".log"):
            t = open(os.path.join(d, f)).read().replace("\r", "\n")
            lines = [l for l in t.split("\n") if "samples/s" not in l and "s/epoch" not in l and "seconds" not in l]
            lines = [re.sub(r"\| [\d.]+ \|$", "| T |", re.sub(r"\d+\.\d+ s(/epoch)?", "T", l)) for l in lines]
            lines = [l.replace(a, "X").replace(b, "X") for l in lines]
            out[f] = lines
    return out
la, lb = logs(a), logs(b)
for f in la:
    n += 1
    if la[f] != lb.get(f):
        bad += 1; print("LOG DIFF", f)
        import difflib
        for d in list(difflib.unified_diff(la[f], lb.get(f, []), lineterm=""))[:12]: print("   ", d)
print(f"{n} files compared, {bad} differ")
sys.exit(1 if bad else 0)
