#!/usr/bin/env python3
"""Did a checker send anything off loopback? Reads strace logs (-f -e trace=connect,sendto,sendmsg,sendmmsg,close).

    trace_check.py TRACE...   -> exit 1 and the offending lines when it did

A send with an explicit destination must go to 127.0.0.0/8 or ::1. A connect() elsewhere is
allowed only when nothing is sent on that descriptor before it is closed or connected again:
dnsviz connects a UDP socket to a root server's address once to learn its source address, which
sends no packet.
"""
import re
import sys

ADDR = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')
CALL = re.compile(r"^(\d+)\s+(connect|sendto|sendmsg|sendmmsg|close)\((\d+)")


def loopback(a):
    return a.startswith("127.") or a == "::1"


bad, connected, sends = [], {}, 0
for path in sys.argv[1:]:
    connected.clear()
    for line in open(path, errors="replace"):
        m = CALL.match(line)
        if not m:
            continue
        call, fd = m.group(2), int(m.group(3))
        a = ADDR.search(line)
        addr = (a.group(1) or a.group(2)) if a else None
        if call == "close":
            connected.pop(fd, None)
        elif call == "connect":
            connected[fd] = (addr, line.strip())
        else:
            sends += 1
            dest = addr or (connected.get(fd) or (None,))[0]
            if dest and not loopback(dest):
                bad.append(f"{path}: {line.strip()}" + ("" if addr else f"  (after {connected[fd][1]})"))
for b in bad:
    print(b)
print(f"{sends} sends checked, {len(bad)} off loopback", file=sys.stderr)
sys.exit(1 if bad else 0)
