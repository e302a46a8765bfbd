#!/usr/bin/env bash
# Learned twins against the analytic one (issue #13): for each task and seed, twins fitted to the
# seed's own hardware from 2,000 and 20,000 samples (pat twin fit), then PAT and in-silico training
# with each twin, PAT with each twin refined in the loop (--twin-refine), and PAT, in silico and
# ideal with the analytic twin; finally one table (scripts/twin-study-table.py) with test accuracy on
# the hardware, the twins' held-out R² and fidelity, and the task gradient fidelity of every run.
#
#   scripts/twin-study.sh [OUT]        (default OUT: runs/twin-study)
#
# Settings, through the environment: SEEDS (default 1,2,3), TASKS (default "vowels circle"),
# SIZES (default "2000 20000"), REFINE (passes, default 2). Every step is skipped when its output
# exists (compare reuses finished runs and resumes a cut one), so a killed study is rerun as it was.
# About 35 minutes on one core of this 2-core machine for the defaults.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/runs/twin-study}" && cd "${1:-$root/runs/twin-study}" && pwd)"
seeds="${SEEDS:-1,2,3}"
tasks="${TASKS:-vowels circle}"
sizes="${SIZES:-2000 20000}"
refine="${REFINE:-2}"
pat="$root/pat"
cd "$root"

for task in $tasks; do
  case "$task" in
    # vowels-shg: one SHG layer, 50 data + 50 theta channels read in one bin per class (7)
    vowels) sys=shg; layers=1; fit_args=(--inputs 50 --outputs 7) ;;
    # toy-oscillators: two layers of 16; the encoder feeds the first about +-2
    circle) sys=oscillators; layers=2; fit_args=(--inputs 16 --input-range -2.5,2.5) ;;
    *) echo "twin-study: no twin settings for task $task (vowels, circle)" >&2; exit 2 ;;
  esac
  for n in $sizes; do
    for s in ${seeds//,/ }; do
      for l in $(seq 1 "$layers"); do
        dir="$out/twins/$task-$n-s$s-L$l"
        [ -f "$dir/twin.json" ] && continue
        echo "twin-study: fitting $dir" >&2
        "$pat" twin fit --system "$sys" "${fit_args[@]}" --samples "$n" --seed "$s" --layer "$l" --out "$dir" > /dev/null
      done
    done
  done
  twins() { local n=$1 files=() l; for l in $(seq 1 "$layers"); do files+=("$out/twins/$task-$n-s{seed}-L$l/twin.json"); done
            (IFS=,; echo "${files[*]}"); }
  "$pat" compare --dataset "$task" --modes pat,insilico,ideal --seeds "$seeds" --no-progress --out "$out/$task/analytic" > /dev/null
  for n in $sizes; do
    "$pat" compare --dataset "$task" --modes pat,insilico --seeds "$seeds" --twin "$(twins "$n")" --no-progress \
      --out "$out/$task/learned-$n" > /dev/null
    "$pat" compare --dataset "$task" --modes pat --seeds "$seeds" --twin "$(twins "$n")" --twin-refine "$refine" --no-progress \
      --out "$out/$task/refined-$n" > /dev/null
  done
done
python3 "$root/scripts/twin-study-table.py" "$out" | tee "$out/table.md"
