#!/usr/bin/python3
"""A local SMTP server for tests (Debian's python3-aiosmtpd): listens on 127.0.0.1 on a free port,
prints "listening PORT" once it accepts connections, and writes each message it receives to
OUT_DIR as one JSON file (envelope, headers, decoded body). Stops on SIGTERM or when stdin closes.
Usage: smtp_sink.py OUT_DIR"""
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"] or ""),
            "message_id": str(message["message-id"] or ""),
            "to": str(message["to"] or ""),
            "from": str(message["from"] or ""),
            "body": message.get_content(),
        }
        # Written whole, then renamed: a reader never sees half a message.
        path = os.path.join(self.out_dir, "%06d-%d.json" % (self.count, os.getpid()))
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


async def main(out_dir):
    loop = asyncio.get_running_loop()
    handler = Sink(out_dir)
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("listening %d" % port, flush=True)
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    loop.add_reader(sys.stdin.fileno(),
                    lambda: sys.stdin.buffer.read1(4096) or stop.done() or stop.set_result(None))
    await stop
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
