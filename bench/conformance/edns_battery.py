#!/usr/bin/env python3
"""The EDNS and protocol compliance checks of ISC's ednscomp (genreport), emulated with dig.

    edns_battery.py SERVER ZONE [PORT]      -> one JSON object per line: {test, ok, why, command}

ISC's genreport is not packaged; https://ednscomp.isc.org documents its checks: each sends one
query with dig and judges the response (rcode, flags, the OPT record's version, flags and options,
whether the answer holds the SOA). The same queries and expectations are written out here, one
entry per check, so the battery runs against any server on loopback and its lines can be diffed
between two servers (bench/conformance/compare.py). A check that fails prints what was seen.
"""
import json
import re
import subprocess
import sys

SERVER, ZONE = sys.argv[1], sys.argv[2]
PORT = sys.argv[3] if len(sys.argv) > 3 else "53"

FLAG_BITS = {"qr", "aa", "tc", "rd", "ra", "ad", "cd"}


def dig(args, qtype="SOA", name=None):
    cmd = ["dig", "@" + SERVER, "-p", PORT, "+time=2", "+tries=1", "+norec", "+noidnout",
           *args, name or ZONE, qtype]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout
    return " ".join(cmd), parse(out)


def parse(out):
    r = {"raw": out, "timeout": ";; communications error" in out or "no servers could be reached" in out
         or "connection timed out" in out, "opt": None, "answer": [], "authority": [], "options": {}}
    m = re.search(r"opcode: (\w+), status: (\w+), id: (\d+)", out)
    if not m:
        r["timeout"] = True
        return r
    r["opcode"], r["status"] = m.group(1), m.group(2)
    m = re.search(r";; flags:([^;]*);", out)
    r["flags"] = set(m.group(1).split()) if m else set()
    m = re.search(r"; EDNS: version: (\d+), flags:([^;]*);(?: MBZ: (0x[0-9a-f]+),)? udp: (\d+)", out)
    if m:
        r["opt"] = {"version": int(m.group(1)), "flags": set(m.group(2).split()),
                    "mbz": int(m.group(3), 16) if m.group(3) else 0, "udp": int(m.group(4))}
        for line in out.split(";; OPT PSEUDOSECTION:")[1].split("\n;; ")[0].splitlines()[1:]:
            om = re.match(r"; (\S+?):? ?(.*)$", line)
            if om and om.group(1) != "EDNS":
                r["options"][om.group(1).rstrip(":")] = om.group(2)
    section = None
    for line in out.splitlines():
        if line.startswith(";; ANSWER SECTION"):
            section = "answer"
        elif line.startswith(";; AUTHORITY SECTION"):
            section = "authority"
        elif line.startswith(";;") or not line.strip():
            section = None if not line.strip() else section
        elif section and not line.startswith(";"):
            f = line.split()
            if len(f) >= 4:
                r[section].append((f[0].lower(), f[3].upper()))
    return r


def has_soa(r):
    return any(t == "SOA" for _, t in r["answer"])


def problems(r, rcode="NOERROR", soa=True, opt=True, aa=True, version0=True):
    """What a response breaks of the common expectations of a check (empty: nothing)."""
    if r["timeout"]:
        return ["no response"]
    p = []
    if r["status"] != rcode:
        p.append(f"rcode {r['status']}, expected {rcode}")
    if soa is True and not has_soa(r):
        p.append("no SOA in the answer")
    if soa is False and has_soa(r):
        p.append("SOA in the answer")
    if opt is True and r["opt"] is None:
        p.append("no OPT record")
    if opt is False and r["opt"] is not None:
        p.append("OPT record in the response to a query without EDNS")
    if version0 and r["opt"] is not None and r["opt"]["version"] != 0:
        p.append(f"OPT version {r['opt']['version']}")
    if r["opt"] is not None and r["opt"]["mbz"]:
        p.append(f"OPT MBZ flags {r['opt']['mbz']:#x} not cleared")
    if aa is True and "aa" not in r["flags"]:
        p.append("aa clear on an authoritative answer")
    if aa is False and "aa" in r["flags"]:
        p.append("aa set on a response that is not an answer from the zone")
    return p


CHECKS = []


def check(name, args, qtype="SOA", qname=None, **expect):
    def deco(extra):
        CHECKS.append((name, args, qtype, qname, expect, extra))
        return extra
    return deco


def none(r):
    return []


# the ednscomp list, in its order (https://ednscomp.isc.org/ednscomp, "the tests")
check("dns", ["+noedns"], opt=False)(none)
check("aa", ["+noedns"], opt=False, aa=True)(none)
check("rd-clear", ["+noedns"], opt=False)(lambda r: ["ra set by an authoritative-only server"] if "ra" in r["flags"] else [])
check("edns", ["+edns=0"])(none)
check("edns1", ["+edns=1", "+noednsneg"], rcode="BADVERS", soa=False, aa=None)(none)
check("edns@512", ["+edns=0", "+dnssec", "+bufsize=512", "+ignore"], qtype="DNSKEY", soa=False)(
    lambda r: [] if r["timeout"] or any(t == "SOA" for _, t in r["authority"]) or "tc" in r["flags"]
    else ["NODATA without the SOA in authority"])
check("ednsopt", ["+edns=0", "+ednsopt=100"])(
    lambda r: ["unknown option 100 echoed"] if any(k.startswith("OPT=100") or k == "100" for k in r["options"]) else [])
check("edns1opt", ["+edns=1", "+noednsneg", "+ednsopt=100"], rcode="BADVERS", soa=False, aa=None)(
    lambda r: ["unknown option 100 echoed"] if any(k.startswith("OPT=100") or k == "100" for k in r["options"]) else [])
check("do", ["+edns=0", "+dnssec"])(
    lambda r: [] if r["timeout"] or (r["opt"] and "do" in r["opt"]["flags"]) else ["DO not copied (RFC 3225)"])
check("docd", ["+edns=0", "+dnssec", "+cd"])(
    lambda r: [] if r["timeout"] or "cd" in r["flags"] else ["CD not copied"])
check("edns1do", ["+edns=1", "+noednsneg", "+dnssec"], rcode="BADVERS", soa=False, aa=None)(none)
check("ednsflags", ["+edns=0", "+ednsflags=0x80"])(none)
check("optlist", ["+edns=0", "+nsid", "+subnet=0.0.0.0/0", "+expire", "+cookie=0102030405060708"])(
    lambda r: [f"ECS echoed as {r['options']['CLIENT-SUBNET']!r}, expected source 0.0.0.0/0 scope 0"]
    if "CLIENT-SUBNET" in r["options"] and not r["options"]["CLIENT-SUBNET"].startswith("0.0.0.0/0/0") else [])
check("ednstcp", ["+edns=0", "+tcp"])(none)
check("bind11", ["+edns=0", "+nsid", "+subnet=0.0.0.0/0", "+expire", "+cookie=0102030405060708", "+dnssec"])(none)
check("zflag", ["+noedns", "+zflag"], opt=False)(
    lambda r: ["Z bit copied into the response"] if re.search(r";; flags:[^\n]*MBZ", r["raw"]) else [])
check("opcode", ["+noedns", "+opcode=15", "+header-only"], rcode="NOTIMP", soa=False, opt=False, aa=False)(
    lambda r: [] if r["timeout"] or r.get("opcode") in ("15", "RESERVED15") else [f"opcode {r.get('opcode')} not copied"])
check("opcodeflg", ["+noedns", "+opcode=15", "+header-only", "+rec", "+cd", "+ad"], rcode="NOTIMP", soa=False, opt=False, aa=False)(
    lambda r: [f"{f} not cleared on NOTIMP" for f in ("rd", "cd", "ad") if not r["timeout"] and f in r["flags"]])
check("opcode-edns", ["+edns=0", "+opcode=15"], rcode="NOTIMP", soa=False, aa=False)(none)
check("type666", ["+noedns"], qtype="TYPE666", soa=False, opt=False)(
    lambda r: [] if r["timeout"] or any(t == "SOA" for _, t in r["authority"]) else ["NODATA without the SOA in authority"])
check("tcp", ["+noedns", "+tcp"], opt=False)(none)
check("cookie", ["+edns=0", "+cookie"])(none)
check("cookie-bad-length", ["+edns=0", "+cookie=01020304"], rcode="FORMERR", soa=False, aa=False)(none)
check("nsid", ["+edns=0", "+nsid"])(none)
check("subnet", ["+edns=0", "+subnet=0.0.0.0/0"])(
    lambda r: [f"ECS echoed as {r['options']['CLIENT-SUBNET']!r}"]
    if "CLIENT-SUBNET" in r["options"] and not r["options"]["CLIENT-SUBNET"].startswith("0.0.0.0/0/0") else [])
check("expire", ["+edns=0", "+expire"])(none)
check("keepalive", ["+edns=0", "+tcp", "+keepalive"])(none)
check("padding", ["+edns=0", "+tcp", "+padding=128"])(none)
check("dso", ["+noedns", "+opcode=6", "+header-only", "+tcp"], rcode="NOTIMP", soa=False, opt=False, aa=False)(none)
# beyond ednscomp: the rcodes and flags around the zone
check("nxdomain", ["+edns=0"], qname="nonexistent." + ZONE, rcode="NXDOMAIN", soa=False)(
    lambda r: [] if r["timeout"] or any(t == "SOA" for _, t in r["authority"]) else ["NXDOMAIN without the SOA in authority"])
check("refused-outside", ["+edns=0"], qname="example.invalid", rcode="REFUSED", soa=False, aa=False)(none)
check("refused-outside-noedns", ["+noedns"], qname="example.invalid", rcode="REFUSED", soa=False, opt=False, aa=False)(none)
check("chaos-class-outside", ["+edns=0", "-c", "CH"], qtype="TXT", qname="version.bind", rcode=None, soa=False, aa=None)(none)
check("qclass-any", ["+edns=0", "-c", "ANY"], rcode="REFUSED", soa=False, aa=False)(
    lambda r: [])
check("case", ["+edns=0"], qname=ZONE.swapcase())(
    lambda r: [] if r["timeout"] or any(o == ZONE.swapcase().lower() + "." for o, _ in r["answer"]) else [])
check("axfr-refused", ["+noedns", "+tcp", "+qr", "+nostats"], qtype="AXFR", rcode=None, soa=None, opt=None, aa=None)(
    lambda r: [] if "; Transfer failed." in r["raw"] else ["AXFR not refused"])


for name, args, qtype, qname, expect, extra in CHECKS:
    cmd, r = dig(args, qtype, qname)
    exp = dict(expect)
    rc = exp.pop("rcode", "NOERROR")
    if qtype == "AXFR":   # dig prints no header for a refused transfer
        why = extra(r)
    else:
        base = problems(r, rcode=rc if rc else r.get("status"), **exp)
        why = base + ([] if r["timeout"] else extra(r))
    print(json.dumps({"test": name, "ok": not why, "why": "; ".join(why), "command": cmd, "response": r["raw"]}))
