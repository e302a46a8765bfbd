#!/usr/bin/env bash
# pat-engine's PAT training step side by side with the PyTorch peer (shared/peers), on this machine:
# TrainingStepBenchmark (MNIST oscillator network, paper-gap, pat and insilico, batch 32 and 256)
# on 1 thread and on 2, each JMH run with its own FMA peak, then the peer at 1 and at 2 threads,
# then one table (org.patengine.bench.PeerRatio) with samples/s, % of the peak and × the peer's best.
#
#   jmh-benchmarks/compare-peer.sh [OUT]        (default OUT: jmh-benchmarks/target/peer)
#
# About 8 minutes on 2 cores; nothing else should run meanwhile (check the load it prints). The peer
# script installs Debian's PyTorch and OpenBLAS when they are missing (root, apt). PEER overrides the
# peer script's path (default: ../shared/peers/run-pytorch-peer.sh beside the repository).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/lib.sh"

out="$(mkdir -p "${1:-$here/target/peer}" && cd "${1:-$here/target/peer}" && pwd)"
peer="${PEER:-$root/../shared/peers/run-pytorch-peer.sh}"
[ -x "$peer" ] || [ -f "$peer" ] || { echo "compare-peer: no peer script at $peer (set PEER)" >&2; exit 1; }
java=("$JDK/bin/java" --add-modules jdk.incubator.vector)
if grep -q avx512f /proc/cpuinfo; then lanes="AVX-512, 16 float lanes"; elif grep -q avx2 /proc/cpuinfo; then lanes="AVX2, 8 float lanes"; else lanes="no AVX2"; fi
cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p'), $(nproc) cores, $lanes"
echo "compare-peer: $cpu; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for t in 1 2; do
  "${java[@]}" -jar "$jar" 'TrainingStepBenchmark.step' PeakFlopsBenchmark -p mode=pat,insilico -p batch=32,256 \
    -jvmArgsAppend "-Dpat.threads=$t" -wi 3 -w 2 -i 5 -r 2 -f 1 -rf json -rff "$out/jmh-$t.json" > "$out/jmh-$t.log" 2>&1
done
for t in 1 2; do
  bash "$peer" "$t" > "$out/peer-$t.json" 2> "$out/peer-$t.log"
done
echo "compare-peer: load after $(cut -d' ' -f1-3 /proc/loadavg)" >&2
{
  echo "$cpu; $(date -u +%Y-%m-%d)."
  echo
  "${java[@]}" -cp "$jar" org.patengine.bench.PeerRatio "$out/jmh-1.json" "$out/jmh-2.json" "$out/peer-1.json" "$out/peer-2.json"
} | tee "$out/table.md"
