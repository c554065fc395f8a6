"""HTTP as a polite reader: the sources' own sites only, a pause per host, conditional requests, size and time caps.

Every request of a run goes through one Fetcher, so the limits hold for the whole run, whichever
thread asks: a host is asked at most once per `WATCHING_HOST_DELAY` seconds; only the sites of watched sources are
asked (a site is a registered domain, so a newsroom's feed on news.example.org may link to its
pages on www.example.org), and a redirect may not leave the site it was asked of; an answer
longer than `WATCHING_MAX_BYTES` is refused unread past the cap; robots.txt is obeyed.
"""
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from courlan import extract_domain
from django.conf import settings

MAX_REDIRECTS = 3


class FetchError(Exception):
    """The address could not be read; the message says why, for the curators' list of sources."""


@dataclass
class Answer:
    url: str
    status: int
    body: bytes
    etag: str
    last_modified: str
    content_type: str

    @property
    def not_modified(self):
        return self.status == 304


def host_of(url):
    return (urlsplit(url).hostname or "").lower()


def site_of(url):
    """The registered domain of an address (news.snuh.org: snuh.org), or its host when it has none (an IP address)."""
    return extract_domain(url) or host_of(url)


class Fetcher:
    """One run's HTTP client: the sites it may ask, when each host was last asked, and what its robots.txt allows."""

    def __init__(self, *, sources, delay=None, timeout=None, max_bytes=None):
        self.allowed_sites = {site_of(url) for url in sources}
        self.delay = settings.WATCHING_HOST_DELAY if delay is None else delay
        self.max_bytes = settings.WATCHING_MAX_BYTES if max_bytes is None else max_bytes
        timeout = settings.WATCHING_TIMEOUT if timeout is None else timeout
        self.pool = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=timeout, read=timeout), retries=False,
            headers={"User-Agent": settings.WATCHING_USER_AGENT},
        )
        # When each host may next be asked: a thread reserves its turn, then waits for it.
        self.next_turn = {}
        self.lock = threading.Lock()
        self.robots = {}
        self.requests = 0

    def get(self, url, *, etag="", last_modified=""):
        """Return the Answer for the address (a 304 when the conditional headers still hold), or raise FetchError."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(MAX_REDIRECTS + 1):
            self.check_allowed(url)
            response = self.request(url, headers)
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                target = urljoin(url, response.headers["Location"])
                discard(response)
                if site_of(target) != site_of(url):
                    raise FetchError(f"redirected to another site ({host_of(target)}): refused")
                url = target
                continue
            return self.answer(url, response)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def may_read(self, url):
        """Say whether the host's robots.txt lets this directory read the address (no robots.txt: yes)."""
        host = host_of(url)
        # Two threads may read one robots.txt at once: the same answer, kept once.
        if host not in self.robots:
            parser = urllib.robotparser.RobotFileParser()
            robots_url = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/robots.txt"
            try:
                answer = self.get(robots_url)
                parser.parse(answer.body.decode("utf-8", "replace").splitlines() if answer.status == 200 else [])
            except FetchError:
                parser.parse([])
            self.robots[host] = parser
        return self.robots[host].can_fetch(settings.WATCHING_USER_AGENT, url)

    def check_allowed(self, url):
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"not a web address: {url}")
        if site_of(url) not in self.allowed_sites:
            raise FetchError(f"{host_of(url)} is not a watched source's site: not fetched")

    def request(self, url, headers):
        self.wait_for(host_of(url))
        try:
            return self.pool.request(
                "GET", url, headers=headers, redirect=False, preload_content=False, decode_content=True,
            )
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(f"could not connect: {error.__class__.__name__}: {error}") from error

    def wait_for(self, host):
        """Take the host's next turn (`delay` seconds after the one before) and sleep until it comes."""
        with self.lock:
            now = time.monotonic()
            turn = max(now, self.next_turn.get(host, now))
            self.next_turn[host] = turn + self.delay
            self.requests += 1
        if turn > now:
            time.sleep(turn - now)

    def answer(self, url, response):
        complete = False
        try:
            if response.status == 304:
                complete = True
                return Answer(url, 304, b"", response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""), "")
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status} at {url}")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"{int(length):,} bytes: larger than the {self.max_bytes:,} a source may send")
            body = bytearray()
            for chunk in response.stream(64 * 1024):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(f"more than the {self.max_bytes:,} bytes a source may send")
            complete = True
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(f"the answer broke off: {error.__class__.__name__}") from error
        finally:
            response.release_conn() if complete else discard(response)
        return Answer(
            url=url, status=response.status, body=bytes(body), etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""), content_type=response.headers.get("Content-Type", ""),
        )


def discard(response):
    """Close a connection whose answer was not read to its end, so that no later request reads its rest."""
    response.close()
    response.release_conn()
