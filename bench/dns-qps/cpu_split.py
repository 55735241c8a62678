#!/usr/bin/env python3
"""cpu_split.py SERVER_PID SECONDS

The server's CPU over a window, split into user and system time, read from /proc (the server
is its PID and every descendant). Prints the keys of ../shared/bench/peers/cpu_window.py
(server_cpu_pct, dnsperf_cpu_pct, machine_busy_pct_of_200) plus server_user_pct and
server_sys_pct, each in % of one core."""
import os, sys, time

HZ = os.sysconf("SC_CLK_TCK")


def procs():
    d = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                s = open(f"/proc/{p}/stat").read()
                f = s[s.rindex(")") + 2:].split()
                d[int(p)] = (s[s.index("(") + 1:s.rindex(")")], int(f[11]), int(f[12]), int(f[1]))
            except (OSError, ValueError):
                pass  # the process ended while we read
    return d


def machine():
    f = list(map(int, open("/proc/stat").readline().split()[1:9]))
    return sum(f), f[3] + f[4]


spid, secs = int(sys.argv[1]), float(sys.argv[2])
a, (ta, ia) = procs(), machine()
time.sleep(secs)
b, (tb, ib) = procs(), machine()
tree = {spid}
for _ in range(5):
    tree |= {p for p, v in b.items() if v[3] in tree}


def pct(pred, field):
    return sum(b[p][field] - a[p][field] for p in b if p in a and pred(p, b[p][0])) * 100.0 / HZ / secs


user = pct(lambda p, c: p in tree, 1)
system = pct(lambda p, c: p in tree, 2)
client = pct(lambda p, c: c == "dnsperf", 1) + pct(lambda p, c: c == "dnsperf", 2)
print(f"server_cpu_pct: {user + system:.0f}")
print(f"server_user_pct: {user:.1f}")
print(f"server_sys_pct: {system:.1f}")
print(f"dnsperf_cpu_pct: {client:.0f}")
print(f"machine_busy_pct_of_200: {200.0 * ((tb - ta) - (ib - ia)) / max(1, tb - ta):.0f}")
