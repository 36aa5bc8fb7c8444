"""Flywheel's demo notification receiver: Alertmanager posts its webhook payloads here.

Logs one line per alert (status, name, labels) and keeps the latest 100 payloads at GET /alerts, so that a
docker-compose user sees notifications arrive without a chat integration. Standard library only.
"""
import collections
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

RECENT = collections.deque(maxlen=100)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        try:
            payload = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError as e:
            self.send_error(400, "body is not JSON: %s" % e)
            return
        RECENT.append(payload)
        for alert in payload.get("alerts", []):
            print("%s %s %s" % (alert.get("status"), alert.get("labels", {}).get("alertname"),
                                json.dumps(alert.get("labels", {}), sort_keys=True)), flush=True)
        self.send_response(200)
        self.end_headers()

    def do_GET(self):
        body = json.dumps(list(RECENT)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    HTTPServer(("0.0.0.0", port), Receiver).serve_forever()
