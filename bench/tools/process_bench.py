#!/usr/bin/env python3
"""Whole-process benchmarks (bench/README.md), measured with hyperfine and GNU time:

  process_bench.py first-lookup BUILD RESULTS   time to first lookup in a fresh process
  process_bench.py throughput BUILD RESULTS     compiling the whole corpus, peak memory, outputs
  process_bench.py codegen BUILD RESULTS        g++ -O2 on the generated .cpp against string floors;
                                                table bytes in the object

BUILD is the CMake build directory (with -DDIAGLOT_BENCH=ON), RESULTS where <name>.json goes.
BENCH_ROUNDS (default 3) rounds of hyperfine, each with its own runs; a figure is the median of
all runs, its range the lowest and highest round median.
"""
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def hyperfine(commands, runs, warmup, prepare=None, env=None, shell=False):
    """commands: [(name, command)]. Returns {name: {"median", "min_round", "max_round", "runs"}}."""
    times = {name: [] for name, _ in commands}
    medians = {name: [] for name, _ in commands}
    for r in range(ROUNDS):
        out = f"/tmp/diaglot-bench-hyperfine-{os.getpid()}.json"
        args = ["hyperfine", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", out]
        if not shell:
            args.append("-N")
        for name, cmd in commands:
            args += ["-n", name]
            if prepare:
                args += ["--prepare", prepare.get(name, "true")]
        args += [cmd for _, cmd in commands]
        subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
        with open(out) as f:
            data = json.load(f)
        os.remove(out)
        for res in data["results"]:
            times[res["command"]] += res["times"]
            medians[res["command"]].append(res["median"])
    return {name: {"median": statistics.median(times[name]), "min_round": min(medians[name]),
                   "max_round": max(medians[name]), "runs": len(times[name])}
            for name, _ in commands}


def peak_rss_kb(cmd, env=None):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", "bash", "-c", cmd + " >/dev/null"],
                       check=True, env=env, stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1])


def dir_bytes(pattern):
    return sum(os.path.getsize(p) for p in glob.glob(pattern, recursive=True))


def write(results, name, value):
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, name + ".json"), "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    print(json.dumps(value, indent=2))


def first_lookup(build, results):
    b = os.path.join(build, "bench")
    names = ["empty", "empty_cxx", "diaglot", "gettext", "icu", "qt"]
    commands = [(n, os.path.join(b, "first_lookup_" + n)) for n in names
                if os.path.exists(os.path.join(b, "first_lookup_" + n))]
    env = dict(os.environ, LANGUAGE="de", LC_ALL="C.UTF-8")
    for name, cmd in commands:  # each answers, and answers in German
        out = subprocess.run([cmd], env=env, check=True, capture_output=True, text=True).stdout
        if out != ("" if name.startswith("empty") else 'Aktion "{0}" verarbeiten.'):
            sys.exit(f"process_bench: first_lookup_{name} answers {out!r}")
    write(results, "first_lookup", hyperfine(commands, runs=300, warmup=30, env=env))


def throughput(build, results):
    data = os.path.join(build, "bench", "data")
    work = os.path.join(build, "bench", "work")
    diaglot = os.path.join(build, "diaglot")
    per_set = os.path.join(data, "per-set")
    out = {k: os.path.join(work, k) for k in ("diaglot", "mo", "res")}
    msgfmt = (f'for f in {per_set}/po/*/*.po; do s=${{f%/*}}; s=${{s##*/}}; '
              f'msgfmt -o {out["mo"]}/$s.$(basename $f .po).mo $f || exit 1; done')
    genrb = (f'for d in {per_set}/icu/*/; do s=$(basename $d); mkdir -p {out["res"]}/$s; '
             f'genrb -q -d {out["res"]}/$s $d*.txt >/dev/null || exit 1; done')
    lrelease = f"lrelease -silent {per_set}/ts/*.ts"
    commands = [
        ("diaglot", f"{diaglot} compile {data}/xliff --out {out['diaglot']} --name wcf"),
        ("msgfmt", msgfmt),
        ("genrb", genrb),
        ("lrelease", lrelease),
        ("pugixml_parse", f"{build}/bench/pugixml_parse {data}/xliff"),
    ]
    prepare = {
        "diaglot": f"rm -rf {out['diaglot']}",
        "msgfmt": f"rm -rf {out['mo']} && mkdir -p {out['mo']}",
        "genrb": f"rm -rf {out['res']}",
        "lrelease": f"rm -f {per_set}/ts/*.qm",
    }
    for name, cmd in commands:
        subprocess.run(["bash", "-c", prepare.get(name, "true") + " && " + cmd], check=True,
                       stdout=subprocess.DEVNULL)
    input_bytes = dir_bytes(f"{data}/xliff/**/*.xlf")
    sizes = {
        "xliff_input": input_bytes,
        "po_input": dir_bytes(f"{per_set}/po/**/*.po"),
        "icu_input": dir_bytes(f"{per_set}/icu/**/*.txt"),
        "ts_input": dir_bytes(f"{per_set}/ts/*.ts"),
        "diaglot_cpp": os.path.getsize(f"{out['diaglot']}/wcf.cpp"),
        "diaglot_hpp": os.path.getsize(f"{out['diaglot']}/wcf.hpp"),
        "mo": dir_bytes(f"{out['mo']}/*.mo"),
        "res": dir_bytes(f"{out['res']}/**/*.res"),
        "qm": dir_bytes(f"{per_set}/ts/*.qm"),
        "files": {"mo": len(glob.glob(f"{out['mo']}/*.mo")),
                  "res": len(glob.glob(f"{out['res']}/**/*.res", recursive=True)),
                  "qm": len(glob.glob(f"{per_set}/ts/*.qm"))},
    }
    peak = {name: peak_rss_kb(cmd) for name, cmd in commands}
    timing = hyperfine(commands, runs=int(os.environ.get("BENCH_COMPILE_RUNS", "5")), warmup=1,
                       prepare=prepare, shell=True)
    write(results, "throughput", {"time_s": timing, "peak_rss_kb": peak, "bytes": sizes})


def section_bytes(obj):
    """Bytes of read-only data in an object: .rodata* and .data.rel.ro* sections."""
    r = subprocess.run(["size", "-A", obj], check=True, capture_output=True, text=True).stdout
    total = 0
    for line in r.splitlines():
        parts = line.split()
        if len(parts) >= 2 and (parts[0].startswith(".rodata") or parts[0].startswith(".data.rel.ro")):
            total += int(parts[1])
    return total


def codegen(build, results):
    work = os.path.join(build, "bench", "work")
    gen = os.path.join(work, "diaglot", "wcf.cpp")
    if not os.path.exists(gen):
        sys.exit("process_bench: run `throughput` first (it generates the corpus table)")
    floors = os.path.join(work, "floors")
    here = os.path.dirname(os.path.abspath(__file__))
    pool = int(subprocess.run([sys.executable, os.path.join(here, "string_floor.py"), gen, floors],
                              check=True, capture_output=True, text=True).stdout)
    include = os.path.join(os.path.dirname(os.path.dirname(here)), "include")
    cxx = os.environ.get("CXX", "g++")
    objs = {"generated": (gen, os.path.join(work, "wcf.o")),
            "floor_raw": (os.path.join(floors, "floor_raw.cpp"), os.path.join(work, "floor_raw.o")),
            "floor_escaped": (os.path.join(floors, "floor_escaped.cpp"),
                              os.path.join(work, "floor_escaped.o"))}
    commands = [(name, f"{cxx} -O2 -std=c++17 -I{include} -c {src} -o {obj}")
                for name, (src, obj) in objs.items()]
    peak = {name: peak_rss_kb(cmd) for name, cmd in commands}
    timing = hyperfine(commands, runs=int(os.environ.get("BENCH_CODEGEN_RUNS", "5")), warmup=1)
    with open(os.path.join(build, "bench", "data", "stats.json")) as f:
        stats = json.load(f)
    with open(os.path.join(results, "throughput.json")) as f:
        sizes = json.load(f)["bytes"]
    table = section_bytes(objs["generated"][1])
    write(results, "codegen", {
        "time_s": timing, "peak_rss_kb": peak,
        "bytes": {"table_in_object": table, "pool": pool, "arrays_and_struct": table - pool,
                  "raw_text": stats["raw_text_bytes"], "generated_cpp": os.path.getsize(gen),
                  "floor_raw_cpp": os.path.getsize(objs["floor_raw"][0]),
                  "floor_escaped_cpp": os.path.getsize(objs["floor_escaped"][0]),
                  "mo": sizes["mo"], "res": sizes["res"], "qm": sizes["qm"]}})


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cmd, build, results = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    for tool in ("hyperfine", "/usr/bin/time"):
        if shutil.which(tool) is None:
            sys.exit(f"process_bench: {tool} is missing (bench/setup.sh installs it)")
    {"first-lookup": first_lookup, "throughput": throughput, "codegen": codegen}[cmd](build, results)


if __name__ == "__main__":
    main()
