#!/usr/bin/python3
"""A local SMTP sink for tests/http/notify.sh: listens on 127.0.0.1:PORT
(aiosmtpd, Debian's python3-aiosmtpd) and writes every message it accepts to
OUTDIR/NNNN.eml (the envelope recipient in OUTDIR/NNNN.rcpt), until SIGTERM.
`list` prints the messages of OUTDIR as JSON lines, decoded by Python's own
e-mail parser: {"rcpt", "to", "subject", "id", "body"}.

    /usr/bin/python3 tests/http/smtp_sink.py PORT OUTDIR
    /usr/bin/python3 tests/http/smtp_sink.py list OUTDIR
"""
import email
import email.policy
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = len([f for f in os.listdir(self.out) if f.endswith(".eml")]) + 1
            base = os.path.join(self.out, "%04d" % n)
            with open(base + ".rcpt", "w") as f:
                f.write("\n".join(envelope.rcpt_tos) + "\n")
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK"


def list_mails(out):
    for name in sorted(f for f in os.listdir(out) if f.endswith(".eml")):
        base = os.path.join(out, name[:-4])
        with open(base + ".eml", "rb") as f:
            m = email.message_from_bytes(f.read(), policy=email.policy.default)
        with open(base + ".rcpt") as f:
            rcpt = f.read().strip()
        print(json.dumps({"rcpt": rcpt, "to": str(m["To"]), "subject": str(m["Subject"]),
                          "id": str(m["Message-ID"]),
                          "body": m.get_content().replace("\r\n", "\n")},
                         ensure_ascii=False))


def main():
    if sys.argv[1] == "list":
        list_mails(sys.argv[2])
        return
    port, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    c = Controller(Sink(out), hostname="127.0.0.1", port=port)
    c.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    print("ready", flush=True)
    done.wait()
    c.stop()


if __name__ == "__main__":
    main()
