from django import forms
from django.utils.translation import gettext_lazy as _

from watching.models import Candidate


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not a partnership to record"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the article is rejected: the reason is kept with it.")},
    )


class QueueFilterForm(forms.Form):
    """The queue's filters; a value that is not one of the choices is an error shown on the page."""

    status = forms.ChoiceField(
        required=False, choices=[("", _("Waiting")), *[c for c in Candidate.Status.choices if c[0] != "duplicate"], ("all", _("All"))],
    )
    language = forms.CharField(required=False, max_length=16)
    source = forms.IntegerField(required=False, min_value=1)
    order = forms.ChoiceField(required=False, choices=[("", _("Newest first")), ("relevance", _("Most relevant first"))])
