#!/usr/bin/env bash
# What PAT buys against gradients estimated from the physical system alone (issue #12): the cost
# of one gradient vs P, the gradients' quality next to their cost, and the time to an accuracy.
#
#   jmh-benchmarks/compare-baselines.sh [OUT]       (default OUT: jmh-benchmarks/target/baselines)
#
# About 15 minutes on 2 cores (the training runs on the second core take longest). Writes to OUT: cost.{json,md,png} (JMH GradientCostBenchmark, 1 thread, with the physical calls
# and samples the counters measured and the fitted exponents), quality.{json,md,png}
# (GradientQuality) and accuracy-circle / accuracy-digits.{json,md,png} (./pat compare on the 2-D
# circle and on the 8x8 digits, toy-oscillators, pat / fd / spsa with and without common noise,
# 3 seeds, under paper-gap; the run folders stay in OUT/runs). The JMH part runs on one core while
# the training runs take the other. Settings, through the environment:
#   EPOCHS (default 5)   epochs of each training run
#   TARGET (default 0.95), DIGITS_TARGET (default 0.90)  validation accuracy of "time to accuracy"
#   FD_SIZES (default 8,16,32,64)  oscillator sizes fd is timed at (a central gradient at n = 128
#                        takes about 17,000 forwards: add 128 for the long version)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/lib.sh"

out="$(mkdir -p "${1:-$here/target/baselines}" && cd "${1:-$here/target/baselines}" && pwd)"
epochs="${EPOCHS:-5}"
target="${TARGET:-0.95}"
digits_target="${DIGITS_TARGET:-0.90}"
fd_sizes="${FD_SIZES:-8,16,32,64}"
java=("$JDK/bin/java" --add-modules jdk.incubator.vector)
echo "compare-baselines: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# time to accuracy, in the background on the second core
(
  cd "$root"
  for task in circle digits; do
    for spec in "pat,spsa,fd|" "spsa,fd|--common-noise"; do
      modes="${spec%%|*}"; extra="${spec#*|}"
      # shellcheck disable=SC2086
      PAT_JAVA_OPTS="-Dpat.threads=1" ./pat compare --dataset "$task" --modes "$modes" --seeds 1,2,3 --epochs "$epochs" \
        --apparatus perSample=0.1 $extra --no-progress --out "$out/runs/$task${extra:+-crn}" >> "$out/runs-log.txt" 2>&1
    done
  done
) &
train_pid=$!

counts="$out/cost-counts.jsonl"
rm -f "$counts"
jmh=(-jar "$jar" GradientCostBenchmark -wi 5 -w 1s -i 3 -r 500ms -f 1 -jvmArgsAppend "-Dpat.bench.counts=$counts" -rf json)
"${java[@]}" "${jmh[@]}" -rff "$out/cost-osc.json" -p system=oscillators -p n=8,16,32,64,128,196 \
  -p method=pat,ideal,spsa-1,spsa-10 > "$out/jmh-log.txt" 2>&1
"${java[@]}" "${jmh[@]}" -rff "$out/cost-fd.json" -p system=oscillators -p n="$fd_sizes" \
  -p method=fd-forward,fd-central >> "$out/jmh-log.txt" 2>&1
"${java[@]}" "${jmh[@]}" -rff "$out/cost-shg.json" -p system=shg -p n=8,32,128 \
  -p method=pat,ideal,fd-forward,fd-central,spsa-1,spsa-10 >> "$out/jmh-log.txt" 2>&1
"${java[@]}" -cp "$jar" -Dpat.threads=1 org.patengine.bench.baselines.GradientQuality "$out" > "$out/quality-log.txt" 2>&1

"${java[@]}" -cp "$jar" org.patengine.bench.baselines.BaselineReport cost "$counts" "$out" "$out/cost-osc.json" "$out/cost-fd.json" "$out/cost-shg.json"
wait "$train_pid" || { echo "compare-baselines: a training run failed; see $out/runs-log.txt" >&2; exit 1; }
"${java[@]}" -cp "$jar" org.patengine.bench.baselines.BaselineReport accuracy "$target" "$out" accuracy-circle "$out/runs/circle" "$out/runs/circle-crn"
"${java[@]}" -cp "$jar" org.patengine.bench.baselines.BaselineReport accuracy "$digits_target" "$out" accuracy-digits "$out/runs/digits" "$out/runs/digits-crn"
cat "$out/quality.md"
echo "compare-baselines: tables and plots in $out" >&2
