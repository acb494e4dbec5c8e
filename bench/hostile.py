#!/usr/bin/env python3
"""Hostile clients against a running r1540 (bench/hostile.sh starts it).

    hostile.py PORT PID SECONDS QUIET_SECONDS

First QUIET_SECONDS of normal requests alone (the baseline), then SECONDS of
the same normal requests while, at once:
  - 64 slow readers of the largest export (/en/data/r1540.json, 4 KiB every
    0.1 s, reconnecting when done or cut off),
  - 64 stalled uploads (an anonymous POST of a 20 MB report, its body sent
    at 1 KiB/s, reconnecting when answered or cut off),
  - 4 clients of cache-busting URLs (unknown and known query parameters,
    never the same URL twice).
Normal requests: one client, one GET /en/states/FRA after another, each on a
new connection. Prints the server's peak RSS (VmHWM, sampled VmRSS), the
p50/p99 of the normal requests in both phases and their ratio, and how many
normal requests failed.
"""
import socket
import sys
import threading
import time

PORT, PID, SECS, QUIET = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
stop = threading.Event()
counts = {"slow_bytes": 0, "uploads_answered": 0, "busting": 0}
lock = threading.Lock()


def rss_kib(field="VmRSS"):
    with open("/proc/%s/status" % PID) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def get(path, timeout=30.0):
    """One GET on a new connection; returns the status (0 on failure)."""
    try:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
        s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
        head = b""
        while b"\r\n" not in head:
            chunk = s.recv(65536)
            if not chunk:
                break
            head += chunk
        while s.recv(65536):
            pass
        s.close()
        return int(head.split(b" ")[1]) if head.startswith(b"HTTP/") else 0
    except (OSError, ValueError, IndexError):
        return 0


def normal(duration):
    lat, failed = [], 0
    end = time.monotonic() + duration
    while time.monotonic() < end:
        t0 = time.monotonic()
        ok = get("/en/states/FRA") == 200
        lat.append(time.monotonic() - t0)
        failed += 0 if ok else 1
        time.sleep(0.02)
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0.0
    return pct(0.50), pct(0.99), len(lat), failed


def slow_reader():
    while not stop.is_set():
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=40)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(b"GET /en/data/r1540.json HTTP/1.1\r\nHost: x\r\n\r\n")
            while not stop.is_set():
                chunk = s.recv(4096)
                if not chunk:
                    break
                with lock:
                    counts["slow_bytes"] += len(chunk)
                time.sleep(0.1)
            s.close()
        except OSError:
            time.sleep(0.1)


def stalled_upload():
    head = ("POST /en/states/FRA/reports HTTP/1.1\r\nHost: x\r\n"
            "Content-Type: multipart/form-data; boundary=xx\r\n"
            "Content-Length: 20000000\r\n\r\n--xx\r\n"
            'Content-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n')
    while not stop.is_set():
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=40)
            s.sendall(head.encode())
            s.setblocking(False)
            while not stop.is_set():
                try:
                    if s.recv(4096) is not None:  # answered (or closed): start again
                        with lock:
                            counts["uploads_answered"] += 1
                        break
                except BlockingIOError:
                    pass
                s.sendall(b"a" * 1024)
                time.sleep(1.0)
            s.close()
        except OSError:
            time.sleep(0.1)


def cache_buster(k):
    n = 0
    while not stop.is_set():
        n += 1
        path = ("/en/review?zz%d=%d" % (k, n)) if n % 2 else ("/api/v1/review?msg=%d-%d" % (k, n))
        get(path)
        with lock:
            counts["busting"] += 1


def main():
    start_rss = rss_kib()
    q50, q99, qn, qfail = normal(QUIET)
    threads = [threading.Thread(target=slow_reader) for _ in range(64)]
    threads += [threading.Thread(target=stalled_upload) for _ in range(64)]
    threads += [threading.Thread(target=cache_buster, args=(k,)) for k in range(4)]
    for t in threads:
        t.daemon = True
        t.start()
    peak = [0]

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_kib())
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    h50, h99, hn, hfail = normal(SECS)
    stop.set()
    time.sleep(0.5)
    hwm = rss_kib("VmHWM")
    print("hostile clients, %d s: 64 slow readers of r1540.json, 64 stalled 20 MB uploads, "
          "4 cache-busting clients" % SECS)
    print("  slow readers read %.1f MB; uploads answered %d times; %d cache-busting requests"
          % (counts["slow_bytes"] / 1e6, counts["uploads_answered"], counts["busting"]))
    print("  server RSS: %.1f MB at start, peak %.1f MB sampled, VmHWM %.1f MB (target < 200)"
          % (start_rss / 1024, peak[0] / 1024, hwm / 1024))
    print("  normal GET /en/states/FRA     requests  failed   p50 ms   p99 ms")
    print("  quiet (baseline)              %8d  %6d  %7.1f  %7.1f" % (qn, qfail, q50, q99))
    print("  under attack                  %8d  %6d  %7.1f  %7.1f" % (hn, hfail, h50, h99))
    print("  p99 ratio attack / quiet: %.2f" % (h99 / q99 if q99 else 0))
    return 0 if hwm < 200 * 1024 and hfail == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
