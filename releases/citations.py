"""How to cite an agreement or an institution: CSL-JSON, BibTeX, RIS and a formatted reference.

Each names the directory as author and publisher, the latest release the record is in, and the
record's stable address (its page's absolute URL), which is also what `Link: <...>; rel="cite-as"`
gives on its page and in the API. A record not yet in any release is cited as the live directory.
"""
import functools
import json
import re

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation

from institutions.models import Institution
from partnerships.models import Agreement
from releases.models import Release, ReleasedRecord
from releases.snapshot import TITLE

# Bundled with citeproc-py, so nothing is fetched to format a reference.
STYLE = "harvard-cite-them-right"
FORMATS = {
    "json": "application/vnd.citationstyles.csl+json",
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
KINDS = {"agreements": Agreement, "institutions": Institution}


@functools.lru_cache(maxsize=1)
def style():
    """Return the citation style, parsed once per process."""
    return CitationStylesStyle(STYLE, validate=False)


def stable_address(request, page, slug):
    """Return the absolute address of a record's page in the default language, unprefixed: the one to cite."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse(page, args=[slug]))


PAGES = {"agreements": "partnerships:detail", "institutions": "institutions:detail"}


def release_of(kind, slug):
    """Return the latest release the record is in, or None."""
    record = ReleasedRecord.objects.filter(kind=kind, slug=slug, removed_release__isnull=True).first()
    return Release.objects.latest_first().first() if record else None


class RecordCitation:
    """The citation of one agreement or institution, in every format."""

    def __init__(self, record, *, address, release, accessed=None):
        self.record, self.address, self.release = record, address, release
        self.accessed = accessed or timezone.localdate()
        self.kind = "agreements" if isinstance(record, Agreement) else "institutions"
        self.title = record.title if self.kind == "agreements" else record.name
        # A record in a release is cited as of that release; otherwise as of its last edit.
        self.issued = release.released_at.date() if release else (record.updated_at or timezone.now()).date()
        self.version = f"Release {release.number}" if release else "Unreleased"
        self.key = re.sub(r"[^A-Za-z0-9]+", "-", f"hpd-{record.slug}").strip("-")

    @classmethod
    def of(cls, request, kind, slug):
        """Return the citation of the record of that kind and slug, or raise Http404."""
        record = get_object_or_404(KINDS[kind], slug=slug)
        return cls(record, address=stable_address(request, PAGES[kind], slug), release=release_of(kind, slug))

    def note(self):
        if self.kind == "agreements":
            return f"{self.record.get_kind_display()}, {self.record.signed_on_display}"
        return f"{self.record.get_kind_display()}, {self.record.country.name}"

    def csl(self):
        """Return the record as a CSL-JSON item."""
        return {
            "id": self.key,
            "type": "dataset",
            "title": self.title,
            "author": [{"literal": TITLE}],
            "publisher": TITLE,
            "issued": {"date-parts": [[self.issued.year, self.issued.month, self.issued.day]]},
            "accessed": {"date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]},
            "version": self.version,
            "URL": self.address,
            "note": str(self.note()),
        }

    def formatted(self):
        """Return the formatted reference as plain text."""
        item = self.csl()
        # The style names no version for a dataset: the release goes with the publisher.
        item["publisher"] = f"{TITLE}, {self.version.lower()}" if self.release else TITLE
        bibliography = CitationStylesBibliography(style(), CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(self.key)]))
        return str(bibliography.bibliography()[0])

    def bibtex(self):
        fields = [
            ("title", "{" + bibtex_escape(self.title) + "}"),
            ("author", "{" + bibtex_escape(TITLE) + "}"),
            ("publisher", bibtex_escape(TITLE)),
            ("year", str(self.issued.year)),
            ("month", str(self.issued.month)),
            ("version", bibtex_escape(self.version)),
            ("url", self.address),
            ("urldate", self.accessed.isoformat()),
            ("howpublished", "\\url{" + self.address + "}"),
            ("note", bibtex_escape(f"{self.note()}. {TITLE}, {self.version.lower()}")),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def ris(self):
        lines = [
            ("TY", "DATA"), ("TI", self.title), ("AU", TITLE), ("PB", TITLE),
            ("PY", str(self.issued.year)), ("DA", self.issued.strftime("%Y/%m/%d")),
            ("ET", self.version), ("UR", self.address), ("Y2", self.accessed.strftime("%Y/%m/%d")),
            ("N1", str(self.note())), ("ER", ""),
        ]
        # RIS: a tag, two spaces, a hyphen and a space, lines ended by CR LF.
        return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)

    def as_dict(self):
        """Return every format, as the API's citation answer gives them."""
        return {
            "cite_as": self.address,
            "release": self.release.number if self.release else None,
            "formatted": self.formatted(),
            "csl": self.csl(),
            "bibtex": self.bibtex(),
            "ris": self.ris(),
        }

    def render(self, extension):
        return {
            "json": lambda: json.dumps([self.csl()], ensure_ascii=False, indent=1),
            "bib": self.bibtex,
            "ris": self.ris,
            "txt": lambda: self.formatted() + "\n",
        }[extension]()


BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_escape(text):
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in one_line(str(text)))


def one_line(text):
    return re.sub(r"\s+", " ", str(text)).strip()


def citation_file(request, kind, slug, extension):
    """Answer the record's citation in one format, as a file a reference manager imports."""
    if extension not in FORMATS:
        raise Http404("No such citation format.")
    citation = RecordCitation.of(request, kind, slug)
    response = HttpResponse(citation.render(extension), content_type=FORMATS[extension])
    if extension != "txt":
        response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
    response["Link"] = f'<{citation.address}>; rel="cite-as"'
    return response
