#!/usr/bin/env python3
"""Writes the floors for compiling a generated table: translation units that hold the same string
bytes as the generated .cpp's pool and IDs, as one string literal.

  string_floor.py GENERATED.cpp OUT_DIR

OUT_DIR/floor_raw.cpp      the pool as one literal (adjacent pieces, one per pool string), raw
                           UTF-8, escaping only what a literal must (\\, ", newline, NUL, ...)
OUT_DIR/floor_escaped.cpp  the literals exactly as the generator wrote them, as one char array:
                           the cost of the generator's escaping
Prints the pool size in bytes.
"""
import os
import re
import sys

SIMPLE = {"n": 10, "t": 9, "r": 13, "\\": 92, '"': 34, "'": 39, "?": 63, "0": 0}


def decode_literal(body):
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = body[i + 1]
        if n in "01234567":
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(int(body[i + 1:j], 8))
            i = j
        elif n in SIMPLE:
            out.append(SIMPLE[n])
            i += 2
        else:
            sys.exit(f"string_floor: unknown escape \\{n}")
    return bytes(out)


def main():
    src_path, out_dir = sys.argv[1], sys.argv[2]
    with open(src_path, encoding="utf-8") as f:
        src = f.read()
    # The generated file's strings: the pool (shard 0: the file is generated unsharded) and the
    # message IDs.
    pieces = []
    for start in ("constexpr pool0_t pool0 = {", "constexpr keys_t keys = {"):
        begin = src.index(start)
        end = src.index("\n};\n", begin)
        block = src[begin:end]
        if "{\n        '" in block:
            sys.exit("string_floor: the pool has char-array chunks; not supported")
        # A chunk's last piece ends with `",`: the literal's own NUL ends that string.
        pieces += [p + ("\\0" if comma else "")
                   for p, comma in re.findall(r'^    "((?:[^"\\]|\\.)*)"(,?)$', block, re.M)]
    pool = b"".join(decode_literal(p) for p in pieces)
    os.makedirs(out_dir, exist_ok=True)

    def raw(b):
        s = b.decode("utf-8")
        return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t").replace("??", "?\\?"))

    if not pool.endswith(b"\0"):
        sys.exit("string_floor: the pool does not end with NUL")
    strings = pool[:-1].split(b"\0")
    lines = ["// The floor: the pool of the generated table as one string literal.",
             "extern const char floor_pool[];", "extern const char floor_pool[] ="]
    for k, s in enumerate(strings):
        lines.append('    "' + raw(s) + ('\\0"' if k + 1 < len(strings) else '"'))
    lines.append(";")
    with open(os.path.join(out_dir, "floor_raw.cpp"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    lines = ["// The pool literal as the generator wrote it, as one char array.",
             "extern const char floor_pool[];", "extern const char floor_pool[] ="]
    lines += ['    "' + p + '"' for p in pieces[:-1]] + ['    "' + pieces[-1][:-2] + '"']
    lines.append(";")
    with open(os.path.join(out_dir, "floor_escaped.cpp"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(len(pool))


if __name__ == "__main__":
    main()
