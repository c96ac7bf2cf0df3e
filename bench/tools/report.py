#!/usr/bin/env python3
"""Turns bench results (RESULTS/*.json) into the results section of bench/README.md.

  report.py RESULTS README.md

Rewrites what lies between `<!-- results:begin -->` and `<!-- results:end -->`; everything else in
the README stays as it is. Figures are medians; ranges are the lowest and highest repetition (or
round) medians; ratios are taken within one run on the same data.
"""
import json
import os
import re
import statistics
import sys

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def gbench_cases(data):
    """name -> {"median", "min", "max", "allocs"} over the repetitions of a Google Benchmark run."""
    times, allocs = {}, {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        unit = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        times.setdefault(name, []).append(b["cpu_time"] * unit)
        if "allocs_per_lookup" in b:
            allocs.setdefault(name, []).append(b["allocs_per_lookup"])
    return {n: {"median": statistics.median(t), "min": min(t), "max": max(t),
                "allocs": max(allocs[n]) if n in allocs else None} for n, t in times.items()}


def ns(x):
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def verdict(ok):
    return "met" if ok else "**missed**"


def times(value, bound):
    """A ratio as "1.23×", with a third decimal when two would round it onto its bound."""
    text = f"{value:.2f}"
    if float(text) == bound and value != bound:
        text = f"{value:.3f}"
    return text + "×"


def fmt_range(c):
    return f"{ns(c['median'])} ({ns(c['min'])}–{ns(c['max'])})"


def mb(b):
    return f"{b / 1e6:.2f} MB"


def lookup_section(cases, callgrind, out, targets):
    out.append("### Lookups (ns per lookup, CPU time; median of repetitions, range in brackets)\n")
    locales = sorted({n.split("/")[1] for n in cases})
    peers = ["diaglot", "diaglot_find_only", "floor_hash_only", "std_unordered_map", "gettext",
             "icu_utf16", "icu_utf8", "qt_qstring", "qt_utf8"]
    out.append("| lookup | " + " | ".join(locales) + " | instructions (callgrind, de) | allocations |")
    out.append("|---|" + "---|" * len(locales) + "---|---|")
    rows = [("string_id", p) for p in peers] + [("typed_id", "diaglot"),
                                                ("typed_id", "floor_array_index"),
                                                ("code", "diaglot")]
    for kind, peer in rows:
        cells = []
        for loc in locales:
            c = cases.get(f"{kind}/{loc}/{peer}")
            cells.append(fmt_range(c) if c else "–")
        c_de = cases.get(f"{kind}/de/{peer}")
        ir = callgrind.get(f"{kind}/de/{peer}") if callgrind else None
        allocs = f"{c_de['allocs']:.3g}" if c_de and c_de["allocs"] is not None else "–"
        out.append(f"| {kind} {peer} | " + " | ".join(cells) + f" | {ir:.0f} |" if ir is not None
                   else f"| {kind} {peer} | " + " | ".join(cells) + " | – |")
        out[-1] += f" {allocs} |"
    out.append("")

    def m(kind, loc, peer):
        c = cases.get(f"{kind}/{loc}/{peer}")
        return c["median"] if c else None

    for loc in locales:
        d = m("string_id", loc, "diaglot")
        if d is None:
            continue
        checks = [
            ("string ID ≤ 1.5× hash-only floor", d / m("string_id", loc, "floor_hash_only"), "≤", 1.5),
            ("≥ 10× faster than gettext", (m("string_id", loc, "gettext") or 0) / d, "≥", 10),
            ("≥ 10× faster than ICU (UTF-8)", (m("string_id", loc, "icu_utf8") or 0) / d, "≥", 10),
            ("≥ 10× faster than Qt (UTF-8)", (m("string_id", loc, "qt_utf8") or 0) / d, "≥", 10),
            ("≥ 5× faster than ICU (UTF-16)", (m("string_id", loc, "icu_utf16") or 0) / d, "≥", 5),
            ("≥ 2× faster than std::unordered_map", m("string_id", loc, "std_unordered_map") / d,
             "≥", 2),
            ("typed ID ≤ 2× array index", m("typed_id", loc, "diaglot")
             / m("typed_id", loc, "floor_array_index"), "≤", 2),
            ("numeric code ≤ 2× string ID", m("code", loc, "diaglot") / d, "≤", 2),
        ]
        for what, value, op, bound in checks:
            ok = value <= bound if op == "≤" else value >= bound
            targets.append((f"{what} ({loc})", times(value, bound), verdict(ok)))
        allocs = max((c["allocs"] or 0) for n, c in cases.items()
                     if n.endswith("/diaglot") and f"/{loc}/" in n)
        targets.append((f"0 allocations per diaglot lookup ({loc})", f"{allocs:g}",
                        verdict(allocs == 0)))


def process_section(first, thr, cg, out, targets):
    if first:
        out.append("### Time to first lookup in a fresh process (ms; median, range of round medians)\n")
        out.append("| program | time | × empty main | × empty main with libstdc++ |")
        out.append("|---|---|---|---|")
        e, ecxx = first["empty"]["median"], first.get("empty_cxx", first["empty"])["median"]
        for name, r in first.items():
            out.append(f"| {name} | {r['median'] * 1e3:.3f} ({r['min_round'] * 1e3:.3f}–"
                       f"{r['max_round'] * 1e3:.3f}) | {r['median'] / e:.2f} | "
                       f"{r['median'] / ecxx:.2f} |")
        out.append("")
        d = first["diaglot"]["median"]
        targets.append(("first lookup ≤ 1.05× empty main", times(d / e, 1.05), verdict(d / e <= 1.05)))
        targets.append(("(same, against an empty main that loads libstdc++)", times(d / ecxx, 1.05),
                        verdict(d / ecxx <= 1.05)))
    if thr:
        t, peak, b = thr["time_s"], thr["peak_rss_kb"], thr["bytes"]
        out.append("### Compiling the whole corpus (s; wall-clock median, range of round medians; CPU: median of round means; peak RSS: median of 5 runs)\n")
        out.append("| compiler | files | time | time ÷ diaglot's | CPU (user+sys) | peak RSS | output |")
        out.append("|---|---|---|---|---|---|---|")
        outputs = {"diaglot": b["diaglot_cpp"] + b["diaglot_hpp"], "msgfmt": b["mo"], "genrb": b["res"],
                   "lrelease": b["qm"], "pugixml_parse": 0, "extract_floor": 0}
        inputs = {"diaglot": "260 .xlf (one process)", "msgfmt": "260 .po (260 processes)",
                  "genrb": "260 .txt (20 processes)", "lrelease": "260 .ts (one process)",
                  "pugixml_parse": "260 .xlf (one process)",
                  "extract_floor": "260 .xlf (one process, a thread a core)"}
        d = t["diaglot"]["median"]
        for name, r in t.items():
            out.append(f"| {name} | {inputs.get(name, '')} | {r['median']:.3f} ({r['min_round']:.3f}–"
                       f"{r['max_round']:.3f}) | {r['median'] / d:.2f}× | {r.get('cpu', 0):.3f} | "
                       f"{peak[name] / 1024:.0f} MB | "
                       f"{mb(outputs[name]) if outputs[name] else '–'} |")
        out.append("")
        out.append(f"Input: {mb(b['xliff_input'])} of XLIFF (the corpus's 20.79 MB plus the `resname` "
                   f"attributes that key units by set).\n")
        stages = thr.get("stages")
        if stages:
            runs = stages["total"]["runs"]
            out.append(f"Where diaglot's compile goes (`diaglot compile --timings`; median of {runs} "
                       f"runs, range of wall times; CPU is every thread's):\n")
            out.append("| stage | wall ms | CPU ms | CPU ÷ wall | page faults | peak RSS at its end |")
            out.append("|---|---|---|---|---|---|")
            for name, st in stages.items():
                share = st["cpu_ms"] / st["wall_ms"] if st["wall_ms"] else 0
                out.append(f"| {name} | {st['wall_ms']:.1f} ({st['wall_min']:.1f}–{st['wall_max']:.1f}) "
                           f"| {st['cpu_ms']:.1f} | {share:.2f} | {st['page_faults']:,.0f} | "
                           f"{st['peak_rss_kb'] / 1024:.0f} MB |")
            out.append("")
        for peer, bound in (("msgfmt", 10), ("genrb", 3), ("lrelease", 3)):
            ratio = t[peer]["median"] / d
            targets.append((f"corpus compile ≥ {bound}× faster than {peer}", times(ratio, bound),
                            verdict(ratio >= bound)))
        ratio = d / t["pugixml_parse"]["median"]
        targets.append(("corpus compile ≤ 4× the pugixml parse floor", times(ratio, 4),
                        verdict(ratio <= 4)))
        ratio = peak["diaglot"] * 1024 / b["xliff_input"]
        runs = thr.get("peak_rss_kb_runs", {}).get("diaglot")
        spread = (f"; runs {min(runs) / 1024:.0f}–{max(runs) / 1024:.0f} MB, "
                  f"{min(runs) * 1024 / b['xliff_input']:.1f}–{max(runs) * 1024 / b['xliff_input']:.1f}×"
                  if runs else "")
        targets.append(("peak memory ≤ 4× the input (median of runs)",
                        f"{ratio:.1f}× ({peak['diaglot'] / 1024:.0f} MB{spread})", verdict(ratio <= 4)))
    if cg:
        t, b = cg["time_s"], cg["bytes"]
        out.append("### Generated code (g++ -O2 -c; s, wall-clock median and range of round medians)\n")
        out.append("| translation unit | source bytes | time | × floor | CPU (user+sys) | peak RSS |")
        out.append("|---|---|---|---|---|---|")
        src = {"generated": b["generated_cpp"], "floor_raw": b["floor_raw_cpp"],
               "floor_escaped": b["floor_escaped_cpp"]}
        f = t["floor_raw"]["median"]
        for name, r in t.items():
            out.append(f"| {name} | {mb(src[name])} | {r['median']:.3f} ({r['min_round']:.3f}–"
                       f"{r['max_round']:.3f}) | {r['median'] / f:.2f} | {r.get('cpu', 0):.3f} | "
                       f"{cg['peak_rss_kb'][name] / 1024:.0f} MB |")
        out.append("")
        out.append("| bytes | size | × raw text |")
        out.append("|---|---|---|")
        for name, label in (("table_in_object", "diaglot table in the object (.rodata + .data.rel.ro)"),
                            ("pool", "  of which the string pool"), ("raw_text", "raw text (targets + English)"),
                            ("mo", ".mo total (260)"), ("res", ".res total (260)"), ("qm", ".qm total (260)")):
            out.append(f"| {label} | {mb(b[name])} | {b[name] / b['raw_text']:.2f} |")
        out.append("")
        ratio = t["generated"]["median"] / f
        targets.append(("generated .cpp compiles ≤ 1.5× the string-literal floor", times(ratio, 1.5),
                        verdict(ratio <= 1.5)))
        ratio = b["table_in_object"] / b["raw_text"]
        targets.append(("table bytes ≤ 1.15× raw text", times(ratio, 1.15), verdict(ratio <= 1.15)))


def scale_section(scale, out, targets):
    if not scale:
        return
    out.append("### Scale: synthetic catalogs (40 locales)\n")
    out.append("| messages | XLIFF | diaglot compile (s) | peak RSS | generated .cpp | g++ -O2 (s) |")
    out.append("|---|---|---|---|---|---|")
    for n, r in sorted(scale["sizes"].items(), key=lambda kv: int(kv[0])):
        comp = r.get("compile_s")
        comp_s = "–" if not comp else f"{statistics.median(comp):.2f} ({min(comp):.2f}–{max(comp):.2f})"
        if r.get("compile_error"):
            comp_s += " " + r["compile_error"]
        peak_s = "–" if r.get("peak_rss_kb") is None else f"{r['peak_rss_kb'] / 1024:.0f} MB"
        cpp_s = "–" if r.get("cpp_bytes") is None else mb(r["cpp_bytes"])
        gxx_s = "–" if r.get("gxx_s") is None else f"{r['gxx_s']:.1f}"
        if r.get("gxx_error"):
            gxx_s += " " + r["gxx_error"]
        out.append(f"| {int(n):,} | {mb(r['xliff_bytes'])} | {comp_s} | {peak_s} | {cpp_s} | {gxx_s} |")
    out.append("")
    out.append(f"Shards: {scale['shards']}\n")
    staged = [(n, r["stages"][-1]) for n, r in sorted(scale["sizes"].items(), key=lambda kv: int(kv[0]))
              if r.get("stages")]
    if staged:
        names = list(staged[0][1])
        out.append("Where the compile goes (`--timings`, the last run of each size; s of wall time, "
                   "CPU time in brackets):\n")
        out.append("| stage | " + " | ".join(f"{int(n):,} messages" for n, _ in staged) + " |")
        out.append("|---|" + "---|" * len(staged))
        for name in names:
            out.append(f"| {name} | " + " | ".join(
                f"{st[name]['wall_ms'] / 1e3:.2f} ({st[name]['cpu_ms'] / 1e3:.2f})" if name in st else "–"
                for _, st in staged) + " |")
        out.append("")
    biggest = max(scale["sizes"], key=int)
    r = scale["sizes"][biggest]
    if r.get("compile_s"):
        runs = r["compile_s"]
        v = statistics.median(runs)
        spread = f" (median of {len(runs)} runs, {min(runs):.1f}–{max(runs):.1f} s)" if len(runs) > 1 else ""
        targets.append((f"{int(biggest):,} × 40 compile ≤ 10 s", f"{v:.1f} s{spread}", verdict(v <= 10)))
    else:
        targets.append((f"{int(biggest):,} × 40 compile ≤ 10 s", r.get("compile_error", "not run"),
                        "**missed**"))
    sharded = "not" not in scale["shards"]
    measured = (f"yes: the {int(biggest):,} sources' g++ runs in parallel, {r['gxx_s']:.1f} s"
                if sharded and r.get("gxx_s") is not None else
                "yes" if sharded else "no --shards option")
    targets.append(("generated code builds in parallel with --shards", measured,
                    "met" if sharded else "**missed**"))
    cases = scale.get("lookup")
    if cases:
        cases = gbench_cases(cases)
        labels = sorted({n.split("/")[1] for n in cases}, key=lambda s: int(s))
        out.append("| lookup (ns) | " + " | ".join(f"{int(l):,} messages" for l in labels) + " |")
        out.append("|---|" + "---|" * len(labels))
        for kind in ("string_id", "typed_id", "floor_hash_only"):
            out.append(f"| {kind} | " + " | ".join(fmt_range(cases[f"scale/{l}/{kind}"])
                                                    for l in labels) + " |")
        out.append("")
        small, big = labels[0], labels[-1]
        for kind in ("string_id", "typed_id"):
            ratio = cases[f"scale/{big}/{kind}"]["median"] / cases[f"scale/{small}/{kind}"]["median"]
            targets.append((f"{kind} lookup at {int(big):,} ≤ 1.5× at {int(small):,}",
                            times(ratio, 1.5), verdict(ratio <= 1.5)))


def with_aside(text, aside, lead=""):
    """text, then `(lead aside)` when there is an aside."""
    return f"{text} ({lead}{aside})" if aside else text


def main():
    results, readme = sys.argv[1], sys.argv[2]
    machine = load(results, "machine") or {}
    lookup = load(results, "lookup")
    callgrind = load(results, "callgrind")
    out, targets = [BEGIN, ""], []
    if machine:
        cpu = with_aside(machine.get("cpu", "?"), machine.get("cpu_id"))
        cores = with_aside(f"{machine.get('cores', '?')} cores", machine.get("caches"),
                           "cache sizes per instance: ")
        out.append(f"Measured {machine.get('date', '')} at commit `{machine.get('commit', '?')}`"
                   f"{' (working tree with local changes)' if machine.get('dirty') else ''} on "
                   f"{cpu}, {cores}, "
                   f"{machine.get('memory', '?')}, {machine.get('kernel', '')}; {machine.get('cxx', '')}; "
                   f"load average at the start {machine.get('load', '?')} (a shared machine: other "
                   f"builds ran at the same time).\n")
    if lookup:
        lookup_section(gbench_cases(lookup), callgrind, out, targets)
    process_section(load(results, "first_lookup"), load(results, "throughput"),
                    load(results, "codegen"), out, targets)
    scale_section(load(results, "scale"), out, targets)
    table = ["### Targets\n", "| target | measured | |", "|---|---|---|"]
    table += [f"| {w} | {v} | {ok} |" for w, v, ok in targets]
    out = out[:2] + table + [""] + out[2:] + [END]
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit(f"report: {readme} has no results markers")
    text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: "\n".join(out), text, flags=re.S)
    with open(readme, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
