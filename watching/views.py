"""The curators' queue of candidate articles, grouped by story, and the list of watched sources (staff only)."""
from django.contrib import messages
from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from curation.views import DraftingFailed, curators_only, draft_for
from watching.forms import QueueFilterForm, RejectForm
from watching.models import Candidate, WatchedSource
from watching.services import CandidateClosed, article_for_drafting, close_candidate

WAITING = Candidate.Status.NEW


def reports():
    return Prefetch("reports", queryset=Candidate.objects.select_related("source").defer("text").order_by("found_at", "pk"))


@curators_only
class CandidateListView(ListView):
    """The stories waiting for a curator, newest (or most relevant) first, each with its reports from other outlets."""

    template_name = "watching/candidate_list.html"
    paginate_by = 50
    context_object_name = "stories"

    def get(self, request, *args, **kwargs):
        self.filters = QueueFilterForm(request.GET)
        if not self.filters.is_valid():
            self.object_list = Candidate.objects.none()
            context = self.get_context_data(error=_("Some filters are not valid; they are marked below."))
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        chosen = self.filters.cleaned_data
        stories = Candidate.objects.stories().select_related("source", "draft").prefetch_related("institutions", reports())
        status = chosen["status"] or WAITING
        if status != "all":
            stories = stories.filter(status=status)
        # A story is in a language, or from a source, when any of its reports is.
        if chosen["language"]:
            stories = stories.filter(Q(language=chosen["language"]) | Q(reports__language=chosen["language"])).distinct()
        if chosen["source"]:
            stories = stories.filter(Q(source=chosen["source"]) | Q(reports__source=chosen["source"])).distinct()
        newest = (F("published_on").desc(nulls_last=True), "-found_at")
        order = ("-relevance", *newest) if chosen["order"] == "relevance" else (*newest, "-relevance")
        return stories.defer("text").order_by(*order, "-pk")

    def get_context_data(self, **kwargs):
        stories = Candidate.objects.stories()
        by_status = dict(stories.order_by().values_list("status").annotate(count=Count("pk")))
        waiting_by_language = stories.filter(status=WAITING).order_by().values("language").annotate(count=Count("pk"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            **kwargs, filters=self.filters, waiting=by_status.get(WAITING, 0),
            status_choices=[
                (value, label, by_status.get(value or WAITING, 0) if value != "all" else None)
                for value, label in self.filters.fields["status"].choices
            ],
            waiting_by_language=sorted(waiting_by_language, key=lambda row: (-row["count"], row["language"])),
            sources=WatchedSource.objects.order_by("name"), query=query.urlencode(),
            reject_form=RejectForm(),
        )


@curators_only
class CandidateView(View):
    """One candidate: its text, where it was found, its story's other reports; draft it or reject it."""

    def get(self, request, pk):
        return self.render(request, self.candidate(pk), RejectForm())

    @staticmethod
    def candidate(pk):
        queryset = Candidate.objects.select_related("source", "primary__source", "draft").prefetch_related("institutions", reports())
        return get_object_or_404(queryset, pk=pk)

    @staticmethod
    def render(request, candidate, reject_form, *, status=200):
        story = candidate.primary or candidate
        others = [report for report in [story, *story.reports.all()] if report.pk != candidate.pk]
        return render(request, "watching/candidate_detail.html", {
            "candidate": candidate, "others": others, "reject_form": reject_form,
            "is_open": candidate.status in {Candidate.Status.NEW, Candidate.Status.DUPLICATE},
        }, status=status)


@curators_only
class CandidateDraftView(View):
    """Draft the candidate with the assistant, and open the draft for review."""

    def post(self, request, pk):
        candidate = get_object_or_404(Candidate, pk=pk)
        if candidate.draft_id:
            return redirect(candidate.draft)
        try:
            draft, refusal = draft_for(
                request=request, text=article_for_drafting(candidate), url=candidate.url, published_on=candidate.published_on,
            )
        except DraftingFailed as error:
            messages.error(request, _("The assistant could not read this article: %(error)s") % {"error": error})
            return redirect(candidate)
        if refusal:
            messages.error(request, refusal)
            return redirect(candidate)
        try:
            close_candidate(candidate=candidate, curator=request.user, status=Candidate.Status.DRAFTED, draft=draft)
        except CandidateClosed as error:
            messages.info(request, str(error))
        return redirect(draft)


@curators_only
class CandidateRejectView(View):
    """Set the candidate aside with a reason (not a partnership, not news of a signing…)."""

    def post(self, request, pk):
        candidate = CandidateView.candidate(pk)
        form = RejectForm(request.POST)
        if not form.is_valid():
            return CandidateView.render(request, candidate, form, status=400)
        try:
            close_candidate(candidate=candidate, curator=request.user, status=Candidate.Status.REJECTED,
                            reason=form.cleaned_data["reason"])
        except CandidateClosed as error:
            messages.error(request, str(error))
            return redirect(candidate)
        messages.success(request, _("Rejected: %(title)s") % {"title": candidate})
        return redirect("watching:candidates")


@curators_only
class WatchedSourceListView(ListView):
    """Every watched source: when it was checked, what it failed with, how many articles it gave."""

    template_name = "watching/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return WatchedSource.objects.select_related("institution").annotate(
            found=Count("candidates"), waiting=Count("candidates", filter=Q(candidates__status=WAITING)),
        ).order_by("name", "pk")
