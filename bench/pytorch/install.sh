#!/usr/bin/env bash
# Installs the PyTorch side of the benchmark from Debian's packages: PyTorch 1.13 for the system
# Python, and the threaded OpenBLAS (without it Debian's torch falls back to reference BLAS).
set -euo pipefail
if /usr/bin/python3 -c "import torch" 2>/dev/null && dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
