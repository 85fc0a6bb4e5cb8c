"""A real SMTP server for the news-by-email tests, on aiosmtpd (from the Python registry).

    python3 tests/smtp-sink/smtp_sink.py PORT FOLDER

Listens on 127.0.0.1:PORT and writes each accepted message, as received, to
FOLDER/NNNNNN.eml (numbered in order of arrival; written to a temporary name first, so a file
that exists is complete). While FOLDER/refuse exists, every message is refused with a
temporary failure (451), as a busy or greylisting server does. Prints "ready" once listening.
"""

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
        name = os.path.join(self.folder, "%06d.eml" % self.count)
        with open(name + ".part", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.replace(name + ".part", name)
        return "250 OK"


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
