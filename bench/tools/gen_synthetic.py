#!/usr/bin/env python3
"""Writes a deterministic synthetic catalog: N messages in English and L-1 translations, one
XLIFF 1.2 file per target locale (what `diaglot compile` reads), plus ids.txt (every message ID, one
per line, in generation order).

  gen_synthetic.py --messages 100000 --locales 40 --out DIR [--seed 1]

Shaped after the WCF corpus (bench/README.md): dotted IDs of 3-5 parts (about 45 bytes); English
of lognormal length (median about 80 bytes, mean about 105, long tail to 2 KB); 61% of messages
hold 1-3 `{n}` placeholders, which every translation keeps; 8% of messages reuse
one of 300 common texts (shared strings, identical in every locale); per locale 1% of targets are
left in English (state="translated") and 1% are state="new" (not served: the lookup falls back).
Each locale writes its language's script (Latin with its diacritics, Cyrillic, Greek, Hebrew,
Arabic, Devanagari, Thai, Hangul, kana and kanji, Han) and its own length factor, so UTF-8 byte
counts are realistic. Same arguments, same bytes.
"""
import argparse
import math
import os
import random

LOCALES = [  # (tag, script, length factor)
    ("de", "latin-de", 1.25), ("fr", "latin-fr", 1.2), ("es", "latin-es", 1.2),
    ("it", "latin-it", 1.15), ("pt-BR", "latin-pt", 1.2), ("pt-PT", "latin-pt", 1.2),
    ("nl", "latin", 1.15), ("sv", "latin-sv", 1.05), ("da", "latin-sv", 1.05),
    ("nb", "latin-sv", 1.05), ("fi", "latin-fi", 1.15), ("pl", "latin-pl", 1.2),
    ("cs", "latin-cs", 1.1), ("sk", "latin-cs", 1.1), ("hu", "latin-hu", 1.2),
    ("ro", "latin-ro", 1.2), ("hr", "latin-cs", 1.1), ("sl", "latin-cs", 1.1),
    ("et", "latin-fi", 1.1), ("lv", "latin-lv", 1.1), ("lt", "latin-lv", 1.1),
    ("tr", "latin-tr", 1.15), ("vi", "latin-vi", 1.2), ("id", "latin", 1.15),
    ("ca", "latin-es", 1.2), ("bg", "cyrillic", 1.15), ("ru", "cyrillic", 1.15),
    ("uk", "cyrillic", 1.15), ("sr-Cyrl", "cyrillic", 1.1), ("el", "greek", 1.2),
    ("he", "hebrew", 0.95), ("ar", "arabic", 1.0), ("hi", "devanagari", 1.1),
    ("th", "thai", 1.0), ("ko", "hangul", 0.55), ("ja", "kana", 0.55),
    ("zh-Hans", "han", 0.35), ("zh-Hant", "han", 0.35), ("fa", "arabic", 1.0),
]

LATIN_EXTRA = {
    "latin-de": "äöüß", "latin-fr": "éèêàçôû", "latin-es": "áéíóúñ", "latin-it": "àèéìòù",
    "latin-pt": "ãõáéêçó", "latin-sv": "åäöæø", "latin-fi": "äö", "latin-pl": "ąćęłńóśźż",
    "latin-cs": "áčďéěíňřšťůýž", "latin-hu": "áéíóöőúüű", "latin-ro": "ăâîșț",
    "latin-lv": "āčēģīķļņšūž", "latin-tr": "çğıöşü", "latin-vi": "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ",
    "latin": "",
}
SCRIPTS = {
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "devanagari": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
    "thai": "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ",
    "hangul": "".join(chr(0xAC00 + i * 37) for i in range(300)),
    "kana": "".join(chr(0x3041 + i) for i in range(80)) + "".join(chr(0x4E00 + i * 71) for i in range(200)),
    "han": "".join(chr(0x4E00 + i * 53) for i in range(400)),
}
EN_WORDS = ("the a an of to in for on with by from is was are be been cannot could not "
            "operation request message channel endpoint service binding contract address "
            "security token certificate timeout connection session transaction header "
            "failed invalid expected received specified configured required supported "
            "value type name element attribute property parameter argument instance object "
            "because while after before during when this that must should may will has "
            "open close closed opened faulted aborted send receive reply listener factory "
            "policy credential identity claim signature encryption key algorithm version").split()
PRODUCTS = ["Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Adatum", "Litware",
            "Proseware"]
COMPONENTS = ["Storage", "Network", "Security", "Identity", "Messaging", "Transactions",
              "Diagnostics", "Serialization", "Hosting", "Discovery", "Routing", "Caching",
              "Scheduling", "Replication", "Billing", "Telemetry", "Gateway", "Compute",
              "Search", "Workflow"]
AREAS = ["Channels", "Dispatcher", "Description", "Configuration", "Activation", "Tokens",
         "Policies", "Streams", "Buffers", "Sessions", "Quotas", "Listeners", "Proxies",
         "Encoders", "Metadata", "Endpoints", "Faults", "Retries", "Leases", "Shards"]


def lognormal_length(rng, median=80.0, sigma=0.75, cap=2048):
    return max(8, min(cap, int(math.exp(math.log(median) + sigma * rng.gauss(0, 1)))))


def english(rng, length, placeholders):
    words = []
    size = 0
    while size < length:
        w = rng.choice(EN_WORDS)
        words.append(w)
        size += len(w) + 1
    for p in range(placeholders):
        words.insert(rng.randrange(len(words) + 1), "{%d}" % p)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def alphabet(script):
    if script.startswith("latin"):
        return "abcdefghijklmnopqrstuvwxyz" * 3 + LATIN_EXTRA[script]
    return SCRIPTS[script]


def translate(word_cache, rng_seed, script, factor, text):
    """Word by word, each English word mapped to a stable pseudo-word of the locale's script."""
    letters = alphabet(script)
    out = []
    for w in text.split(" "):
        if w.startswith("{"):
            out.append(w)
            continue
        core = w.rstrip(".").lower()
        key = (script, core)
        t = word_cache.get(key)
        if t is None:
            r = random.Random(f"{rng_seed}:{script}:{core}")
            n = max(1, round(len(core) * factor * r.uniform(0.7, 1.3)))
            t = "".join(r.choice(letters) for _ in range(n))
            word_cache[key] = t
        out.append(t + ("." if w.endswith(".") else ""))
    sep = "" if script in ("han", "kana") else " "
    return sep.join(out)


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, required=True)
    ap.add_argument("--locales", type=int, default=40)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not 1 <= a.locales <= len(LOCALES) + 1:
        ap.error(f"--locales must be 1..{len(LOCALES) + 1}")
    rng = random.Random(a.seed)

    common = [english(rng, lognormal_length(rng, 40, 0.4), rng.choice([0, 0, 1])) for _ in range(300)]
    ids, sources = [], []
    seen = set()
    for i in range(a.messages):
        while True:
            name = "".join(w.capitalize() for w in rng.sample(EN_WORDS, rng.randint(2, 4)))
            parts = [rng.choice(PRODUCTS), rng.choice(COMPONENTS)]
            if rng.random() < 0.6:
                parts.append(rng.choice(AREAS))
            mid = ".".join(parts + [name])
            if mid not in seen:
                break
            name += str(i)
            mid = ".".join(parts + [name])
            if mid not in seen:
                break
        seen.add(mid)
        ids.append(mid)
        if rng.random() < 0.08:
            sources.append(common[rng.randrange(len(common))])
        else:
            r = rng.random()
            ph = 0 if r < 0.39 else 1 if r < 0.75 else 2 if r < 0.93 else 3
            sources.append(english(rng, lognormal_length(rng), ph))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "ids.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(ids) + "\n")
    cache = {}
    for tag, script, factor in LOCALES[: a.locales - 1]:
        lrng = random.Random(f"{a.seed}:{tag}")
        path = os.path.join(a.out, f"synthetic.{tag}.xlf")
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n'
                    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
                    f'  <file datatype="xml" source-language="en" target-language="{tag}" '
                    'original="synthetic">\n    <body>\n')
            for mid, src in zip(ids, sources):
                r = lrng.random()
                if r < 0.01:
                    target, state = src, "translated"
                elif r < 0.02:
                    target, state = src, "new"
                else:
                    target, state = translate(cache, a.seed, script, factor, src), "translated"
                f.write(f'      <trans-unit id="{mid}">\n'
                        f'        <source>{xml_escape(src)}</source>\n'
                        f'        <target state="{state}">{xml_escape(target)}</target>\n'
                        '      </trans-unit>\n')
            f.write("    </body>\n  </file>\n</xliff>\n")


if __name__ == "__main__":
    main()
