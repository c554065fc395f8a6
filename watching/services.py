"""What a curator does with a candidate: draft it (through the draft assistant), or reject it with a reason."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from watching.models import Candidate


class CandidateClosed(Exception):
    """The candidate was drafted or rejected already."""


def article_for_drafting(candidate):
    """The candidate as the draft assistant reads a pasted article: its headline, then its text."""
    return f"{candidate.title}\n\n{candidate.text}" if candidate.title else candidate.text


def close_candidate(*, candidate, curator, status, reason="", draft=None):
    """Mark an open candidate drafted (with its draft) or rejected (with the curator's reason)."""
    if status not in {Candidate.Status.DRAFTED, Candidate.Status.REJECTED}:
        raise ValueError(f"A candidate closes as drafted or rejected, not {status!r}")
    if status == Candidate.Status.REJECTED and not reason.strip():
        raise ValueError("A rejected candidate needs a reason.")
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status not in {Candidate.Status.NEW, Candidate.Status.DUPLICATE}:
            raise CandidateClosed(_("This article is already %(status)s.") % {"status": candidate.get_status_display().lower()})
        candidate.status, candidate.reason, candidate.draft = status, reason.strip(), draft
        candidate.closed_by, candidate.closed_at = curator, timezone.now()
        candidate.save()
    return candidate
