"""Template tags for the pages of agreements and institutions: their place in the releases, and their citation."""
from django import template

from releases.citations import PAGES, RecordCitation, release_of, stable_address
from releases.models import ReleasedRecord

register = template.Library()


def kind_of(record):
    return "agreements" if record._meta.model_name == "agreement" else "institutions"


@register.inclusion_tag("releases/release_note.html")
def release_note(record):
    """Say in which release the record first appeared and in which it last changed."""
    released = (
        ReleasedRecord.objects.select_related("first_release", "changed_release")
        .filter(kind=kind_of(record), slug=record.slug, removed_release__isnull=True).first()
    )
    return {"released": released}


@register.inclusion_tag("releases/citation_box.html", takes_context=True)
def citation_box(context, record):
    """Show how to cite the record: the formatted reference to copy, and files for reference managers."""
    request = context["request"]
    kind = kind_of(record)
    citation = RecordCitation(
        record, address=stable_address(request, PAGES[kind], record.slug), release=release_of(kind, record.slug)
    )
    prefix = record.get_absolute_url()
    return {
        "citation": citation,
        "formatted": citation.formatted(),
        "bibtex": citation.bibtex(),
        "files": [(f"{prefix}cite.{extension}", label) for extension, label in
                  (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))],
        "api": f"/api/v1/{kind}/{record.slug}/citation/",
    }
