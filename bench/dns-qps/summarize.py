#!/usr/bin/env python3
"""Summaries for bench/dns-qps/run over results/raw/<server>/*.txt (+ .meta from the peers' cpu_window.py).

  summarize.py half DIR QFILE   -> "C Q HALF_QPS": the -c/-q pair with the best median QPS, and half that QPS
  summarize.py summary DIR      -> markdown: peak table, half-peak table, ratios Meridian/gdnsd and Meridian/PowerDNS
"""
import glob, os, re, statistics, sys

med = statistics.median


def runs(d, prefix=""):
    """(qfile, c, q) -> list of dicts, from files named [half_]<qfile>_c<C>_q<Q>_rep<N>.txt"""
    out = {}
    for path in glob.glob(os.path.join(d, prefix + "*_rep*.txt")):
        name = os.path.basename(path)
        if not prefix and name.startswith("half_"):
            continue
        m = re.match(re.escape(prefix) + r"(.+)_c(\d+)_q(\d+)_rep\d+\.txt$", name)
        if not m:
            continue
        t = open(path, errors="replace").read()
        g = lambda pat: (lambda mm: float(mm.group(1)) if mm else None)(re.search(pat, t))
        r = dict(qps=g(r"Queries per second:\s+([0-9.]+)"), sent=g(r"Queries sent:\s+(\d+)"),
                 lost=g(r"Queries lost:\s+(\d+)"), lat=g(r"Average Latency \(s\):\s+([0-9.]+)"))
        if r["qps"] is None:
            continue
        meta = path[:-4] + ".meta"
        mt = open(meta).read() if os.path.exists(meta) else ""
        mm = re.search(r"server_cpu_pct:\s*(-?\d+)", mt)
        r["cpu"] = int(mm.group(1)) if mm else None
        lats = sorted(float(l.split()[-1]) for l in t.splitlines() if l.startswith("> ") and l.split()[1] != "T")
        r["p99"] = lats[min(len(lats) - 1, int(0.99 * len(lats)))] if lats else None
        out.setdefault((m.group(1), int(m.group(2)), int(m.group(3))), []).append(r)
    return out


def stats(rs):
    cpu = [r["cpu"] for r in rs if r["cpu"]]
    q = med(r["qps"] for r in rs)
    p99 = [r["p99"] for r in rs if r["p99"] is not None]
    return dict(n=len(rs), qps=q, cpu=med(cpu) if cpu else None, per_core=q / (med(cpu) / 100) if cpu else None,
                lat=med(r["lat"] for r in rs if r["lat"] is not None) * 1000,
                lost=sum(r["lost"] or 0 for r in rs), sent=sum(r["sent"] or 0 for r in rs),
                p99=med(p99) * 1000 if p99 else None)


def fmt(v, f="{:,.0f}"):
    return "n/a" if v is None else f.format(v)


def half(d, qfile):
    best = max(((k, stats(v)) for k, v in runs(d).items() if k[0] == qfile), key=lambda kv: kv[1]["qps"], default=None)
    if best is None:
        sys.exit(1)
    (_, c, q), s = best
    print(c, q, int(s["qps"] / 2))


def summary(raw):
    servers = sorted(os.path.basename(p) for p in glob.glob(os.path.join(raw, "*")) if os.path.isdir(p))
    peak, halfp = {}, {}
    print("## Peak (dnsperf pinned to core 0, server to core 1)\n")
    print("| server | queries | -c / -q | runs | QPS median | server CPU % | QPS per server core | avg latency ms | lost |")
    print("|---|---|---|---|---|---|---|---|---|")
    for sv in servers:
        for k, v in sorted(runs(os.path.join(raw, sv)).items()):
            s = stats(v)
            peak.setdefault((sv, k[0]), []).append(s)
            print(f"| {sv} | {k[0]} | {k[1]} / {k[2]} | {s['n']} | {fmt(s['qps'])} | {fmt(s['cpu'])} | "
                  f"{fmt(s['per_core'])} | {s['lat']:.3f} | {int(s['lost'])} of {int(s['sent'])} |")
    print("\n## Half of each server's median peak (dnsperf -Q, -v for per-query latency)\n")
    print("| server | queries | -c / -q | runs | QPS median | lost | p99 latency ms | avg latency ms |")
    print("|---|---|---|---|---|---|---|---|")
    for sv in servers:
        for k, v in sorted(runs(os.path.join(raw, sv), "half_").items()):
            s = stats(v)
            halfp[(sv, k[0])] = s
            print(f"| {sv} | {k[0]} | {k[1]} / {k[2]} | {s['n']} | {fmt(s['qps'])} | "
                  f"{int(s['lost'])} of {int(s['sent'])} | {fmt(s['p99'], '{:.3f}')} | {s['lat']:.3f} |")
    print("\n## Ratios (best -c/-q median of each server)\n")
    print("| queries | ratio | QPS | QPS per server core |")
    print("|---|---|---|---|")
    for qf in sorted({k[1] for k in peak}):
        m = peak.get(("meridian", qf))
        if not m:
            continue
        mb = max(m, key=lambda s: s["qps"])
        for peer, label in (("gdnsd", "Meridian/gdnsd"), ("knot", "Meridian/Knot"), ("pdns-shared", "Meridian/PowerDNS"),
                            ("pdns-yes", "Meridian/PowerDNS (per-query Lua)"), ("meridian-base", "Meridian/earlier build")):
            p = peak.get((peer, qf))
            if not p:
                continue
            pb = max(p, key=lambda s: s["qps"])
            pc = f"{mb['per_core'] / pb['per_core']:.2f}" if mb["per_core"] and pb["per_core"] else "n/a"
            print(f"| {qf} | {label} | {mb['qps'] / pb['qps']:.2f} | {pc} |")


if __name__ == "__main__":
    if sys.argv[1] == "half":
        half(sys.argv[2], sys.argv[3])
    else:
        summary(sys.argv[2])
