"""A local web server for the watched-sources tests: recorded feeds, sitemaps and pages over real HTTP.

No network in the tests or in CI: each test serves what it needs from 127.0.0.1 on a free port,
with ETag and Last-Modified answered as a real server answers them (304 when unchanged), slow
answers, redirects, and a log of every request to check what the watcher asked for.
"""
import email.utils
import hashlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = Path(__file__).parent / "recorded"
TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".xml": "application/xml", ".html": "text/html; charset=utf-8"}


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str = ""
    delay: float = 0.0
    # Last-Modified of the resource: fixed, so a conditional request can be answered 304.
    modified: float = 1_750_000_000.0
    conditional: bool = True

    @property
    def etag(self):
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class RecordedSite:
    """Serves `routes` (path → Route) until stopped; `requests` lists (method, path, headers) as received."""

    def __init__(self, host="127.0.0.1"):
        self.host = host
        self.routes, self.requests = {}, []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append(("GET", self.path, dict(self.headers)))
                route = site.routes.get(self.path)
                if route is None:
                    return self.reply(404, b"not here", "text/plain")
                if route.delay:
                    time.sleep(route.delay)
                if route.location:
                    return self.reply(route.status or 302, b"", "text/plain", Location=route.location)
                headers = {}
                if route.conditional:
                    headers = {"ETag": route.etag, "Last-Modified": email.utils.formatdate(route.modified, usegmt=True)}
                    if self.headers.get("If-None-Match") == route.etag or (
                        self.headers.get("If-Modified-Since") == headers["Last-Modified"] and not self.headers.get("If-None-Match")
                    ):
                        return self.reply(304, b"", None, **headers)
                self.reply(route.status, route.body, route.content_type, **headers)

            def reply(self, status, body, content_type, **headers):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path, host=None):
        return f"http://{host or self.host}:{self.port}{path}"

    def serve(self, path, body=b"", **route):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **route)

    def serve_file(self, path, name, **replace):
        """Serve a recorded file, with {site} and other placeholders filled in."""
        text = (RECORDED / name).read_text(encoding="utf-8")
        for key, value in {"site": self.url(""), **replace}.items():
            text = text.replace("{" + key + "}", value)
        self.serve(path, text, content_type=TYPES.get(Path(name).suffix, "text/plain"))

    def asked(self, path):
        """The requests made for a path (its query string included)."""
        return [request for request in self.requests if request[1] == path]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
