#!/usr/bin/env python3
"""A fake regional gateway for bench/reload-under-load: GET /status-0123456789abcdef -> 200 "OK".

    gateway.py ADDRESS PORT NAME      (loopback addresses only; runs until killed)
"""
import http.server
import ipaddress
import sys


class Status(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        ok = self.path == "/status-0123456789abcdef"
        body = (b"OK " + sys.argv[3].encode()) if ok else b"not found"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    address, port = sys.argv[1], int(sys.argv[2])
    if not ipaddress.ip_address(address).is_loopback:
        sys.exit(f"gateway.py: {address} is not a loopback address")
    http.server.ThreadingHTTPServer((address, port), Status).serve_forever()
