"""The reader's suggestion shown on the edit form of the record it is about."""
from django import template

from curation.models import Suggestion
from institutions.models import Institution
from partnerships.models import Agreement

register = template.Library()


@register.inclusion_tag("curation/suggestion_beside.html", takes_context=True)
def suggestion_beside(context):
    """The suggestion named by ?suggestion=N, when it is about the record being edited; else nothing."""
    request, record = context.get("request"), context.get("original")
    number = request.GET.get("suggestion", "") if request else ""
    suggestion = None
    if number.isdigit() and isinstance(record, (Agreement, Institution)):
        about = {"agreement": record} if isinstance(record, Agreement) else {"institution": record}
        suggestion = Suggestion.objects.filter(pk=number, **about).first()
    return {"suggestion": suggestion}
