#!/usr/bin/env python3
"""Summaries for bench/dns-qps/run over results/raw/<server>/*.txt (+ .meta from the peers' cpu_window.py).

  summarize.py half DIR QFILE   -> "C Q HALF_QPS": the -c/-q pair with the best median QPS, and half that QPS
  summarize.py summary DIR      -> markdown: one table of every server (QPS at the generator's limit, per server
                                   core, user/system CPU, p99 and lost at half peak, ratios to gdnsd and Knot),
                                   then the peak and half-peak cells it comes from
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
        for key in ("user", "sys"):
            mm = re.search(r"server_%s_pct:\s*([0-9.]+)" % key, mt)
            r[key] = float(mm.group(1)) if mm else None
        lats = sorted(float(l.split()[-1]) for l in t.splitlines() if l.startswith("> ") and l.split()[1] != "T")
        r["p99"] = lats[min(len(lats) - 1, int(0.99 * len(lats)))] if lats else None
        out.setdefault((m.group(1), int(m.group(2)), int(m.group(3))), []).append(r)
    return out


def stats(rs):
    cpu = [r["cpu"] for r in rs if r["cpu"]]
    q = med(r["qps"] for r in rs)
    p99 = [r["p99"] for r in rs if r["p99"] is not None]
    user = [r["user"] for r in rs if r.get("user") is not None]
    system = [r["sys"] for r in rs if r.get("sys") is not None]
    return dict(n=len(rs), qps=q, cpu=med(cpu) if cpu else None, per_core=q / (med(cpu) / 100) if cpu else None,
                user=med(user) if user else None, sys=med(system) if system else None,
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
    for sv in servers:
        for k, v in sorted(runs(os.path.join(raw, sv)).items()):
            peak.setdefault((sv, k[0]), []).append(dict(stats(v), c=k[1], q=k[2]))
        for k, v in sorted(runs(os.path.join(raw, sv), "half_").items()):
            halfp[(sv, k[0])] = dict(stats(v), c=k[1], q=k[2])
    best = {key: max(v, key=lambda s: s["qps"]) for key, v in peak.items()}

    def ratio(sv, qf, peer, field):
        a, b = best.get((sv, qf)), best.get((peer, qf))
        return f"{a[field] / b[field]:.2f}" if a and b and a[field] and b[field] and sv != peer else ""

    print("## All servers (best -c/-q median of each; CPU in % of the one server core)\n")
    print("| queries | server | QPS at the generator's limit | QPS per server core | user % | system % "
          "| p99 at half peak ms | lost at half peak | QPS / gdnsd | per core / gdnsd | per core / Knot |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for qf in sorted({k[1] for k in best}):
        for sv in servers:
            b = best.get((sv, qf))
            if not b:
                continue
            h = halfp.get((sv, qf))
            lost = f"{int(h['lost'])} of {int(h['sent'])}" if h else "n/a"
            print(f"| {qf} | {sv} | {fmt(b['qps'])} | {fmt(b['per_core'])} | {fmt(b['user'], '{:.0f}')} | "
                  f"{fmt(b['sys'], '{:.0f}')} | {fmt(h and h['p99'], '{:.3f}')} | "
                  f"{lost} | {ratio(sv, qf, 'gdnsd', 'qps')} | "
                  f"{ratio(sv, qf, 'gdnsd', 'per_core')} | {ratio(sv, qf, 'knot', 'per_core')} |")
    print("\n## Peak (dnsperf pinned to core 0, server to core 1)\n")
    print("| server | queries | -c / -q | runs | QPS median | server CPU % | user % | system % | QPS per server core "
          "| avg latency ms | lost |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (sv, qf), cells in sorted(peak.items()):
        for s in cells:
            print(f"| {sv} | {qf} | {s['c']} / {s['q']} | {s['n']} | {fmt(s['qps'])} | {fmt(s['cpu'])} | "
                  f"{fmt(s['user'], '{:.0f}')} | {fmt(s['sys'], '{:.0f}')} | {fmt(s['per_core'])} | {s['lat']:.3f} | "
                  f"{int(s['lost'])} of {int(s['sent'])} |")
    print("\n## Half of each server's median peak (dnsperf -Q, -v for per-query latency)\n")
    print("| server | queries | -c / -q | runs | QPS median | lost | p99 latency ms | avg latency ms |")
    print("|---|---|---|---|---|---|---|---|")
    for (sv, qf), s in sorted(halfp.items()):
        print(f"| {sv} | {qf} | {s['c']} / {s['q']} | {s['n']} | {fmt(s['qps'])} | "
              f"{int(s['lost'])} of {int(s['sent'])} | {fmt(s['p99'], '{:.3f}')} | {s['lat']:.3f} |")
    print("\n## Ratios of each Meridian build or transport to each peer (best -c/-q median of each)\n")
    print("| queries | ratio | QPS | QPS per server core |")
    print("|---|---|---|---|")
    peers = [("gdnsd", "gdnsd"), ("knot", "Knot"), ("pdns-shared", "PowerDNS"), ("pdns-yes", "PowerDNS (per-query Lua)")]
    peers += [(sv, sv.replace("meridian-base", "earlier build")) for sv in servers if sv.startswith("meridian-base")]
    for qf in sorted({k[1] for k in best}):
        for sv in (sv for sv in servers if sv.startswith("meridian") and not sv.startswith("meridian-base")):
            for peer, label in peers:
                if (sv, qf) in best and (peer, qf) in best:
                    print(f"| {qf} | {sv} / {label} | {ratio(sv, qf, peer, 'qps')} | "
                          f"{ratio(sv, qf, peer, 'per_core') or 'n/a'} |")

if __name__ == "__main__":
    if sys.argv[1] == "half":
        half(sys.argv[2], sys.argv[3])
    else:
        summary(sys.argv[2])
