"""The curators' pages (drafts from articles, the inbox of suggestions) and the public's suggestion forms."""
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _, ngettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from config.throttling import client_address
from curation.drafting import draft_from_article
from curation.forms import ArticleForm, CloseSuggestionForm, DraftForm, RejectDraftForm, SuggestionForm
from curation.known_agreements import with_current_differences
from curation.marking import marked_article, quotes_of
from curation.models import Draft, Suggestion
from curation.services import (
    PublishError, UnstatedFactsError, already_published_message, article_text, close_suggestion, earlier_publication, keep_draft, publish_draft,
    reject_draft, reopen_draft,
)
from curation.throttling import SuggestionRateThrottle
from institutions.models import Institution
from partnerships.models import Agreement

curators_only = method_decorator(staff_member_required, name="dispatch")
# Publishing creates agreements and institutions: a curator needs both permissions.
PUBLISH_PERMISSIONS = ("partnerships.add_agreement", "institutions.add_institution")


class DraftingFailed(Exception):
    """The assistant could not read the article."""


def draft_article(*, text=None, html=None, url=None, published_on=None):
    """Return (the article's text, the assistant's draft) for a pasted text or a saved page."""
    try:
        proposal = draft_from_article(text=text, html=html, url=url or None, published_on=published_on)
        if html is not None:
            text = article_text(html=html, url=url)
    except (ValueError, TypeError, LookupError) as error:
        raise DraftingFailed(str(error)) from error
    if not (text or "").strip():
        raise DraftingFailed(_("No article text could be read from this page."))
    return text, proposal


def draft_for(*, request, text="", html="", url="", published_on=None, suggestion=None):
    """Keep the assistant's draft of an article for this curator; or say why not, with the page to go to."""
    earlier = earlier_publication(url=url, text=text) if text or url else None
    if earlier is not None:
        return None, already_published_message(earlier)
    text, proposal = draft_article(text=text or None, html=html or None, url=url, published_on=published_on)
    earlier = earlier_publication(url=url, text=text)
    if earlier is not None:
        return None, already_published_message(earlier)
    open_draft = Draft.objects.of_article(url=url, text=text).filter(status=Draft.Status.OPEN).first()
    if open_draft is not None:
        messages.info(request, _("A draft of this article is open already: here it is."))
        return open_draft, None
    draft = keep_draft(
        text=text, html=html, url=url, published_on=published_on, proposal=proposal, created_by=request.user,
        suggestion=suggestion,
    )
    return draft, None


@curators_only
class NewDraftView(FormView):
    """New from an article: paste its text or upload its saved page, and get a draft to review."""

    template_name = "curation/draft_new.html"
    form_class = ArticleForm

    def get_initial(self):
        initial = {"url": self.request.GET.get("url", "")}
        suggestion = self.suggestion()
        if suggestion is not None:
            initial.update(suggestion=suggestion.pk, url=suggestion.source_url, text=suggestion.source_text)
        return initial

    def suggestion(self):
        number = self.request.POST.get("suggestion") or self.request.GET.get("suggestion")
        if number and str(number).isdigit():
            return Suggestion.objects.filter(pk=number).first()
        return None

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            draft, refusal = draft_for(
                request=self.request, text=data["text"], html=data["html_file"], url=data["url"],
                published_on=data["published_on"], suggestion=self.suggestion(),
            )
        except DraftingFailed as error:
            form.add_error(None, _("The assistant could not read this article: %(error)s") % {"error": error})
            return self.form_invalid(form)
        if refusal:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        return redirect(draft)


@curators_only
class DraftListView(ListView):
    """Every draft, open, published or rejected, with who made it and when."""

    template_name = "curation/draft_list.html"
    paginate_by = 50
    context_object_name = "drafts"

    def get_queryset(self):
        drafts = Draft.objects.select_related("created_by", "closed_by").prefetch_related("agreements").defer("text", "html")
        if self.status() != "all":
            drafts = drafts.filter(status=self.status())
        return drafts

    def status(self):
        status = self.request.GET.get("status", "open")
        return status if status in {*Draft.Status.values, "all"} else "open"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, status=self.status(), statuses=[*Draft.Status.choices, ("all", _("All"))],
        )


@curators_only
class DraftView(View):
    """A draft beside its article: every fact correctable, each linked to its marked sentence; publish or reject."""

    template_name = "curation/draft_detail.html"

    def get(self, request, pk):
        draft = get_object_or_404(Draft.objects.select_related("created_by", "closed_by", "source", "suggestion"), pk=pk)
        return self.render(draft, DraftForm(proposal=draft.proposal, article=draft.text))

    def post(self, request, pk):
        draft = get_object_or_404(Draft.objects.select_related("suggestion"), pk=pk)
        action = request.POST.get("action")
        if draft.status != Draft.Status.OPEN:
            messages.error(request, _("This draft is already %(status)s.") % {"status": draft.get_status_display().lower()})
            return redirect(draft)
        if action == "reject":
            # Rejecting asks for a reason and a confirmation, on a page of its own.
            return redirect("curation:draft_reject", pk=draft.pk)
        form = DraftForm(request.POST, proposal=draft.proposal, article=draft.text)
        if action not in {"save", "publish"}:
            return self.render(draft, form, status=400, error=_("Choose Save, Publish or Reject."))
        if not form.is_valid():
            return self.render(draft, form, error=_("Some fields need correcting; they are marked below."))
        proposal = with_current_differences(form.corrected())
        if action == "save":
            draft.proposal = proposal
            draft.save(update_fields=["proposal", "text_fingerprint", "url_key"])
            messages.success(request, _("Corrections saved."))
            return redirect(draft)
        if not all(request.user.has_perm(permission) for permission in PUBLISH_PERMISSIONS):
            raise PermissionDenied(_("Publishing needs the permission to add agreements and institutions."))
        try:
            draft = publish_draft(draft=draft, curator=request.user, proposal=proposal)
        except UnstatedFactsError as error:
            form.add_unstated(error.problems)
            return self.render(draft, form, error=_(
                "A fact you changed is not stated by the sentence it cites; the fields are marked below."
            ))
        except PublishError as error:
            return self.render(draft, form, error=str(error))
        agreements = list(draft.agreements.order_by("pk"))
        if draft.unrecorded_differences:
            messages.warning(request, _("Where the article differs from the record and no disagreement holds it: %(differences)s") % {
                "differences": "; ".join(draft.unrecorded_differences),
            })
        messages.success(
            request,
            ngettext(
                "Published %(count)s agreement from the article: %(titles)s",
                "Published %(count)s agreements from the article: %(titles)s",
                len(agreements),
            ) % {"count": len(agreements), "titles": "; ".join(agreement.title for agreement in agreements)},
        )
        return HttpResponseRedirect(agreements[0].get_absolute_url())

    def render(self, draft, form, *, status=200, error=None):
        article, anchors, missing = marked_article(draft.text, quotes_of(form.proposal))
        earlier = earlier_publication(url=draft.url, text=draft.text, exclude=draft) if draft.status == Draft.Status.OPEN else None
        groups = form.groups()
        for group in groups:
            group["evidence"] = [{**item, "anchor": anchors.get((item.get("quote") or "").strip())} for item in group["evidence"]]
            for row in (row for key in ("parties", "people", "areas") for row in group[key]):
                row["anchor"] = anchors.get((row.get("evidence") or "").strip())
            for person in group["people"]:
                for item in person["more_evidence"]:
                    item["anchor"] = anchors.get(item["quote"].strip())
            group["missing_quotes"] = [item for item in group["evidence"] if item.get("quote") and not item["anchor"]]
        context = {
            "draft": draft, "form": form, "groups": groups, "article": article, "anchors": anchors,
            "missing_quotes": missing, "warnings": (draft.proposal or {}).get("warnings") or [],
            "source": (draft.proposal or {}).get("source") or {}, "error": error,
            "earlier": already_published_message(earlier) if earlier else None,
            "published_agreements": draft.agreements.order_by("pk") if draft.status == Draft.Status.PUBLISHED else [],
            "can_publish": all(self.request.user.has_perm(permission) for permission in PUBLISH_PERMISSIONS),
        }
        return render(self.request, self.template_name, context, status=status)


@curators_only
class DraftRejectView(View):
    """Reject a draft: the curator confirms, with a reason kept beside the draft."""

    template_name = "curation/draft_reject.html"

    def get(self, request, pk):
        return self.render(self.open_draft(pk), RejectDraftForm())

    def post(self, request, pk):
        draft = self.open_draft(pk)
        form = RejectDraftForm(request.POST)
        if not form.is_valid():
            return self.render(draft, form)
        try:
            reject_draft(draft=draft, curator=request.user, reason=form.cleaned_data["reason"])
        except PublishError as error:
            messages.error(request, str(error))
            return redirect(draft)
        messages.success(request, _("Draft rejected: %(title)s") % {"title": draft.title})
        return redirect("curation:drafts")

    def open_draft(self, pk):
        return get_object_or_404(Draft.objects.defer("html"), pk=pk)

    def render(self, draft, form):
        if draft.status != Draft.Status.OPEN:
            messages.error(self.request, _("This draft is already %(status)s.") % {"status": draft.get_status_display().lower()})
            return redirect(draft)
        return render(self.request, self.template_name, {"draft": draft, "form": form})


@curators_only
class DraftReopenView(View):
    """Open a rejected or published draft again."""

    def post(self, request, pk):
        draft = get_object_or_404(Draft.objects.defer("html"), pk=pk)
        try:
            reopen_draft(draft=draft)
        except PublishError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Draft reopened."))
        return redirect(draft)


class SuggestionCreateView(FormView):
    """A reader's correction of an agreement or an institution, or a partnership the directory is missing."""

    template_name = "curation/suggestion_form.html"
    form_class = SuggestionForm

    def dispatch(self, request, *args, kind, model=None, **kwargs):
        self.kind = kind
        self.subject = get_object_or_404(model, slug=kwargs["slug"]) if model else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.kind}

    def post(self, request, *args, **kwargs):
        throttle = SuggestionRateThrottle()
        if not throttle.allow_request(request, self):
            wait = int(throttle.wait() or 60)
            response = render(request, "curation/suggestion_limit.html", {"minutes": max(1, round(wait / 60))}, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not form.is_from_a_program:
            suggestion = form.save(commit=False)
            suggestion.kind = self.kind
            suggestion.client_address = (client_address(self.request) or "")[:64]
            if isinstance(self.subject, Agreement):
                suggestion.agreement = self.subject
            elif isinstance(self.subject, Institution):
                suggestion.institution = self.subject
            suggestion.save()
        # A filled-in hidden field: thanked like anyone, kept by no one.
        thanks = reverse("curation:suggestion_thanks")
        if self.subject is not None:
            thanks += "?" + urlencode({"about": self.subject._meta.model_name, "slug": self.subject.slug})
        return redirect(thanks)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, kind=self.kind, subject=self.subject)


class SuggestionThanksView(TemplateView):
    """Thanks, with a link back to the record the suggestion is about (named by ?about=&slug=)."""

    template_name = "curation/suggestion_thanks.html"
    RECORDS = {"agreement": Agreement, "institution": Institution}

    def get_context_data(self, **kwargs):
        model = self.RECORDS.get(self.request.GET.get("about", ""))
        slug = self.request.GET.get("slug", "")
        record = model.objects.filter(slug=slug).first() if model and slug else None
        return super().get_context_data(**kwargs, record=record)


@curators_only
class SuggestionListView(ListView):
    """The curators' inbox: open suggestions first by age, or the closed ones."""

    template_name = "curation/suggestion_list.html"
    paginate_by = 50
    context_object_name = "suggestions"

    def status(self):
        status = self.request.GET.get("status", "open")
        return status if status in {*Suggestion.Status.values, "all"} else "open"

    def get_queryset(self):
        suggestions = Suggestion.objects.select_related("agreement", "institution", "closed_by").defer("source_text")
        return suggestions if self.status() == "all" else suggestions.filter(status=self.status())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, status=self.status(), statuses=[*Suggestion.Status.choices, ("all", _("All"))],
        )


@curators_only
class SuggestionView(View):
    """One suggestion, shown escaped: draft from its source in one click, or close it with a reason."""

    template_name = "curation/suggestion_detail.html"

    def get(self, request, pk):
        return self.render(self.suggestion(pk), CloseSuggestionForm())

    def suggestion(self, pk):
        return get_object_or_404(Suggestion.objects.select_related("agreement", "institution", "closed_by"), pk=pk)

    def post(self, request, pk):
        suggestion = self.suggestion(pk)
        form = CloseSuggestionForm(request.POST)
        if suggestion.status != Suggestion.Status.OPEN:
            messages.error(request, _("This suggestion is already closed."))
            return redirect(suggestion)
        if not form.is_valid():
            return self.render(suggestion, form)
        close_suggestion(suggestion=suggestion, curator=request.user, **form.cleaned_data)
        messages.success(request, _("Suggestion #%(number)s closed as %(status)s.") % {
            "number": suggestion.pk, "status": Suggestion.Status(form.cleaned_data["status"]).label.lower(),
        })
        return redirect("curation:suggestions")

    def render(self, suggestion, form):
        return render(self.request, self.template_name, {
            "suggestion": suggestion, "form": form, "drafts": suggestion.drafts.order_by("-pk"),
            "edit_url": self.edit_url(suggestion),
        })

    def edit_url(self, suggestion):
        """The edit form of the record the suggestion is about, with the suggestion shown on it; None without one."""
        record = suggestion.agreement or suggestion.institution
        if record is None or not self.request.user.has_perm(f"{record._meta.app_label}.change_{record._meta.model_name}"):
            return None
        address = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
        return f"{address}?suggestion={suggestion.pk}"


@curators_only
class SuggestionDraftView(View):
    """Run the assistant on a suggestion's pasted text; for an address alone, ask for the article itself."""

    def post(self, request, pk):
        suggestion = get_object_or_404(Suggestion, pk=pk)
        if not suggestion.source_text.strip():
            # Nothing is fetched from the internet by the server: the curator opens the
            # address, saves the page and uploads it.
            messages.info(request, _(
                "This suggestion gives only an address. Open it, save the page (or copy its text) and add it here; "
                "the draft will be linked to the suggestion."
            ))
            return redirect(f"{reverse('curation:draft_new')}?suggestion={suggestion.pk}")
        try:
            draft, refusal = draft_for(request=request, text=suggestion.source_text, url=suggestion.source_url,
                                       suggestion=suggestion)
        except DraftingFailed as error:
            refusal = _("The assistant could not read this text: %(error)s") % {"error": error}
        if refusal:
            messages.error(request, refusal)
            return redirect(suggestion)
        return redirect(draft)
