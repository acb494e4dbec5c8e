#!/usr/bin/env python3
"""A TCP front for a PostgreSQL Unix socket that can play a database host gone
silent (tests/cli/56_postgres_serve.sh): the host that answers nothing at all,
as one behind a dead network path or a firewall that drops packets, which a
stopped PostgreSQL (the socket refuses at once) does not show.

    pg_silent_proxy.py SOCKET PORTFILE SILENTFILE

listens on 127.0.0.1 (a free port, written to PORTFILE) and forwards each
connection to the Unix socket SOCKET. While SILENTFILE exists, the forwarded
connections are cut and new ones are accepted and never answered (what a
client then sees is its own timeout). Runs until killed.
"""
import os
import select
import socket
import sys
import threading

sock_path, port_file, silent_file = sys.argv[1:4]
live = set()
lock = threading.Lock()


def pump(a, b):
    try:
        while True:
            if os.path.exists(silent_file):
                break
            r, _, _ = select.select([a, b], [], [], 0.1)
            for s in r:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.close()
            except OSError:
                pass


def serve(client):
    if os.path.exists(silent_file):
        with lock:
            live.add(client)  # kept open, never answered
        return
    up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        up.connect(sock_path)
    except OSError:
        client.close()
        return
    pump(client, up)


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
with open(port_file + ".tmp", "w") as f:
    f.write(str(listener.getsockname()[1]))
os.rename(port_file + ".tmp", port_file)
while True:
    c, _ = listener.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
