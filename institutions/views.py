from django.http import HttpResponsePermanentRedirect
from django.views.generic import DetailView
from django_countries import countries
from django_filters.views import FilterView

from institutions.filtersets import InstitutionFilterSet
from institutions.models import Institution, merged_into

CLOSEST_PARTNERS = 50


class InstitutionListView(FilterView):
    queryset = Institution.objects.order_by("name")
    filterset_class = InstitutionFilterSet
    template_name = "institutions/institution_list.html"
    paginate_by = 50

    def get_queryset(self):
        # Counted through partnerships' relation, so built per request: this app loads without it.
        return super().get_queryset().with_names().with_agreement_counts()

    def get_context_data(self, **kwargs):
        codes = Institution.objects.order_by().values_list("country", flat=True).distinct()
        return super().get_context_data(
            country_choices=sorted(((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]),
            kind_choices=Institution.Kind.choices,
            errors=[error for errors in self.filterset.errors.values() for error in errors],
            **kwargs,
        )


class InstitutionDetailView(DetailView):
    queryset = Institution.objects.with_names().prefetch_related("children")

    def get(self, request, *args, **kwargs):
        merged = merged_into(kwargs["slug"])
        if merged:
            # A record merged into another: its old address is the survivor's for good.
            return HttpResponsePermanentRedirect(merged.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        institution = self.object
        return super().get_context_data(
            # The related manager carries the agreements' own queryset methods; this app
            # does not import partnerships.
            agreements=institution.agreements.newest_cards(),
            agreement_count=institution.agreements.count(),
            list_query=f"institution={institution.slug}",
            # The closest partners: an institution in a large network can have thousands.
            partners=Institution.objects.partners_of(institution)[:CLOSEST_PARTNERS],
            **kwargs,
        )
