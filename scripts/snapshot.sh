#!/usr/bin/env bash
# Records the outputs of a fixed set of seeded runs with one engine jar, so that a refactoring can be shown to
# change nothing: run it with the jar before and after, then compare with scripts/compare-snapshots.py.
#   scripts/snapshot.sh JAR OUTDIR        (about 25 minutes on one core; MNIST and Fashion-MNIST must be fetched:
#                                          scripts/fetch-data.sh mnist; scripts/fetch-data.sh fashion-mnist)
# Covers every mode on scalar and simd, the toy and Fashion-MNIST architectures, eval --sweep and the main job.
set -u
JAR=${1:?usage: snapshot.sh JAR OUTDIR}; OUT=${2:?usage: snapshot.sh JAR OUTDIR}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK=${PAT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
J=("$JDK/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dpat.home="$here"
   -XX:+UseParallelGC -Dpat.threads=1 -jar "$JAR")
for b in scalar simd; do
  for m in pat insilico ideal reservoir fd spsa; do
    d="$OUT/runs/$b-$m"
    if [ "$m" = fd ]; then  # O(P) forwards per step: the toy network
      "${J[@]}" train --dataset circle --validation 400 --epochs 2 --mode fd --backend $b --preset paper-gap --seed 3 --out "$d" > "$OUT/$b-$m.log" 2>&1
    else
      ts=2000; [ "$m" = spsa ] && ts=500
      "${J[@]}" train --dataset mnist --train-samples $ts --test-samples 1000 --epochs 2 --mode $m --backend $b --preset paper-gap --seed 3 --out "$d" > "$OUT/$b-$m.log" 2>&1
    fi
    echo "$b $m rc=$?" >> "$OUT/rc.txt"
  done
done
"${J[@]}" train --dataset circle --epochs 3 --mode pat --backend simd --seed 2 --validation 400 --out "$OUT/runs/circle" > "$OUT/circle.log" 2>&1
"${J[@]}" train --dataset fashion-mnist --train-samples 300 --test-samples 200 --validation 100 --epochs 1 --mode pat --backend simd --seed 1 --out "$OUT/runs/fashion" > "$OUT/fashion.log" 2>&1
"${J[@]}" eval "$OUT/runs/simd-pat" --sweep actuationNoise=0,0.05 > "$OUT/eval-sweep.log" 2>&1
"${J[@]}" compare --dataset mnist --preset paper-gap --modes pat,insilico --epochs 3 --train-samples 10000 --lr 0.01 --out "$OUT/runs/main" > "$OUT/main.log" 2>&1
echo "main rc=$?" >> "$OUT/rc.txt"
