#!/usr/bin/env bash
# Installs what the benchmarks need on Debian 12 (as root, or with sudo): Google Benchmark, the
# peers (gettext, ICU with genrb, Qt 5 with lrelease), pugixml for the parse floor, and the
# whole-process tools (hyperfine, GNU time, valgrind, perf). Only what is missing is installed.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config python3 binutils
  libbenchmark-dev libpugixml-dev libicu-dev icu-devtools libboost-program-options-dev libjemalloc-dev
  gettext qtbase5-dev qttools5-dev-tools
  hyperfine time valgrind linux-perf)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
  echo "bench setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
