#!/usr/bin/env python3
"""Sends one multipart/form-data POST in pieces, as a browser's fetch may (tests/http/multipart_pieces.sh).

    multipart_pieces.py PORT TOKEN TITLE HOW

HOW says where the body is cut: "headers" (after each part's headers, before its value),
"middle" (inside each value) or "bytes" (every 7 bytes). Each piece is its own write, with a
pause, so that the server reads it on its own. Prints the status line's code and the body."""
import socket
import sys
import time

port, token, title, how = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
B = "r1540pieces"
fields = [("state", "FRA"), ("title", title), ("summary", "Sent in pieces: " + how),
          ("language", "fr"), ("items", "OP1-NPT"), ("themes", "export-control")]
pieces = []
for name, value in fields:
    head = f'--{B}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
    data = value.encode() + b"\r\n"
    if how == "headers":
        pieces += [head, data]
    elif how == "middle":
        pieces += [head + data[:2], data[2:]]
    else:
        pieces.append(head + data)
pieces.append(f"--{B}--\r\n".encode())
body = b"".join(pieces)
if how == "bytes":
    pieces = [body[i:i + 7] for i in range(0, len(body), 7)]
head = (f"POST /api/v1/practices HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary={B}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
s = socket.create_connection(("127.0.0.1", port), timeout=30)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.sendall(head)
for p in pieces:
    time.sleep(0.01)
    s.sendall(p)
answer = b""
while chunk := s.recv(65536):
    answer += chunk
s.close()
status = answer.split(b" ", 2)[1].decode()
print(status, answer.split(b"\r\n\r\n", 1)[1].decode(errors="replace"))
