#!/usr/bin/env python3
"""Whole-process benchmarks (bench/README.md), measured with hyperfine and GNU time:

  process_bench.py first-lookup BUILD RESULTS   time to first lookup in a fresh process
  process_bench.py throughput BUILD RESULTS     compiling the whole corpus, peak memory, outputs
  process_bench.py codegen BUILD RESULTS        g++ -O2 on the generated .cpp against string floors;
                                                table bytes in the object
  process_bench.py scale BUILD RESULTS          synthetic catalogs (BENCH_SCALE_SIZES messages x 40
                                                locales): compile, generated code, lookups
  process_bench.py callgrind BUILD RESULTS      instructions per lookup (noise-free), de cases
  process_bench.py machine BUILD RESULTS        what the figures were measured on

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
    cpu = {name: [] for name, _ in commands}  # user + system, mean of each round
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
            cpu[res["command"]].append(res["user"] + res["system"])
    return {name: {"median": statistics.median(times[name]), "min_round": min(medians[name]),
                   "max_round": max(medians[name]), "runs": len(times[name]),
                   "cpu": statistics.median(cpu[name])}
            for name, _ in commands}


def peak_rss_kb(cmd, env=None):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", "bash", "-c", cmd + " >/dev/null"],
                       check=True, env=env, stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1])


def compile_help(diaglot):
    """`diaglot compile --help`, to know which options this build has."""
    return subprocess.run([diaglot, "compile", "--help"], capture_output=True, text=True).stdout


def read_timings(path):
    """The file `diaglot compile --timings` wrote, as {stage: its costs}, "total" included;
    removed once read."""
    with open(path) as f:
        data = json.load(f)
    os.remove(path)
    return {s["stage"]: s for s in data["stages"] + [data["total"]]}


def stage_timings(cmd, runs):
    """Runs `cmd` (a diaglot compile, as a list) `runs` times with --timings; per stage (and
    "total"), the median and range of its wall and CPU time, and the median of its page faults
    and of the peak memory at its end."""
    path = f"/tmp/diaglot-bench-timings-{os.getpid()}.json"
    samples = []
    for _ in range(runs):
        subprocess.run(cmd + ["--timings", path], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        samples.append(read_timings(path))
    out = {}
    for stage in samples[0]:
        walls = [s[stage]["wall_ms"] for s in samples]
        out[stage] = {"wall_ms": statistics.median(walls), "wall_min": min(walls),
                      "wall_max": max(walls),
                      "cpu_ms": statistics.median(s[stage]["cpu_ms"] for s in samples),
                      "page_faults": statistics.median(s[stage]["page_faults"] for s in samples),
                      "peak_rss_kb": statistics.median(s[stage]["peak_rss_kb"] for s in samples),
                      "runs": len(samples)}
    return out


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
        ("extract_floor", f"{build}/bench/pugixml_parse --extract {data}/xliff"),
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
    # Peak RSS of one run varies with how the threads were scheduled (what is freed on another
    # thread before the next phase allocates): the median of five runs, with the range.
    peak_runs = {name: sorted(peak_rss_kb(cmd) for _ in range(5)) for name, cmd in commands}
    peak = {name: statistics.median(runs) for name, runs in peak_runs.items()}
    timing = hyperfine(commands, runs=int(os.environ.get("BENCH_COMPILE_RUNS", "5")), warmup=1,
                       prepare=prepare, shell=True)
    stages = None
    if "--timings" in compile_help(diaglot):
        stages = stage_timings([diaglot, "compile", f"{data}/xliff", "--out", out["diaglot"],
                                "--name", "wcf"], runs=9)
    write(results, "throughput", {"time_s": timing, "peak_rss_kb": peak,
                                  "peak_rss_kb_runs": peak_runs, "bytes": sizes,
                                  "stages": stages})


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


def run_limited(cmd, mem_bytes, timeout):
    """Runs cmd under an address-space cap and a timeout; (seconds, peak KB, error or None)."""
    args = ["prlimit", f"--as={mem_bytes}", "/usr/bin/time", "-f", "%e %M"] + cmd
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, f"(stopped after {timeout} s)"
    last = r.stderr.strip().splitlines()[-1].split() if r.stderr.strip() else []
    if r.returncode != 0:
        oom = "bad_alloc" in r.stderr or "memory" in r.stderr.lower() or r.returncode < 0
        cap = f"{mem_bytes / 2**30:.0f} GiB"
        sys.stderr.write(r.stderr[-2000:])
        return None, None, f"(failed, exit {r.returncode}{', out of the ' + cap + ' cap' if oom else ''})"
    return float(last[-2]), int(last[-1]), None


def scale(build, results):
    work = os.path.join(build, "bench", "work", "synthetic")
    here = os.path.dirname(os.path.abspath(__file__))
    diaglot = os.path.join(build, "diaglot")
    sizes = [int(x) for x in os.environ.get("BENCH_SCALE_SIZES", "1000,10000,100000").split(",")]
    locales = int(os.environ.get("BENCH_SCALE_LOCALES", "40"))
    mem = int(float(os.environ.get("BENCH_SCALE_MEM_GB", "18")) * 2**30)
    cxx = os.environ.get("CXX", "g++")
    include = os.path.join(os.path.dirname(os.path.dirname(here)), "include")
    help_text = compile_help(diaglot)
    shards = "--shards" in help_text
    out = {"locales": locales, "sizes": {},
           "shards": "diaglot compile --shards N compiled in parallel" if shards else
                     "not measured: `diaglot compile` has no --shards option yet (one .cpp per catalog)"}
    loaded = []
    for n in sizes:
        d = os.path.join(work, str(n))
        stamp = os.path.join(d, "ids.txt")
        if not os.path.exists(stamp):
            subprocess.run([sys.executable, os.path.join(here, "gen_synthetic.py"), "--messages", str(n),
                            "--locales", str(locales), "--out", d], check=True)
        r = {"xliff_bytes": dir_bytes(f"{d}/*.xlf")}
        runs = 3
        gen = os.path.join(d, "out")
        times = []
        for _ in range(runs):
            shutil.rmtree(gen, ignore_errors=True)
            cmd = [diaglot, "compile", d, "--out", gen, "--name", "syn"]
            if shards:
                cmd += ["--shards", str(os.cpu_count() or 2)]
            timings = os.path.join(work, f"timings-{n}.json")
            if "--timings" in help_text:
                cmd += ["--timings", timings]
            t, peak, err = run_limited(cmd, mem, timeout=1800)
            if err:
                r["compile_error"] = err
                break
            times.append(t)
            r["peak_rss_kb"] = max(r.get("peak_rss_kb", 0), peak)
            if os.path.exists(timings):
                r.setdefault("stages", []).append(read_timings(timings))
        r["compile_s"] = times
        cpps = sorted(glob.glob(os.path.join(gen, "*.cpp")))
        if times and cpps:
            r["cpp_bytes"] = sum(os.path.getsize(c) for c in cpps)
            # One g++ per .cpp, all at once (parallel when there are shards).
            cmd = ["bash", "-c", " & ".join(f"{cxx} -O2 -std=c++17 -I{include} -c {c} -o {c}.o"
                                            for c in cpps) + " & wait"]
            t, peak, err = run_limited(cmd, mem, timeout=3600)
            r["gxx_s"], r["gxx_peak_rss_kb"], r["gxx_error"] = t, peak, err
            loaded.append(f"{n}={d}")
        out["sizes"][str(n)] = r
        print(json.dumps({n: r}))
    if loaded:
        # The compiles above leave gigabytes of written outputs for the kernel to flush: flushed
        # now, not while the lookups are timed (at 100k a run taken during writeback read 17.0 ns
        # against 13.1-13.5 ns in three runs by hand after it).
        os.sync()
        lookup = os.path.join(results, "scale_lookup.json")
        t, peak, err = run_limited(
            [os.path.join(build, "bench", "scale_bench")] + loaded +
            ["--benchmark_repetitions=" + os.environ.get("BENCH_REPS", "5"),
             "--benchmark_enable_random_interleaving=true", "--benchmark_min_time=0.2",
             "--benchmark_out=" + lookup, "--benchmark_out_format=json"], mem, timeout=3600)
        if err:
            out["lookup_error"] = err
        else:
            with open(lookup) as f:
                out["lookup"] = json.load(f)
            out["lookup_peak_rss_kb"] = peak
    write(results, "scale", out)


def callgrind(build, results):
    exe = os.path.join(build, "bench", "lookup_bench")
    names = subprocess.run([exe, "--list"], check=True, capture_output=True, text=True).stdout.split()
    n = 20000
    counts = {}
    for name in names:
        if "/de/" not in name:
            continue
        cg_out = f"/tmp/diaglot-bench-callgrind-{os.getpid()}.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no",
                        f"--callgrind-out-file={cg_out}", exe, f"--count={name}", f"--n={n}"],
                       check=True, capture_output=True)
        # The client request dumps the lookups on their own; the other dumps hold (almost) nothing.
        total = 0
        for path in glob.glob(cg_out + "*"):
            with open(path) as f:
                for line in f:
                    if line.startswith(("totals:", "summary:")):
                        total = max(total, int(line.split()[1]))
            os.remove(path)
        counts[name] = total / n
        print(name, counts[name])
    write(results, "callgrind", counts)


def lscpu():
    """lscpu's fields ("CPU family": "23", ...) and each cache's size for one instance
    ("L2": "512K"); empty where lscpu is missing or prints less."""
    def run(*args):
        try:
            return subprocess.run(["lscpu", *args], capture_output=True, text=True).stdout
        except OSError:
            return ""
    fields = dict(line.split(":", 1) for line in run().splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    caches = dict(line.split()[:2] for line in run("-C=NAME,ONE-SIZE").splitlines()[1:]
                  if len(line.split()) >= 2)
    return fields, caches


def machine(build, results):
    def sh(cmd):
        return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True).stdout.strip()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    cpu, caches = lscpu()
    # A VM may name every generation alike ("AMD EPYC"): family and model tell them apart, and
    # the caches decide the large tables' lookups.
    family, model = cpu.get("CPU family"), cpu.get("Model")
    write(results, "machine", {
        "date": sh("date -u +%Y-%m-%d"),
        "commit": sh(f"git -C {root} rev-parse --short HEAD") or os.environ.get("BENCH_COMMIT", "?"),
        "dirty": bool(sh(f"git -C {root} status --porcelain -- src include bench CMakeLists.txt")),
        "cpu": cpu.get("Model name", ""),
        "cpu_id": f"family {family}, model {model}" if family and model else "",
        "caches": ", ".join(f"{name} {caches[name]}" for name in ("L2", "L3") if name in caches),
        "cores": os.cpu_count(),
        "memory": sh("free -g | awk '/Mem:/ {print $2 \" GiB\"}'"),
        "kernel": "Linux " + sh("uname -r"),
        "cxx": sh("g++ --version | head -1"),
        "load": sh("cut -d' ' -f1-3 /proc/loadavg"),
    })


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cmd, build, results = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    for tool in ("hyperfine", "/usr/bin/time"):
        if shutil.which(tool) is None:
            sys.exit(f"process_bench: {tool} is missing (bench/setup.sh installs it)")
    {"first-lookup": first_lookup, "throughput": throughput, "codegen": codegen, "scale": scale,
     "callgrind": callgrind, "machine": machine}[cmd](build, results)


if __name__ == "__main__":
    main()
