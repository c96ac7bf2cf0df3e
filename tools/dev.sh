#!/usr/bin/env bash
# diaglot developer entry point. Works on a fresh Debian 12 (as root, or with sudo):
#   tools/dev.sh setup   install the Debian packages the build and tests need (only what is missing)
#   tools/dev.sh build   configure and build into build/ (warnings are errors)
#   tools/dev.sh run     setup + build, then compile, check and explain with diaglot's own catalog/
#   tools/dev.sh test    setup + build + all tests, then the tests again under ASan+UBSan, and
#                        the tests of the threaded stages under ThreadSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config ccache git ca-certificates
  libicu-dev libpugixml-dev libboost-program-options-dev libgtest-dev libgmock-dev libjemalloc-dev
  libxml2-utils binutils clang-format chromium fonts-dejavu-core libpng-dev
  translate-toolkit qttools5-dev-tools)

setup() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "diaglot setup: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

jobs() { nproc 2>/dev/null || echo 2; }

configure() {  # configure DIR [cmake args...]
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja -DDIAGLOT_WERROR=ON "$@" >/dev/null
}

build() {  # build DIR [cmake args...]: every target
  configure "$@"
  cmake --build "$1" -j "$(jobs)"
}

run() {
  setup
  build build
  echo "== diaglot check catalog/en catalog/xliff"
  build/diaglot check catalog/en catalog/xliff
  echo "== diaglot compile catalog/ -> build/catalog-out/"
  build/diaglot compile catalog/en catalog/xliff --out build/catalog-out --name diaglot_messages \
    --namespace diaglot::own
  ls -l build/catalog-out
  echo "== diaglot explain DGL0401 --lang ko"
  build/diaglot explain DGL0401 --lang ko
}

format_check() {
  echo "== clang-format"
  git ls-files '*.cpp' '*.hpp' | grep -v '^tests/emit/golden/' | xargs clang-format --dry-run --Werror
}

# The suites whose tests run the worker pool, reading, the model, checks, the plan's string
# pool, emitting and formatting on several threads, and those tests (a data race there would make
# output depend on scheduling).
threaded_suites=(test_util test_read test_model test_check test_plan test_emit test_format
  test_driver)
threaded_tests='thread|parallel|for_each_range|determinism'

test_all() {
  setup
  format_check
  build build
  (cd build && ctest --output-on-failure -j "$(jobs)")
  echo "== the same tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  build build-asan -DDIAGLOT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(jobs)")
  echo "== the tests that run the compiler's stages on several threads, under ThreadSanitizer"
  configure build-tsan -DDIAGLOT_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build build-tsan -j "$(jobs)" --target "${threaded_suites[@]}"
  local suppressions=$PWD/tools/tsan.supp
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 suppressions=$suppressions" \
    ctest --output-on-failure -j "$(jobs)" -R "$threaded_tests")
}

case "${1:-}" in
  setup) setup ;;
  build) setup; build build ;;
  run) run ;;
  test) test_all ;;
  *) echo "usage: tools/dev.sh setup|build|run|test" >&2; exit 2 ;;
esac
