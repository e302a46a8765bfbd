#!/usr/bin/env bash
# Installs the OpenCL runtime for the CPU (Debian's PoCL and the ICD loader) when it is missing.
# Idempotent: does nothing when both packages are already installed.
set -euo pipefail
need=()
for p in ocl-icd-libopencl1 pocl-opencl-icd; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "install-opencl: ocl-icd-libopencl1 and pocl-opencl-icd already installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-opencl: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
