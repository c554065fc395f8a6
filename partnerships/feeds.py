"""Atom feeds of the agreement list, filtered by any of the list's filters (AgreementFilterSet).

/partnerships/feed/?country=KR&area=oncology lists the Korean oncology agreements most
recently added or changed; a bad filter value answers 400 naming the parameter, as the API does.
"""
import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F, OuterRef, Subquery
from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from partnerships.facets import active_filter_chips
from partnerships.filtersets import AgreementFilterSet
from partnerships.models import Agreement

FEED_LENGTH = 20
# Parameters that choose how a list is shown, not which agreements: a feed ignores them.
NOT_FILTERS = {"page", "page_size", "cursor", "ordering", "format"}


def filters_of(query):
    """Return the query string's filters only, so the feed and the list it links to say the same."""
    filters = QueryDict(mutable=True)
    for name in query:
        if name not in NOT_FILTERS:
            filters.setlist(name, query.getlist(name))
    return filters


class AgreementFeed(Feed):
    """The agreements matching the list's filters, the most recently added or changed first."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        filterset = AgreementFilterSet(filters_of(request.GET), queryset=Agreement.objects.all(), request=request)
        if not filterset.is_valid():
            return JsonResponse(filterset.errors, status=400)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return AgreementFilterSet(filters_of(request.GET), queryset=Agreement.objects.all(), request=request)

    def title(self, filterset):
        chips = active_filter_chips(filterset)
        if not chips:
            return _("Hospital Partnerships Directory: newest agreements")
        chosen = "; ".join(f"{chip['name']}: {chip['value']}" for chip in chips)
        return _("Hospital Partnerships Directory: agreements (%(filters)s)") % {"filters": chosen}

    def subtitle(self, filterset):
        return _(
            "International partnership agreements between hospitals, universities, companies and health agencies."
        )

    def link(self, filterset):
        query = filterset.data.urlencode()
        return reverse("partnerships:list") + (f"?{query}" if query else "")

    def feed_url(self, filterset):
        query = filterset.data.urlencode()
        return reverse("partnerships:feed") + (f"?{query}" if query else "")

    def items(self, filterset):
        history = Agreement.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
        # Latest added or changed first: a newly added agreement about an old signing still shows.
        return (
            filterset.qs.for_listing()
            .annotate(last_recorded=Subquery(history.values("history_date")[:1]))
            .order_by(F("updated_at").desc(nulls_last=True), "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom carries the summary as HTML (type="html"): escaped, so a feed reader shows markup
        # in a record as text. The title is plain text and needs nothing.
        parties = ", ".join(party.institution.name for party in item.parties.all())
        return escape(f"{item.signed_on_display}. {item.get_status_display()}. {parties}. {item.summary}")

    def item_updateddate(self, item):
        """Return when the record last changed: a curator's save, else its last history record (its loading)."""
        if item.updated_at:
            return item.updated_at
        if item.last_recorded:
            return item.last_recorded
        # Rows a bulk insert wrote have no history: their signing is the only date they carry.
        day = item.signed_on or datetime.date(1970, 1, 1)
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.timezone.utc)

    def item_categories(self, item):
        return [link.area.name for link in item.agreement_areas.all()]
