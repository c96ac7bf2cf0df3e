#!/usr/bin/env python3
"""Converts the WCF XLIFF 1.2 corpus into the same units for every peer of the benchmarks.

The 20 resource sets share unit IDs (755 IDs occur in more than one set), so every peer is keyed by
set + ID. A set is named `<project>.<resx stem>` (e.g. `System.ServiceModel.Primitives.Strings`):

  diaglot   message ID `<set>.<id>`, given as `resname` (the unit's `id` and everything else in the
            file stay byte for byte as they were), see xliff/
  gettext   msgctxt `<set>.<id>`, msgid the English source (the .mo key is "<set>.<id>\\004<source>",
            as pgettext builds it); a unit whose target differs from its source in a leading or
            trailing newline cannot be written in a .po (msgfmt rejects it) and is left out
  ICU       table key "<set>.<id>" in one flat table per locale
  Qt        context `<set>`, source `<id>`

Outputs (all deterministic, written only when their bytes change):

  xliff/<set>/<file>.xlf          the 260 files with resname added: the diaglot corpus
  overlay/<set>.de-CH.xlf         a sparse de-CH locale (the de targets that hold "ß", written with
                                  "ss" as Swiss German does); every other de-CH lookup falls back
  codes.tsv                       a synthetic numeric code for every unit ID that is unique across
                                  sets (diaglot matches codes by the last dotted part of an ID)
  per-set/{po,icu,ts}/...         one file per set and language (260 each): compiler throughput
  lookup/{po,icu,ts}/...          one file per language, all sets: the lookup benchmark
  expected.tsv                    key, locale, text (escaped) for every unit: the answer checks
  stats.json                      counts and raw-text bytes
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
OVERLAY_LOCALE = "de-CH"
OVERLAY_BASE = "de"


def write_if_changed(path, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def set_name(rel):
    """`src/<project>/.../xlf/<Stem>.<lang>.xlf` -> `<project>.<Stem>`."""
    parts = rel.split("/")
    stem = parts[-1].rsplit(".", 2)[0]
    return parts[1] + "." + stem


def c_escape(s):
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def tsv_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def posix(tag):
    return tag.replace("-", "_")


def read_corpus(root):
    files = []
    for dirpath, _, names in os.walk(os.path.join(root, "src")):
        for n in names:
            if n.endswith(".xlf"):
                files.append(os.path.relpath(os.path.join(dirpath, n), root))
    files.sort()
    units = {}  # (set, id) -> {"en": source, lang: target}
    order = []  # (set, id) in first-seen order
    langs = set()
    per_file = []
    for rel in files:
        s = set_name(rel)
        lang = rel.rsplit(".", 2)[1]
        langs.add(lang)
        tree = ET.parse(os.path.join(root, rel))
        ids = []
        for u in tree.getroot().iter(NS + "trans-unit"):
            uid = u.get("id")
            if "#" in uid or "." in uid or u.get("resname") is not None:
                sys.exit(f"convert_corpus: unexpected unit {uid!r} in {rel}")
            src = u.find(NS + "source").text or ""
            tgt = u.find(NS + "target").text or ""
            key = (s, uid)
            if key not in units:
                units[key] = {"en": src}
                order.append(key)
            elif units[key]["en"] != src:
                sys.exit(f"convert_corpus: {s}.{uid}: sources differ between languages")
            units[key][lang] = tgt
            ids.append(uid)
        per_file.append((rel, s, lang, ids))
    return files, units, order, sorted(langs), per_file


def prefixed_xliff(data, set_):
    """The file with `resname="<set>.<id>"` after each trans-unit's id; nothing else changes."""
    def add(m):
        return f'{m.group(1)}" resname="{xml_escape(set_, {chr(34): "&quot;"})}.{m.group(2)}"'
    out, n = re.subn(r'(<trans-unit\b[^>]*?\bid="([^"]*))"', add, data)
    return out, n


def po_expressible(source, text):
    """msgfmt rejects a pair whose msgid and msgstr differ in a leading or trailing newline."""
    return (source.startswith("\n") == text.startswith("\n")
            and source.endswith("\n") == text.endswith("\n"))


def po_file(lang, entries):
    """entries: (msgctxt, msgid, msgstr)."""
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
           f'"Language: {posix(lang)}\\n"', ""]
    for ctx, msgid, text in entries:
        if not po_expressible(msgid, text):
            continue
        out += [f'msgctxt "{c_escape(ctx)}"', f'msgid "{c_escape(msgid)}"',
                f'msgstr "{c_escape(text)}"', ""]
    return "\n".join(out)


def icu_file(bundle, entries):
    out = ["\ufeff" + bundle + ":table {"]
    for key, text in entries:
        out.append(f'    "{c_escape(key)}" {{ "{c_escape(text)}" }}')
    out.append("}")
    return "\n".join(out) + "\n"


def ts_file(lang, by_context):
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{posix(lang)}">']
    for ctx, msgs in by_context:
        out.append("<context>")
        out.append(f"    <name>{xml_escape(ctx)}</name>")
        for uid, text in msgs:
            out.append("    <message>")
            out.append(f"        <source>{xml_escape(uid)}</source>")
            out.append(f"        <translation>{xml_escape(text)}</translation>")
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: convert_corpus.py WCF_XLIFF_DIR OUT_DIR")
    root, out = sys.argv[1], sys.argv[2]
    files, units, order, langs, per_file = read_corpus(root)
    sets = sorted({s for s, _ in order})

    for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f":
        for key in order:
            for text in units[key].values():
                if ch in text:
                    sys.exit(f"convert_corpus: control character {ord(ch)} in {key}")

    # diaglot: the corpus files with resname.
    for rel, s, lang, ids in per_file:
        with open(os.path.join(root, rel), "rb") as f:
            data = f.read().decode("utf-8")
        new, n = prefixed_xliff(data, s)
        if n != len(ids):
            sys.exit(f"convert_corpus: {rel}: {n} trans-unit tags rewritten, {len(ids)} units")
        write_if_changed(os.path.join(out, "xliff", s, os.path.basename(rel)), new)

    # The sparse de-CH overlay.
    overlay = {}
    for key in order:
        t = units[key].get(OVERLAY_BASE)
        if t is not None and "ß" in t:
            overlay[key] = t.replace("ß", "ss")
    for s in sets:
        keys = [k for k in order if k[0] == s and k in overlay]
        if not keys:
            continue
        body = ['\ufeff<?xml version="1.0" encoding="utf-8"?>',
                '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">',
                f'  <file datatype="xml" source-language="en" target-language="{OVERLAY_LOCALE}" '
                f'original="{xml_escape(s)}">', "    <body>"]
        for k in keys:
            body += [f'      <trans-unit id="{xml_escape(k[1])}" resname="{xml_escape(s)}.'
                     f'{xml_escape(k[1])}">',
                     f"        <source>{xml_escape(units[k]['en'])}</source>",
                     f'        <target state="translated">{xml_escape(overlay[k])}</target>',
                     "      </trans-unit>"]
        body += ["    </body>", "  </file>", "</xliff>", ""]
        write_if_changed(os.path.join(out, "overlay", f"{s}.{OVERLAY_LOCALE}.xlf"), "\n".join(body))

    # Synthetic numeric codes for IDs unique across sets.
    count = {}
    for _, uid in order:
        count[uid] = count.get(uid, 0) + 1
    unique = sorted(uid for uid, n in count.items() if n == 1)
    codes = ["name\tcode"] + [f"{uid}\t{0x10000 + i}" for i, uid in enumerate(unique)]
    write_if_changed(os.path.join(out, "codes.tsv"), "\n".join(codes) + "\n")

    # Per set and language: what a build compiles.
    for s in sets:
        keys = [k for k in order if k[0] == s]
        for lang in langs:
            entries = [(s, k[1], units[k][lang]) for k in keys]
            write_if_changed(os.path.join(out, "per-set", "po", s, f"{lang}.po"),
                             po_file(lang, [(f"{s}.{u}", units[(s, u)]["en"], t) for _, u, t in entries]))
            write_if_changed(os.path.join(out, "per-set", "icu", s, f"{posix(lang)}.txt"),
                             icu_file(posix(lang), [(f"{s}.{u}", t) for _, u, t in entries]))
            write_if_changed(os.path.join(out, "per-set", "ts", f"{s}_{posix(lang)}.ts"),
                             ts_file(lang, [(s, [(u, t) for _, u, t in entries])]))

    # Per language, all sets: what the lookup benchmark loads. Untranslated English is the root.
    lookup_langs = langs + [OVERLAY_LOCALE]
    for lang in lookup_langs:
        if lang == OVERLAY_LOCALE:
            keys = [k for k in order if k in overlay]
            text = lambda k: overlay[k]
        else:
            keys = order
            text = lambda k, lang=lang: units[k][lang]
        entries = [(k[0], k[1], text(k)) for k in keys]
        write_if_changed(os.path.join(out, "lookup", "po", f"{posix(lang)}.po"),
                         po_file(lang, [(f"{s}.{u}", units[(s, u)]["en"], t) for s, u, t in entries]))
        write_if_changed(os.path.join(out, "lookup", "icu", f"{posix(lang)}.txt"),
                         icu_file(posix(lang), [(f"{s}.{u}", t) for s, u, t in entries]))
        contexts = []
        for s in sets:
            msgs = [(u, t) for s2, u, t in entries if s2 == s]
            if msgs:
                contexts.append((s, msgs))
        write_if_changed(os.path.join(out, "lookup", "ts", f"wcf_{posix(lang)}.ts"),
                         ts_file(lang, contexts))
    write_if_changed(os.path.join(out, "lookup", "icu", "root.txt"),
                     icu_file("root", [(f"{s}.{u}", units[(s, u)]["en"]) for s, u in order]))

    # Expected answers: every unit in every locale, de-CH resolved through its fallback.
    lines = []
    for k in order:
        key = f"{k[0]}.{k[1]}"
        for lang in ["en"] + langs:
            lines.append(f"{key}\t{lang}\t{tsv_escape(units[k][lang])}")
        lines.append(f"{key}\t{OVERLAY_LOCALE}\t{tsv_escape(overlay.get(k, units[k][OVERLAY_BASE]))}")
    write_if_changed(os.path.join(out, "expected.tsv"), "\n".join(lines) + "\n")

    po_skipped = {lang: sum(1 for k in order if not po_expressible(units[k]["en"], units[k][lang]))
                  for lang in langs}
    raw_targets = sum(len(t.encode()) for k in order for lang, t in units[k].items() if lang != "en")
    raw_sources = sum(len(units[k]["en"].encode()) for k in order)
    stats = {
        "xliff_files": len(files),
        "xliff_bytes": sum(os.path.getsize(os.path.join(root, f)) for f in files),
        "sets": len(sets),
        "languages": len(langs),
        "units": sum(len(ids) for _, _, _, ids in per_file),
        "messages": len(order),
        "overlay_units": len(overlay),
        "coded_messages": len(unique),
        "raw_target_bytes": raw_targets,
        "raw_source_bytes": raw_sources,
        "raw_text_bytes": raw_targets + raw_sources,
        "po_inexpressible_units": {k: v for k, v in po_skipped.items() if v},
    }
    write_if_changed(os.path.join(out, "stats.json"), json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
