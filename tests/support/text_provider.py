#!/usr/bin/python3
"""Plays a text-message provider for tests: an HTTP server on 127.0.0.1 on a free port that
prints "listening PORT" once it accepts connections, and appends each request it gets to LOG_FILE
as one JSON line. It answers by the number sent to: one ending 0400 gets 400; one ending 0503
gets 503 the first time each Idempotency-Key is seen and 202 after; any other gets 202. Stops on
SIGTERM or when stdin closes. Usage: text_provider.py LOG_FILE"""
import json
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen = set()
lock = threading.Lock()


class Provider(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        key = self.headers.get("Idempotency-Key", "")
        to = body.get("to", "") if isinstance(body, dict) else ""
        with lock:
            if to.endswith("0400"):
                status = 400
            elif to.endswith("0503") and key not in seen:
                status = 503
            else:
                status = 202
            seen.add(key)
            with open(sys.argv[1], "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "path": self.path,
                    "authorization": self.headers.get("Authorization", ""),
                    "content_type": self.headers.get("Content-Type", ""),
                    "idempotency_key": key,
                    "body": body,
                    "status": status,
                }) + "\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id":"provider-1"}')

    def log_message(self, *args):
        pass  # the tests read LOG_FILE; stderr stays quiet


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    print("listening %d" % server.server_address[1], flush=True)
    stop = lambda *_: threading.Thread(target=server.shutdown).start()
    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), stop()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
