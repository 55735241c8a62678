#!/usr/bin/env python3
"""ISC's EDNS compliance tests (genreport, https://ednscomp.isc.org), emulated with dig.

    edns_battery.py SERVER ZONE [PORT]   -> one JSON object per line:
                                            {test, group, ok, tags, command, response}

genreport is not packaged. It sends one query per test and tags the response with what is wrong
with it; "ok" when nothing is. This script sends the same queries with dig (the dig command each
test documents) and applies the same rules to dig's output, test by test, in genreport's order and
groups (EDNS, FULL, COMM, TYPE). The rules, as genreport applies them:

- the opcode must be echoed; QUERY gets NOERROR (or BADCOOKIE with a server cookie to a query that
  sent a cookie), an unknown opcode NOTIMP with every section empty; EDNS version > 0 gets BADVERS,
  and the OPT of a response is version 0;
- a query with EDNS gets an OPT ("noopt" otherwise) and one without gets none ("opt"); no EDNS flag
  but DO in a response ("mbz"); DO copied ("nodo"); an unknown option not echoed ("echoed");
- an SOA query at version 0 gets the SOA in the answer ("nosoa"), and no other rcode has it ("soa");
- AA on every NOERROR answer to QUERY ("noaa") and never on another opcode ("aa"); RA, RD, AD and CD
  only where the query defined them: RD only when asked for and only for QUERY ("rd", "nord"), CD
  only when set in a QUERY ("cd"), AD only for QUERY with AD or DO in the query ("ad"), RA never for
  another opcode ("ra"); the Z bit never ("z");
- a test that ignores TC must get a response no larger than its UDP size, or 512 ("toobig").
Beyond genreport (group EXTRA): NXDOMAIN and REFUSED, FORMERR for a malformed option, AXFR refused.
"""
import json
import re
import subprocess
import sys

SERVER, ZONE = sys.argv[1], sys.argv[2].rstrip(".")
PORT = sys.argv[3] if len(sys.argv) > 3 else "53"

OPCODES = {"QUERY": 0, "IQUERY": 1, "STATUS": 2, "NOTIFY": 4, "UPDATE": 5}
NSID, ECS0, EXPIRE, COOKIE, OPT100 = "+nsid", "+subnet=0.0.0.0/0", "+expire", "+cookie=0102030405060708", "+ednsopt=100"


class T:
    """One genreport test: the query's shape (as genreport's table gives it)."""

    def __init__(self, name, group, *, udp=0, version=0, do=False, ednsflags=0, options=(), tcp=False,
                 ignore=False, tc=False, rd=False, ra=False, cd=False, ad=False, aa=False, z=False,
                 opcode=0, qtype="SOA", qname=None, expect=None):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def args(self):
        a = ["+time=2", "+tries=1", "+noidnout"]
        if self.udp:
            a += [f"+edns={self.version}", f"+bufsize={self.udp}"]
            a += ["+noednsneg"] if self.version else []
            a += ["+dnssec"] if self.do else []
            a += [f"+ednsflags={self.ednsflags:#x}"] if self.ednsflags else []
            a += list(self.options)
            a += [] if any(o.startswith("+cookie") for o in self.options) else ["+nocookie"]
        else:
            a += ["+noedns"]
        a += ["+tcp"] if self.tcp else []
        a += ["+ignore"] if self.ignore else []
        a += ["+tcflag"] if self.tc else []
        a += ["+rec"] if self.rd else ["+norec"]
        a += ["+raflag"] if self.ra else []
        a += ["+cdflag"] if self.cd else []
        a += ["+adflag"] if self.ad else ["+noadflag"]
        a += ["+aaflag"] if self.aa else []
        a += ["+zflag"] if self.z else []
        if self.opcode:
            a += [f"+opcode={self.opcode}", "+header-only"]
        return a


E = dict(udp=4096)
TESTS = [
    T("dns", "EDNS"),
    T("aa", "FULL", aa=True), T("ad", "FULL", ad=True), T("cd", "FULL", cd=True), T("ra", "FULL", ra=True),
    T("rd", "FULL", rd=True), T("tc", "FULL", tc=True), T("zflag", "FULL", z=True),
    T("opcode", "FULL", opcode=15),
    T("opcodeflg", "FULL", opcode=15, tc=True, rd=True, ra=True, cd=True, ad=True, aa=True, z=True),
    T("type666", "FULL", qtype="TYPE666"), T("tcp", "FULL", tcp=True),
    T("edns", "EDNS", **E), T("edns1", "EDNS", version=1, **E),
    T("edns@512", "EDNS", udp=512, do=True, ignore=True, qtype="DNSKEY"),
    T("ednsopt", "EDNS", options=(OPT100,), **E), T("edns1opt", "EDNS", version=1, options=(OPT100,), **E),
    T("do", "EDNS", do=True, **E), T("edns1do", "FULL", version=1, do=True, **E),
    T("ednsflags", "EDNS", ednsflags=0x80, **E),
    T("optlist", "EDNS", options=(NSID, ECS0, EXPIRE, COOKIE), **E),
    T("ednsnsid", "FULL", options=(NSID,), **E), T("ednscookie", "FULL", options=(COOKIE,), **E),
    T("ednsexpire", "FULL", options=(EXPIRE,), **E), T("ednssubnet", "FULL", options=(ECS0,), **E),
    T("edns1nsid", "FULL", version=1, options=(NSID,), **E),
    T("edns1cookie", "FULL", version=1, options=(COOKIE,), **E),
    T("edns1expire", "FULL", version=1, options=(EXPIRE,), **E),
    T("edns1subnet", "FULL", version=1, options=(ECS0,), **E),
    T("ednstcp", "EDNS", udp=512, do=True, tcp=True, qtype="DNSKEY"),
    T("bind11", "COMM", do=True, options=(COOKIE,), **E),
    T("dig11", "COMM", rd=True, ad=True, options=(COOKIE,), **E),
] + [T(t, "TYPE", qtype=t) for t in (
    "A NS MD MF CNAME SOA MB MG MR NULL WKS PTR HINFO MINFO MX TXT RP AFSDB X25 ISDN RT NSAP NSAP-PTR SIG "
    "KEY PX GPOS AAAA LOC NXT SRV NAPTR KX CERT A6 DNAME APL DS SSHFP IPSECKEY RRSIG NSEC DNSKEY DHCID "
    "NSEC3 NSEC3PARAM TLSA SMIMEA HIP CDS CDNSKEY OPENPGPKEY SPF NID L32 L64 LP EUI48 EUI64 URI CAA AVC "
    "DOA DLV TYPE1000").split()] + [
    # beyond genreport: the other rcodes around the zone, each with what it must be
    T("x-nxdomain", "EXTRA", qname="nonexistent." + ZONE, expect="NXDOMAIN", **E),
    T("x-refused-outside", "EXTRA", qname="example.invalid", expect="REFUSED", **E),
    T("x-refused-outside-noedns", "EXTRA", qname="example.invalid", expect="REFUSED"),
    T("x-cookie-bad-length", "EXTRA", options=("+cookie=01020304",), expect="FORMERR", **E),
    T("x-ecs-bad-address", "EXTRA", options=("+ednsopt=8:000110000a0000",), expect="FORMERR", **E),
    T("x-opcode-notify", "EXTRA", opcode=4, expect="NOTIMP"),
    T("x-axfr", "EXTRA", tcp=True, qtype="AXFR", expect="refused"),
]


def run(t):
    cmd = ["dig", "@" + SERVER, "-p", PORT, *t.args(), t.qname or ZONE, t.qtype]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
    except subprocess.TimeoutExpired:
        out = ""
    return " ".join(cmd), out


def parse(out):
    """The first response dig printed (header, counts, flags, OPT, answer records, size)."""
    m = re.search(r"->>HEADER<<- opcode: (\w+), status: (\w+), id: \d+\n;; flags:([^;]*);(.*?)QUERY: (\d+), "
                  r"ANSWER: (\d+), AUTHORITY: (\d+), ADDITIONAL: (\d+)", out)
    if not m:
        return None
    op = m.group(1)
    r = {"opcode": OPCODES.get(op, int(op[8:]) if op.startswith("RESERVED") else -1), "rcode": m.group(2),
         "flags": set(m.group(3).split()), "z": "MBZ" in m.group(4),
         "counts": tuple(int(m.group(i)) for i in range(5, 9)), "opt": None, "options": {}, "answer": []}
    body = out[m.end():].split("\n;; Got answer:")[0]   # a retry's second answer is not this one
    e = re.search(r"; EDNS: version: (\d+), flags:([^;]*);(?: MBZ: (0x[0-9a-f]+),)? udp: (\d+)", body)
    if e:
        r["opt"] = {"version": int(e.group(1)), "do": "do" in e.group(2).split(),
                    "mbz": int(e.group(3), 16) if e.group(3) else 0}
        for line in body[e.end():].split("\n;; ")[0].splitlines()[1:]:
            om = re.match(r"; ([A-Z0-9=-]+): ?(.*)$", line)
            if om:
                r["options"][om.group(1)] = om.group(2)
    section = None
    for line in body.splitlines():
        if line.startswith(";; "):
            section = line[3:].split(" SECTION")[0] if "SECTION" in line else None
        elif section == "ANSWER" and line.strip() and not line.startswith(";"):
            f = line.split()
            r["answer"].append((f[0].lower().rstrip("."), f[3].upper()))
    s = re.search(r";; MSG SIZE\s+rcvd: (\d+)", body)
    r["size"] = int(s.group(1)) if s else 0
    return r


def genreport_tags(t, r):
    """genreport's tags for one response (empty: ok)."""
    tags = []
    if t.opcode and any(r["counts"]):
        for name, n in zip(("question", "answer", "authority", "additional"), r["counts"]):
            if n:
                tags.append(f"non-empty-{name}-section")
    if r["opcode"] != t.opcode:
        tags.append(f"opcode{r['opcode']}")
    rc = r["rcode"]
    cookie = COOKIE in t.options
    server_cookie = len(r["options"].get("COOKIE", "").split(" ")[0]) >= 32
    if t.version == 0:
        if t.opcode == 0 and rc != "NOERROR" and not (cookie and rc == "BADCOOKIE" and server_cookie):
            tags.append(rc.lower())
        if t.opcode and rc != "NOTIMP":
            tags.append(rc.lower())
    elif rc != "BADVERS":
        tags.append(rc.lower())
    opt = r["opt"]
    if opt and opt["version"] != 0:
        tags.append("version-not-zero")
    if opt and ((opt["version"] < t.version and rc != "BADVERS") or (opt["version"] >= t.version and rc == "BADVERS")):
        tags.append("badversion")
    if not opt and t.udp:
        tags.append("noopt")
    if opt and not t.udp:
        tags.append("opt")
    soa = any(o == ZONE.lower() and ty == "SOA" for o, ty in r["answer"])
    if t.qtype == "SOA" and t.version == 0 and not t.ignore and not soa and rc == "NOERROR" and not t.opcode:
        tags.append("nosoa")
    if t.qtype == "SOA" and soa and (t.version != 0 or rc != "NOERROR"):
        tags.append("soa")
    if any(k in ("OPT=100", "100") for k in r["options"]):
        tags.append("echoed")
    if opt and t.do and not opt["do"]:
        tags.append("nodo")
    f = r["flags"]
    if "aa" not in f and t.version == 0 and rc == "NOERROR" and not t.opcode:
        tags.append("noaa")
    if "aa" in f and t.opcode:
        tags.append("aa")
    if "ra" in f and t.opcode:
        tags.append("ra")
    if "rd" in f and (t.opcode or not t.rd):
        tags.append("rd")
    if "rd" not in f and t.rd and not t.opcode:
        tags.append("nord")
    if "ad" in f and (t.opcode or (not t.ad and not t.do)):
        tags.append("ad")
    if "cd" in f and (t.opcode or not t.cd):
        tags.append("cd")
    if r["z"]:
        tags.append("z")
    if opt and opt["mbz"]:
        tags.append("mbz")
    if t.ignore and r["size"] > (t.udp or 512):
        tags.append("toobig")
    return tags


def extra_tags(t, r, out):
    if t.qtype == "AXFR":
        return [] if "; Transfer failed." in out else ["axfr-not-refused"]
    if r is None:
        return ["timeout"]
    tags = [] if r["rcode"] == t.expect else [r["rcode"].lower()]
    if "aa" in r["flags"] and t.expect not in ("NXDOMAIN",):
        tags.append("aa")
    if "aa" not in r["flags"] and t.expect == "NXDOMAIN":
        tags.append("noaa")
    if t.udp and not r["opt"]:
        tags.append("noopt")
    if not t.udp and r["opt"]:
        tags.append("opt")
    return tags


for t in TESTS:
    cmd, out = run(t)
    r = parse(out)
    if t.group == "EXTRA":
        tags = extra_tags(t, r, out)
    else:
        tags = ["timeout" if not out or "timed out" in out or "no servers could be reached" in out
                else "malformed"] if r is None else genreport_tags(t, r)
    print(json.dumps({"test": t.name, "group": t.group, "ok": not tags, "tags": tags, "command": cmd,
                      "response": out}))
