#!/usr/bin/env bash
# Runs the diaglot benchmarks and rewrites the results section of bench/README.md.
#
#   bash bench/run.sh              setup, build, every benchmark, then the report
#   bash bench/run.sh PART...      only those parts (after a build): build lookup callgrind
#                                  first-lookup throughput codegen scale report
#
# Environment: BENCH_BUILD build directory (default: build-bench in the source tree);
# BENCH_REPS repetitions of each lookup case (default 10); BENCH_ROUNDS hyperfine rounds (3);
# BENCH_SCALE_SIZES (1000,10000,100000) and BENCH_SCALE_MEM_GB (18, an address-space cap) for the
# synthetic catalogs; BENCH_SKIP_SETUP=1 to skip installing packages; DIAGLOT_BENCH_CORPUS to
# point at wcf-xliff/ when ../shared is elsewhere.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-$root/build-bench}
results=$build/bench/results
tools=$root/bench/tools
reps=${BENCH_REPS:-10}

parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  parts=(setup build lookup callgrind first-lookup throughput codegen scale report)
fi

for part in "${parts[@]}"; do
  echo "== bench: $part"
  case "$part" in
    setup)
      [ "${BENCH_SKIP_SETUP:-0}" = 1 ] || bash "$root/bench/setup.sh"
      ;;
    build)
      extra=()
      [ -z "${DIAGLOT_BENCH_CORPUS:-}" ] || extra+=(-DDIAGLOT_BENCH_CORPUS="$DIAGLOT_BENCH_CORPUS")
      cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDIAGLOT_BENCH=ON \
        -DDIAGLOT_TESTS=OFF "${extra[@]}" >/dev/null
      cmake --build "$build" --target bench_all -j "$(nproc 2>/dev/null || echo 2)"
      mkdir -p "$results"
      python3 "$tools/process_bench.py" machine "$build" "$results" >/dev/null
      ;;
    lookup)
      mkdir -p "$results"
      "$build/bench/lookup_bench" --benchmark_repetitions="$reps" \
        --benchmark_enable_random_interleaving=true --benchmark_min_time=0.2 \
        --benchmark_out="$results/lookup.json" --benchmark_out_format=json \
        --benchmark_display_aggregates_only=true
      ;;
    callgrind | first-lookup | throughput | codegen | scale)
      python3 "$tools/process_bench.py" "$part" "$build" "$results"
      ;;
    report)
      python3 "$tools/report.py" "$results" "$root/bench/README.md"
      echo "bench: results written to bench/README.md"
      ;;
    *)
      echo "bench/run.sh: unknown part $part" >&2
      exit 2
      ;;
  esac
done
