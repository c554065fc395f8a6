"""The entries of a feed or a sitemap: address, title, date, language and summary, newest first.

Feeds are read by feedparser (RSS 0.9x to 2.0, RSS 1.0, Atom), which also cleans their HTML;
sitemaps by lxml with entities and network access off, including Google's news sitemaps
(news:title, news:publication_date, news:language) and sitemap indexes one level deep.
"""
import datetime
from dataclasses import dataclass

import feedparser
from lxml import etree

from curation.drafting.dates import to_date

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


class EntriesError(Exception):
    """The feed or sitemap cannot be read as one."""


@dataclass
class Entry:
    url: str
    title: str = ""
    published_on: datetime.date | None = None
    summary: str = ""
    language: str = ""


@dataclass
class Listing:
    """What a feed or sitemap holds: its entries, and the further sitemaps an index names."""

    entries: list
    sitemaps: list


def feed_entries(body):
    parsed = feedparser.parse(body)
    language = (parsed.feed.get("language") or "").split("-")[0].lower()
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link:
            continue
        summary = item.get("summary") or ""
        if item.get("content"):
            summary = max((part.get("value") or "" for part in item.content), key=len) or summary
        dated = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(Entry(
            url=link.strip(), title=(item.get("title") or "").strip(), summary=summary,
            published_on=datetime.date(*dated[:3]) if dated else None, language=language,
        ))
    # feedparser reads what it can of a broken feed: a feed broken before any whole entry fails.
    if parsed.bozo and not entries:
        raise EntriesError(f"not a feed: {parsed.get('bozo_exception') or 'no entries'}")
    return Listing(newest_first(entries), [])


def sitemap_entries(body):
    try:
        root = etree.fromstring(body, SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise EntriesError(f"not a sitemap: {error}") from error
    if root.tag == f"{SITEMAP}sitemapindex":
        return Listing([], [loc.text.strip() for loc in root.iter(f"{SITEMAP}loc") if loc.text])
    if root.tag != f"{SITEMAP}urlset":
        raise EntriesError(f"not a sitemap: its root is <{etree.QName(root).localname}>")
    entries = []
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        if not loc:
            continue
        news = url.find(f"{NEWS}news")
        dated = (news.findtext(f"{NEWS}publication_date") if news is not None else None) or url.findtext(f"{SITEMAP}lastmod")
        entries.append(Entry(
            url=loc.strip(), title=(news.findtext(f"{NEWS}title") or "").strip() if news is not None else "",
            published_on=to_date((dated or "")[:10]) if dated else None,
            language=(news.findtext(f"{NEWS}publication/{NEWS}language") or "").split("-")[0].lower() if news is not None else "",
        ))
    return Listing(newest_first(entries), [])


def newest_first(entries):
    return sorted(entries, key=lambda entry: entry.published_on or datetime.date.min, reverse=True)
