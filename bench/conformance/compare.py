#!/usr/bin/env python3
"""Diffs the checkers' findings on Meridian against NSD's (bench/conformance/run writes both).

    compare.py OUT      -> markdown on stdout; exit 1 when Meridian has a finding NSD does not have

A finding is a zonemaster message at NOTICE or above, a dnsviz grok error or warning, or a battery
check that fails. Values that differ by design between two correct servers are normalised away
before comparing: the SOA serial (Meridian's is the config's time stamp), the order of lists, the
random letter case zonemaster puts in its case tests and the random labels dnsviz asks for.
ACCEPTED lists findings that are deliberate, each with the reason (docs/dns.md, "Conformance").
"""
import json
import os
import re
import sys

OUT = sys.argv[1]
LEVELS = ["DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL"]
FINDING_LEVEL = LEVELS.index("NOTICE")

ACCEPTED = {
    ("dnsviz -C", "NO_SERVER_COOKIE_WITHOUT_BADCOOKIE"):
        "strict mode only (grok -C): RFC 7873 5.2.3 lets a server answer a client-only cookie normally "
        "with a fresh server cookie, as BIND does by default; BADCOOKIE would cost every resolver's "
        "first query a round trip",
    ("dnsviz -C", "INVALID_SERVER_COOKIE_WITHOUT_BADCOOKIE"):
        "strict mode only (grok -C): RFC 7873 5.2.4 treats an invalid server cookie as a client-only "
        "cookie (5.2.3); Meridian answers with a fresh one, and RRL limits clients without a valid cookie",
}


def norm_value(k, v):
    v = str(v)
    if k in ("serial", "serial_min", "serial_max", "serials"):
        return "<serial>"
    if k == "domain":
        v = v.lower()
    if k.endswith("list") or k == "names":   # lists whose order is the server's (or zonemaster's) choice
        sep = ";" if ";" in v else ","
        return sep.join(sorted(v.split(sep)))
    return v


def zonemaster(sv):
    found = {}
    path = os.path.join(OUT, sv, "zonemaster.json")
    for line in open(path):
        m = json.loads(line)
        if m["tag"] == "GLOBAL_VERSION":
            continue
        args = ", ".join(f"{k}={norm_value(k, v)}" for k, v in sorted(m.get("args", {}).items()))
        key = (m["level"], m["testcase"], m["tag"], args)
        found[key] = LEVELS.index(m["level"]) >= FINDING_LEVEL
    return found


def walk(o, path, acc):
    if isinstance(o, dict):
        for k, v in o.items():
            if k in ("errors", "warnings") and isinstance(v, list):
                for e in v:
                    acc.append((k[:-1], "/".join(path), e.get("code", "?"), e.get("description", "")))
            else:
                walk(v, path + [k], acc)
    elif isinstance(o, list):
        for v in o:
            walk(v, path, acc)


def dnsviz(sv):
    found = {}
    for mode, f in (("dnsviz", "dnsviz-grok.json"), ("dnsviz -C", "dnsviz-grok-cookies.json")):
        acc = []
        walk(json.load(open(os.path.join(OUT, sv, f))), [], acc)
        for kind, where, code, desc in acc:
            where = re.sub(r"(^|/)[0-9a-z]{10}\.", r"\1<random>.", where)
            found[(mode, kind, where, code, desc)] = True
    return found


def battery(sv):
    found = {}
    for f in ("edns.jsonl", "edns-ns2.jsonl"):
        for line in open(os.path.join(OUT, sv, f)):
            m = json.loads(line)
            for tag in m["tags"]:
                found[(m["test"], tag, m["command"])] = True
    return found


def accepted(checker, key):
    if checker != "dnsviz":
        return None
    return ACCEPTED.get((key[0], key[3]))


def report(variant):
    """Prints one server's comparison with NSD; True when it has a finding NSD does not have."""
    failed = False
    print(f"## {variant} against nsd\n")
    for checker, fn in (("zonemaster", zonemaster), ("dnsviz", dnsviz), ("EDNS battery", battery)):
        try:
            nsd, mer = fn("nsd"), fn(variant)
        except FileNotFoundError as e:
            print(f"### {checker}\n\nmissing output: {e.filename}\n")
            failed = True
            continue
        nf = {k for k, f in nsd.items() if f}
        mf = {k for k, f in mer.items() if f}
        only_m, only_n, both = sorted(mf - nf), sorted(nf - mf), sorted(mf & nf)
        info_m = sorted(k for k, f in mer.items() if not f and k not in nsd)
        print(f"### {checker}\n")
        print(f"findings: NSD {len(nf)}, {variant} {len(mf)}; {variant} only {len(only_m)}, NSD only {len(only_n)}, "
              f"both {len(both)}\n")
        for title, keys in ((f"{variant} only", only_m), ("NSD only", only_n), ("both (the loopback setup, or shared)", both),
                            (f"{variant} only, below NOTICE (not findings)", info_m)):
            if not keys:
                continue
            print(f"{title}:\n")
            for k in keys:
                why = accepted(checker, k) if keys is only_m else None
                print("- " + " | ".join(str(x) for x in k) + (f" — accepted: {why}" if why else ""))
                failed |= keys is only_m and not why
            print()
    return failed


VARIANTS = sys.argv[2:] or [v for v in ("meridian", "meridian-cluster") if os.path.isdir(os.path.join(OUT, v))]
print("# Conformance: Meridian against NSD on the same delegated zone\n")
print(f"Raw output: `{OUT}/<server>/` (zonemaster.json, dnsviz-grok*.json, dnsviz-print.txt, edns*.jsonl).\n")
rc = 0
for v in VARIANTS:
    rc |= report(v)
print("**Result: " + ("Meridian has findings NSD does not have.**" if rc else
                      "Meridian has no finding that NSD does not have (accepted deviations listed above).**"))
sys.exit(1 if rc else 0)
