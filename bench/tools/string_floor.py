#!/usr/bin/env python3
"""Writes the floors for compiling a generated table: translation units that hold the same string
bytes as the generated .cpp's pool and IDs (decoded from its key records), as one string literal.

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


def raw(b):
    """UTF-8 bytes in a string literal, escaping only what a literal must."""
    s = b.decode("utf-8")
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t").replace("??", "?\\?"))


def initialized_bytes(src, name):
    """The bytes of the generated constant `name`, and its literal pieces as written (a chunk's
    last piece ends with the NUL its literal supplies); None when it has no such constant."""
    start = f"constexpr {name}_t {name} = {{"
    if start not in src:
        return None, None
    begin = src.index(start)
    block = src[begin + len(start):src.index("\n};\n", begin)]
    data, pieces = bytearray(), []
    for m in re.finditer(r'^    "((?:[^"\\]|\\.)*)"(,?)$|^    \{((?:\s|[0-9\',])*)\},$', block, re.M):
        if m.group(3) is not None:  # a chunk written as a list of numbers
            if "'" in m.group(3):
                sys.exit(f"string_floor: {name} has char-array chunks; not supported")
            data += bytes(int(v) for v in m.group(3).replace(",", " ").split())
            continue
        piece = m.group(1) + ("\\0" if m.group(2) else "")
        pieces.append(piece)
        data += decode_literal(piece)
    return bytes(data), pieces


def table_number(src, field):
    m = re.search(r"^    (\d+),  // " + field + "$", src, re.M)
    if not m:
        sys.exit(f"string_floor: no {field} in the table")
    return int(m.group(1))


def message_ids(src):
    """The message IDs, from the key records and the long keys (detail::table)."""
    records, _ = initialized_bytes(src, "key_records")
    long_keys, _ = initialized_bytes(src, "long_keys")
    if records is None or long_keys is None:
        sys.exit("string_floor: no key_records or long_keys (table layout 8)")
    size = 1 << table_number(src, "key_record_shift")
    ids = []
    for i in range(table_number(src, "message_count")):
        record = records[i * size:(i + 1) * size]
        if record[0]:
            ids.append(record[1:1 + record[0]])
        else:
            at = int.from_bytes(record[1:5], "little")
            length = int.from_bytes(long_keys[at:at + 4], "little")
            ids.append(long_keys[at + 4:at + 4 + length])
    return ids


def main():
    src_path, out_dir = sys.argv[1], sys.argv[2]
    with open(src_path, encoding="utf-8") as f:
        src = f.read()
    # The generated file's strings: the pool (shard 0: the file is generated unsharded) and the
    # message IDs, NUL-terminated as the pool's strings are.
    pool_bytes, pieces = initialized_bytes(src, "pool0")
    if pool_bytes is None:
        sys.exit("string_floor: no pool0 in " + src_path)
    ids = message_ids(src)
    # The IDs are no longer literals of their own in the generated file (they are key records):
    # the escaped floor takes them as the raw floor writes them.
    pieces += [raw(i) + "\\0" for i in ids]
    pool = pool_bytes + b"".join(i + b"\0" for i in ids)
    os.makedirs(out_dir, exist_ok=True)

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
