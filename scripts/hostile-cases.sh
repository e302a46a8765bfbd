#!/usr/bin/env bash
# Tries the pat command line with bad inputs and faults, as a hostile user would, and prints a
# Markdown table: case -> exit code -> the first line of the error (or the outcome).
#   scripts/hostile-cases.sh > docs/results/hostile-cases.md
# Runs in a scratch folder; needs the engine built (./pat builds it). About 80 s. Run it in the foreground:
# a shell that starts it in the background makes it ignore SIGINT, and with it the SIGINT case.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pat="$here/pat"
w="$(mktemp -d)"; trap 'rm -rf "$w"' EXIT
cd "$w"
n=0
"$pat" --version >/dev/null 2>&1 || { echo "hostile-cases: ./pat --version failed: build the engine first" >&2; exit 1; }

# one row: the case, the exit code, and the first line of stderr that is not the JVM's incubator warning
row() {
  local what="$1" code="$2" msg="$3"
  n=$((n + 1))
  msg="${msg//|/\\|}"
  printf '| %d | %s | %s | %s |\n' "$n" "$what" "$code" "${msg:0:240}"
}

# try DESCRIPTION ARGS...: runs pat ARGS, records exit code and first error line
try() {
  local what="$1"; shift
  "$pat" "$@" >"$w/out" 2>"$w/err"
  local code=$?
  local msg
  msg="$(grep -v -e '^WARNING: Using incubator' -e '^epoch ' -e '^pat: building' "$w/err" | grep -v '^\s*$' | head -1)"
  [ -z "$msg" ] && msg="(no error) $(tail -1 "$w/out")"
  row "$what" "$code" "$msg"
}

# with PROPS DESCRIPTION ARGS...: the same with PAT_JAVA_OPTS
with() {
  local props="$1"; shift
  PAT_JAVA_OPTS="$props" try "$@"
}

echo "| # | case | exit | message |"
echo "|---|---|---|---|"

# --- data
mkdir -p idx/mnist
try "MNIST from a folder that does not exist" train --dataset mnist --data "$w/nowhere" --out r1
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  head -c 1000 /dev/urandom > "idx/mnist/$f"
done
try "MNIST IDX file of random bytes" train --dataset mnist --data "$w/idx" --out r2
printf 'vowel,F1steady_state,F2steady_state,F3steady_state,F120%%,F220%%,F320%%,F150%%,F250%%,F350%%,F180%%,F280%%,F380%%\nae,700,abc,1,1,1,1,1,1,1,1,1,1\n' > bad.csv
try "vowel CSV with a word where a number belongs" train --dataset vowels --data bad.csv --out r3
: > empty.csv
try "empty vowel CSV" train --dataset vowels --data empty.csv --out r4
head -c 500 /dev/urandom > Vowel.rda
try "Deterding file of random bytes" train --dataset deterding --data Vowel.rda --out r5
try "unknown dataset" train --dataset cifar --out r6

# --- options
try "--epochs 0" train --dataset circle --epochs 0 --out r7
try "--epochs -3" train --dataset circle --epochs -3 --out r8
try "--epochs 2.5" train --dataset circle --epochs 2.5 --out r8b
try "--batch 0" train --dataset circle --batch 0 --out r9
try "--lr -1" train --dataset circle --lr -1 --out r10
try "--lr NaN" train --dataset circle --lr NaN --out r11
try "--validation larger than the training set" train --dataset circle --validation 5000 --out r12
try "--train-samples -1" train --dataset circle --train-samples -1 --out r13
try "--train-samples more than there are" train --dataset circle --train-samples 9999 --out r13b
try "--test-samples more than there are" train --dataset circle --test-samples 9999 --out r13c
try "--mode bogus" train --dataset circle --mode bogus --out r14
try "--optimizer rmsprop" train --dataset circle --optimizer rmsprop --out r15
try "--preset bogus" train --dataset circle --preset bogus --out r16
try "--hardware with an unknown knob" train --dataset circle --hardware foo=1 --out r17
try "--hardware with a negative noise" train --dataset circle --hardware shotNoise=-1 --out r18
try "--hardware without a value" train --dataset circle --hardware readoutNoise --out r19
try "an oscillator network on the SHG system" train --dataset mnist --system shg --architecture mnist-oscillators --out r20
try "--depth on a fixed-depth network" train --dataset circle --depth 3 --out r21
try "--depth 0" train --dataset vowels --depth 0 --out r22
try "--backend cuda" train --dataset circle --backend cuda --out r23
try "--lr without its value" train --dataset circle --lr
try "a misspelt option" train --datset circle
try "compare with a mode twice" compare --dataset circle --modes pat,pat --out c1
try "compare --depths 0,1" compare --dataset vowels --depths 0,1 --out c1b
try "compare with a seed that is not a number" compare --dataset circle --seeds 1,x --out c2
try "compare with train's --mode" compare --dataset circle --mode reservoir --out c3
try "--device-box sometimes" train --dataset circle --device-box sometimes --out r24

# --- experiment files
printf '{"dataset": "circle", "epochs": 1.7}\n' > frac.json
try "experiment file: epochs 1.7" train --config frac.json --out e1
printf '{"dataset": "circle", "epoch": 3}\n' > typo.json
try "experiment file: a misspelt field" train --config typo.json --out e2
printf 'dataset: circle\n\tepochs: 3\n' > tab.yaml
try "experiment file: YAML indented with a tab" train --config tab.yaml --out e3
try "experiment file that does not exist" train --config nothere.json --out e4
printf '{"dataset": 5}\n' > num.json
try "experiment file: dataset given as a number" train --config num.json --out e5
printf '{"dataset": "circle", "lr": 0.1' > cut.json
try "experiment file cut short" train --config cut.json --out e6

# --- run folders
"$pat" train --dataset circle --epochs 2 --out run >/dev/null 2>&1
try "train into a finished run's folder with other options" train --dataset circle --epochs 2 --seed 7 --out run
try "--resume of a folder that does not exist" train --resume nothere
cp -r run broken && head -c 100 run/checkpoint.bin > broken/checkpoint.bin
try "--resume with a truncated checkpoint" train --resume broken --epochs 3
cp -r run badcfg && echo '{"dataset": "circle", "epochs": ' > badcfg/config.json
try "--resume with a corrupt config.json" train --resume badcfg
try "--resume with fewer epochs than trained" train --resume run --epochs 1
try "--resume with --lr" train --resume run --lr 0.5
cp -r run nobest && rm nobest/best.bin
try "eval --checkpoint best without best.bin" eval nobest --checkpoint best
try "eval --checkpoint bogus" eval run --checkpoint bogus
touch afile
try "--out below a regular file" train --dataset circle --epochs 1 --out afile/run
"$pat" train --dataset circle --epochs 30 --out twice >/dev/null 2>&1 &
first=$!
for _ in $(seq 1 100); do [ -f twice/.lock ] && [ -f twice/config.json ] && break; sleep 0.1; done
try "a second train into a folder in use" train --dataset circle --epochs 30 --seed 2 --out twice
wait "$first"

# --- signals
"$pat" train --dataset quadrants --epochs 40 --out killed >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ "$(ls killed/metrics.jsonl 2>/dev/null)" ] && break; sleep 0.1; done
sleep 1; pkill -9 -P "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
try "kill -9 mid-run, then --resume" train --resume killed
for sig in INT TERM; do
  set -m # a job of its own, as from a terminal: a script's background jobs otherwise ignore SIGINT
  "$pat" train --dataset quadrants --epochs 40 --out "sig$sig" >/dev/null 2>"$w/sigerr" &
  pid=$!
  set +m
  for _ in $(seq 1 200); do [ "$(ls "sig$sig"/metrics.jsonl 2>/dev/null)" ] && break; sleep 0.1; done
  sleep 1; kill -"$sig" "$pid"; wait "$pid"; code=$?
  row "SIG$sig mid-run" "$code" "epochs recorded: $(wc -l < "sig$sig"/metrics.jsonl); folder: $(ls -A "sig$sig" | tr '\n' ' ')"
  try "... then --resume" train --resume "sig$sig"
done

# --- backends and properties
with "-Dpat.threads=abc" "-Dpat.threads=abc" selfcheck
with "-Dpat.backend=bogus" "-Dpat.backend=bogus" train --dataset circle --out p1
with "-Dpat.backend=opencl" "-Dpat.backend=opencl with --backend simd" train --dataset circle --backend simd --out p2
with "-Dpat.vectorBitSize=1024" "-Dpat.vectorBitSize=1024" selfcheck
with "-Dpat.opencl.device=9:9" "-Dpat.opencl.device=9:9" train --dataset circle --backend opencl --out p3
with "-Dpat.progress=maybe" "-Dpat.progress=maybe" train --dataset circle --out p4
# every failing case above named an --out of r1, e1, c1, p1 and the like, and each of them failed: none may have left a folder
left="$(ls -d r[0-9]*/ e[0-9]*/ c[0-9]*/ p[0-9]*/ 2>/dev/null | tr '\n' ' ')"
row "folders left behind by the failed cases" "-" "${left:-none}"
