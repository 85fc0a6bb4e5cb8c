"""A real SMTP server for the news-by-email tests, on aiosmtpd (from the Python registry).

    python3 tests/smtp-sink/smtp_sink.py PORT FOLDER

Listens on 127.0.0.1:PORT and writes each accepted message, as received, to
FOLDER/NNNNNN.eml (numbered in order of arrival), and beside it FOLDER/NNNNNN.json: the
recipients, the headers, the content type and the decoded text and HTML parts, as Python's
own email parser reads them (so a test needs no MIME decoder of ours to check ours). Each is
written to a temporary name first: a file that exists is complete. While FOLDER/refuse exists, every message is refused with a
temporary failure (451), as a busy or greylisting server does. Prints "ready" once listening.
"""

import email
import email.policy
import json
import os
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.folder, "refuse")):
            return "451 4.3.0 Try again later"
        self.count += 1
        raw = envelope.original_content or envelope.content
        base = os.path.join(self.folder, "%06d" % self.count)
        write(base + ".eml", raw)
        write(base + ".json", json.dumps(describe(raw, envelope.rcpt_tos)).encode("utf-8"))
        return "250 OK"


def write(name, data):
    with open(name + ".part", "wb") as out:
        out.write(data)
    os.replace(name + ".part", name)


def describe(raw, recipients):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = {}
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("text/plain", "text/html") and kind not in parts:
            parts[kind] = part.get_content()
    return {
        "recipients": recipients,
        "headers": [[name, str(value)] for name, value in message.items()],
        "content_type": message.get_content_type(),
        "text": parts.get("text/plain"),
        "html": parts.get("text/html"),
    }


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
