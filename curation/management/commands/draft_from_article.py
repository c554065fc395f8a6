"""python manage.py draft_from_article PATH [--url URL] [--published YYYY-MM-DD] [--format json|text]"""
import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curation.drafting import draft_from_article


class Command(BaseCommand):
    help = (
        "Print the draft of the agreements an article reports (a .txt file, or a saved .html page). "
        "Nothing is written to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The article: plain text, or a web page saved as .html/.htm.")
        parser.add_argument("--url", help="The article's web address.")
        parser.add_argument("--published", help="The publication date, YYYY-MM-DD, when the article does not give it.")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, path, url, published, format, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            content = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        published_on = None
        if published:
            try:
                published_on = datetime.date.fromisoformat(published)
            except ValueError:
                raise CommandError(f"--published must be a date written YYYY-MM-DD, not {published!r}.") from None
        is_html = file.suffix.lower() in {".html", ".htm"}
        draft = draft_from_article(
            **({"html": content} if is_html else {"text": content}), url=url, published_on=published_on
        )
        if format == "json":
            self.stdout.write(json.dumps(draft, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(draft))


def as_text(draft):
    """Return the draft as a curator reads it in a terminal: one block per agreement."""
    source = draft["source"]
    lines = [
        f"{source['title']}",
        f"  publisher: {source['publisher'] or '-'}   published: {source['published_on'] or '-'}   "
        f"language: {source['language']}   address: {source['url'] or '-'}",
    ]
    for number, agreement in enumerate(draft["agreements"], start=1):
        date = agreement["signed_on"] or "date not reported"
        lines += [
            "",
            f"{number}. {agreement['title']}",
            f"   kind: {agreement['kind']}   status: {agreement['status']}   signed: {date}"
            f" ({agreement['signed_on_precision']})   place: {agreement['place'] or '-'}",
            "   parties:",
        ]
        for party in agreement["parties"]:
            known = party["institution"] or "new"
            others = ", ".join(other["name"] for other in party["other_names"])
            lines.append(
                f"     - {party['name']} [{known}] {party['kind'] or ''} {party['country'] or ''}"
                + (f" (also {others})" if others else "") + (f", part of {party['parent']}" if party["parent"] else "")
            )
        if agreement["people"]:
            lines.append("   people:")
            for person in agreement["people"]:
                lines.append(f"     - {person['name']}, {person['title'] or '-'}: {person['role']}")
        if agreement["areas"]:
            lines.append("   areas: " + ", ".join(area["area"] for area in agreement["areas"]))
    if draft["warnings"]:
        lines += ["", "warnings:"] + [f"  - {warning}" for warning in draft["warnings"]]
    return "\n".join(lines)
