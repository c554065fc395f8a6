"""Slugs for new rows: readable in Latin letters whatever the name's script, and unique."""
from anyascii import anyascii
from django.utils.text import slugify


def unique_slug(model, text, *, max_length, taken, taken_holds_all=False):
    """Return a slug made from the text, not used by any row of the model nor by `taken` (then taken).

    A name in Hangul, Han or Arabic gets a readable Latin slug: 서울대병원 → seouldaebyeongwon.
    A bulk import that loaded every slug of the table into `taken` says so (`taken_holds_all`)
    and saves a query a row.
    """
    base = (slugify(anyascii(text)) or model._meta.model_name)[: max_length - 6].strip("-")
    slug, number = base, 1
    while slug in taken or (not taken_holds_all and model.objects.filter(slug=slug).exists()):
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug
