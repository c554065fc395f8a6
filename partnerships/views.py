import datetime
from collections import defaultdict

from django.db.models import Count, F
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from django_countries import countries
from django_filters.views import FilterView

from common.api import CachedCountPaginator
from institutions.matching import match_institution
from institutions.models import Institution
from partnerships import counts
from partnerships.facets import active_filter_chips, sidebar_facets, value_labels
from partnerships.feeds import filters_of
from partnerships.filtersets import AgreementFilterSet, PersonFilterSet
from partnerships.models import (
    NEWEST_ON_RECORD_PAGES,
    Agreement,
    Area,
    Participation,
    Person,
    Source,
    load_evidence,
)
from partnerships.network import CountryMatrix, NetworkPicture
from partnerships.network_files import Network
from partnerships.world_map import WorldMap

NEWEST_COUNT = 5
# A country's page names its most active institutions, an institution's page its closest partners.
MOST_ON_RECORD_PAGES = 50

# Filters the sidebar has no control for, kept in its form so that applying it keeps them.
PARAMETERS_OUTSIDE_SIDEBAR = ["between", "signed_after", "signed_before", "year"]


class HomeView(TemplateView):
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        agreements = Agreement.objects.all()
        every = AgreementFilterSet(QueryDict(), queryset=agreements)
        facets, newest = every.facet_counts(only=["country", "area"]), every.newest_matching()
        return super().get_context_data(
            agreement_count=counts.number_with([]),
            institution_count=Institution.objects.count(),
            country_count=Institution.objects.order_by().values("country").distinct().count(),
            newest=agreements.newest_first()[:NEWEST_COUNT].as_cards(),
            countries=facets["country"],
            areas=[area for area in facets["area"] if area["parent"] is None],
            # Drawn from the newest agreements, as on the list: the cost stays the same at any size.
            network=NetworkPicture.of(newest),
            matrix=CountryMatrix.of(newest),
            # From the counts kept on write: every agreement, at the cost of two index lookups.
            world_map=WorldMap.of_directory(),
            **kwargs,
        )


class AgreementListView(FilterView):
    queryset = Agreement.objects.all()
    filterset_class = AgreementFilterSet
    template_name = "partnerships/agreement_list.html"
    paginate_by = 50
    # Counted once per filter and state of the directory, as in the API.
    paginator_class = CachedCountPaginator

    def get(self, request, *args, **kwargs):
        # "Add an institution" takes a name or an acronym in any script: the one institution it
        # names joins the filter by its slug, as a link from an institution's page would add it.
        self.unmatched_institution = None
        if "institution_name" in request.GET:
            name = request.GET["institution_name"].strip()
            query = request.GET.copy()
            query.pop("institution_name")
            query.pop("page", None)
            chosen = match_institution(name).chosen if name else None
            if chosen or not name:
                if chosen and chosen.institution.slug not in query.getlist("institution"):
                    query.appendlist("institution", chosen.institution.slug)
                return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
            self.unmatched_institution = name
        return super().get(request, *args, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        # Bound even with no parameters, as in the API: the filter set then counts the list
        # from the counts kept on write, where an unbound one would leave it to a COUNT.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        params = self.request.GET
        is_valid = self.filterset.is_valid()
        query = params.copy()
        query.pop("page", None)
        context = super().get_context_data(**kwargs)
        # Bad input shows every option with its full count, next to the errors.
        counted = self.filterset if is_valid else AgreementFilterSet(QueryDict(), queryset=Agreement.objects.all())
        context.update(
            cards=context["page_obj"].object_list.as_cards(),
            facets=sidebar_facets(counted),
            facets_counted_over=counted.counted_over_newest,
            chips=active_filter_chips(self.filterset),
            query=query.urlencode(),
            feed_query=filters_of(params).urlencode(),
            errors=[error for errors in self.filterset.errors.values() for error in errors] + ([
                _("No institution of the directory is clearly “%(name)s”: try its full name, or choose one of the suggestions.")
                % {"name": self.unmatched_institution}] if self.unmatched_institution else []),
            chosen_institutions=chosen_labels(self.filterset, "institution"),
            chosen_statuses=params.getlist("status"),
            either_countries=either_countries(self.filterset, params),
            year_from=params.get("year_from", ""),
            year_to=params.get("year_to", ""),
            hidden_params=[
                (name, value) for name in PARAMETERS_OUTSIDE_SIDEBAR for value in params.getlist(name)
            ],
            # The network picture needs the agreements themselves: it is a page of its own
            # (NetworkPictureView), loaded when the reader opens it, so this page never waits for it.
            world_map=WorldMap.of_filterset(counted),
            matching_institutions=self.matching_institutions(is_valid),
        )
        return context

    def matching_institutions(self, is_valid):
        """The institutions the search names, closest first: a reader looking for one finds its page."""
        text = self.filterset.form.cleaned_data.get("q", "").strip() if is_valid else ""
        if not text:
            return []
        return list(Institution.objects.best_matches(text).only("slug", "name", "country", "native_names", "parent")[:MATCHING_INSTITUTIONS])


# Institutions shown above the agreements a search finds.
MATCHING_INSTITUTIONS = 5


def chosen_labels(filterset, name):
    """The chosen values of a filter the sidebar lists as ticked boxes, with their labels."""
    values = [getattr(value, "slug", value) for value in filterset.chosen(name)]
    labels = value_labels(filterset, name, values)
    return [{"value": value, "label": labels.get(value, value)} for value in values]


def either_countries(filterset, params):
    """When two countries or more are ticked, say they mean "either", with the address of "between them"."""
    codes = [str(code) for code in filterset.chosen("country") if str(code) != "*"]
    if len(codes) < 2 or params.get("between"):
        return None
    query = params.copy()
    query.pop("country", None)
    query.pop("page", None)
    query["between"] = ",".join(codes)
    return {"names": [countries.name(code) for code in codes], "between_query": query.urlencode()}


class AgreementDetailView(DetailView):
    queryset = Agreement.objects.for_listing().with_evidence_flags()

    def get_object(self, queryset=None):
        return load_evidence(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        sources = cite_sources(self.object)
        return super().get_context_data(
            sources=sources, timeline=timeline(self.object), disagreements=disagreements(self.object, sources),
            people=parts_by(self.object.participations.all(), lambda part: part.person_id),
            today=timezone.localdate(), **kwargs,
        )


def parts_by(participations, key):
    """Return one row per person (or agreement), in the order first met, with each of their parts.

    A person who signed and spoke is one row of the people table, "Signed it, Spoke about it",
    not two; the title and institution are the first the sources give.
    """
    rows = {}
    for part in participations:
        row = rows.setdefault(key(part), {"first": part, "parts": []})
        row["parts"].append(part)
        if not row["first"].title and part.title:
            row["first"] = part
    return list(rows.values())


def cite_sources(agreement):
    """Number the agreement's sources, give each its evidence, and give each cited row its source numbers.

    Parties, focus areas and people get a `citations` list; the agreement gets
    `date_citations`, `place_citations` and `kind_citations`.
    """
    # Articles first: their quotes are the primary evidence; reports and registries fill gaps.
    kind_order = list(Source.Kind.values)
    sources = sorted(agreement.sources.all(), key=lambda source: kind_order.index(source.kind))
    numbers = {source.pk: number for number, source in enumerate(sources, start=1)}
    cited = defaultdict(set)
    for source in sources:
        source.number = numbers[source.pk]
        source.statements = []
    by_source = {source.pk: source for source in sources}
    for evidence in agreement.evidence.all():
        by_source[evidence.source_id].statements.append(evidence)
        subject = evidence.party_id or evidence.area_id or evidence.participation_id or evidence.event_id
        cited[(evidence.fact if not subject else subject_kind(evidence), subject)].add(numbers[evidence.source_id])
    for party in agreement.parties.all():
        party.citations = sorted(cited[("party", party.pk)])
    for link in agreement.agreement_areas.all():
        link.citations = sorted(cited[("area", link.pk)])
    for participation in agreement.participations.all():
        participation.citations = sorted(cited[("person", participation.pk)])
    for event in agreement.events.all():
        event.citations = sorted(cited[("event", event.pk)])
    for fact in ["date", "place", "kind", "term"]:
        setattr(agreement, f"{fact}_citations", sorted(cited[(fact, None)]))
    return sources


def subject_kind(evidence):
    # Details of a party (its city, names) are cited on the party's line.
    if evidence.party_id:
        return "party"
    if evidence.event_id:
        return "event"
    return "area" if evidence.area_id else "person"


def timeline(agreement):
    """Return the agreement's life, oldest first: the signing among its dated events, each with its citations.

    An undated signing comes first, since it is known to have happened before any later report.
    """
    entries = []
    if agreement.kind != Agreement.Kind.COLLABORATION or agreement.signed_on:
        entries.append({
            "label": _("Signed"), "kind": "signed", "date": agreement.signed_on,
            "display": agreement.signed_on_display, "citations": agreement.date_citations,
        })
    for event in agreement.events.all():
        label = event.get_kind_display()
        if event.years:
            label = _("%(event)s for %(years)s years") % {"event": label, "years": event.years}
        entries.append({
            "label": label, "kind": event.kind, "date": event.dated_on,
            "display": event.dated_on_display, "citations": event.citations,
        })
    # Sorted by date; an undated entry first; a tie keeps the order above (signing before events).
    entries.sort(key=lambda entry: (entry["date"] is not None, entry["date"] or datetime.date.min))
    return entries


def disagreements(agreement, sources):
    """Return the facts the sources give differently, each reported value with its source's number."""
    numbers = {source.pk: source.number for source in sources}
    rows = list(agreement.disagreements.all())
    for row in rows:
        for reported in row.reported_values.all():
            reported.number = numbers.get(reported.source_id)
    return rows


class NetworkPictureView(TemplateView):
    """The network picture of a filtered list, as a page of its own.

    The list page links to it and, with JavaScript, loads it into the list when the reader
    opens "See these agreements as a network": the list is drawn from the counts kept on
    write, the picture from the agreements themselves, and it is kept (and cached as an
    answer) per filter and state of the directory.
    """

    template_name = "partnerships/network_picture.html"

    def get(self, request, *args, **kwargs):
        filters = filters_of(request.GET)
        filterset = AgreementFilterSet(filters, queryset=Agreement.objects.all(), request=request)
        if not filterset.is_valid():
            errors = [error for errors in filterset.errors.values() for error in errors]
            return self.render_to_response(self.get_context_data(errors=errors), status=400)
        return self.render_to_response(self.get_context_data(
            network=NetworkPicture.of(filterset.newest_matching()), chips=active_filter_chips(filterset),
            list_query=filters.urlencode(),
        ))


class NetworkFileView(View):
    """The network of the filtered list as a file for Gephi or NetworkX (partnerships/network_files.py)."""

    content_types = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}

    def get(self, request, extension):
        filterset = AgreementFilterSet(filters_of(request.GET), queryset=Agreement.objects.all(), request=request)
        if not filterset.is_valid():
            return JsonResponse(filterset.errors, status=400)
        network = Network(filterset, request=request)
        text = network.as_graphml() if extension == "graphml" else network.as_gexf()
        response = HttpResponse(text.encode("utf-8"), content_type=f"{self.content_types[extension]}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="agreements.{extension}"'
        return response


class CountryListView(TemplateView):
    template_name = "partnerships/country_list.html"

    def get_context_data(self, **kwargs):
        every = AgreementFilterSet(QueryDict(), queryset=Agreement.objects.all())
        institution_counts = dict(
            Institution.objects.order_by().values_list("country").annotate(count=Count("pk"))
        )
        country_rows = [
            {**option, "institution_count": institution_counts.get(option["value"], 0)}
            for option in every.facet_counts(only=["country"])["country"]
        ]
        # From the newest agreements, as on the home page: the same cost at any size.
        return super().get_context_data(
            countries=country_rows, matrix=CountryMatrix.of(every.newest_matching()), world_map=WorldMap.of_directory(),
            **kwargs,
        )


class CountryDetailView(TemplateView):
    template_name = "partnerships/country_detail.html"

    def get(self, request, code):
        if code != code.upper():
            return redirect("partnerships:country_detail", code=code.upper())
        return super().get(request, code=code)

    def get_context_data(self, code, **kwargs):
        institutions = Institution.objects.filter(country=code)
        if code not in countries:
            raise Http404(_("No such country."))
        # A country the directory holds nothing of yet is a page all the same: it says so.
        listed = AgreementFilterSet(QueryDict(f"country={code}"), queryset=Agreement.objects.all())
        # Countries of the partners: the pairs of this country with every other.
        partner_countries = [
            option for option in counts.option_lists(counts.counted(["country"], option=("country", code)))["country"]
            if option["value"] != code
        ]
        return super().get_context_data(
            code=code,
            name=countries.name(code),
            institutions=most_active(institutions),
            institution_count=institutions.count(),
            **newest_of(listed),
            partner_countries=partner_countries,
            **kwargs,
        )


def most_active(institutions):
    """Return the institutions with most agreements (theirs and their units'), each with `agreement_count`.

    The counts kept on write rank them, so a country of thousands of institutions costs no more than one.
    """
    ranked = counts.most_agreements("institution", institutions.values("slug"), limit=MOST_ON_RECORD_PAGES)
    by_slug = Institution.objects.in_bulk([slug for slug, _ in ranked], field_name="slug")
    for slug, count in ranked:
        by_slug[slug].agreement_count = count
    return [by_slug[slug] for slug, _ in ranked]


def newest_of(listed):
    """Return the newest of the listed agreements as cards, with how many there are and where the list has them all."""
    return {
        # The list's own order is newest first, read from the index that serves its filter.
        "agreements": listed.qs[:NEWEST_ON_RECORD_PAGES].as_cards(),
        "agreement_count": listed.qs.count(),
        "list_query": listed.data.urlencode(),
    }


class AreaListView(ListView):
    template_name = "partnerships/area_list.html"
    queryset = Area.objects.top_level().prefetch_related("children")

    def get_context_data(self, **kwargs):
        per_area = counts.agreements_per("area")
        context = super().get_context_data(**kwargs)
        for area in context["object_list"]:
            area.agreement_count = per_area.get(area.slug, 0)
            for child in area.children.all():
                child.agreement_count = per_area.get(child.slug, 0)
        return context


class AreaDetailView(DetailView):
    queryset = Area.objects.select_related("parent").prefetch_related("children")

    def get_context_data(self, **kwargs):
        listed = AgreementFilterSet(QueryDict(f"area={self.object.slug}"), queryset=Agreement.objects.all())
        return super().get_context_data(**newest_of(listed), **kwargs)


class PersonListView(FilterView):
    queryset = Person.objects.with_agreement_counts().order_by("name")
    filterset_class = PersonFilterSet
    template_name = "partnerships/person_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(
            errors=[error for errors in self.filterset.errors.values() for error in errors],
            query=query.urlencode(),
            **kwargs,
        )
        latest_roles(context["object_list"] or [])
        return context


def latest_roles(people):
    """Give each person of a page `latest`: their part in their latest agreement, with its title and institution, in one query."""
    by_person = {person.pk: person for person in people}
    parts = (
        Participation.objects.filter(person__in=list(by_person)).exclude(title="", institution__isnull=True)
        .select_related("institution").order_by("person_id", F("agreement__signed_on").desc(nulls_last=True), "-pk")
    )
    for part in parts:
        person = by_person[part.person_id]
        if getattr(person, "latest", None) is None:
            person.latest = part


class PersonDetailView(DetailView):
    model = Person

    def get_context_data(self, **kwargs):
        participations = (
            Participation.objects.filter(person=self.object)
            .select_related("agreement", "institution")
            .order_by("agreement__signed_on", "agreement__title", "role")
        )
        return super().get_context_data(parts=parts_by(participations, lambda part: part.agreement_id), **kwargs)
