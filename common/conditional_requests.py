"""Conditional requests on single records (RFC 9110, section 13): ETag, If-None-Match, If-Match.

A record's ETag is a hash of what GET answers, so it changes whenever anything the record
shows changes: its own fields, its related rows, a partner's new name. Each representation has
its own (the JSON, the CSV row), so a copy held as JSON never makes a CSV request a 304; If-Match
takes the JSON's, as writes send and answer JSON. If-Match is optional; a write that sends it
is checked and made while the record's row is locked, so of two editors who read the same
ETag only the first can write and the second gets 412.
"""
import hashlib
import json

from django.db import transaction
from django.http import HttpResponseNotModified
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER,
    description="The ETag of a copy you hold: 304 Not Modified, without a body, while it is still current.",
)
IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER,
    description="The ETag of the copy you edited: the write is refused with 412 if the record has changed "
    "since. Optional: without it the write proceeds.",
)
# The viewsets list these among their answers: an answer declared here would replace theirs.
NOT_MODIFIED = OpenApiResponse(description="Not Modified: the copy named by If-None-Match is current.")
PRECONDITION_FAILED = OpenApiResponse(
    inline_serializer("PreconditionFailed", {"detail": serializers.CharField()}),
    description="Precondition Failed: the record changed after the copy named by If-Match was read.",
)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The record changed after you read it: fetch it again, make your change on the new copy "
        "and send its ETag in If-Match."
    )
    default_code = "precondition_failed"


def etag_of(data, media_type="application/json"):
    """Return the strong ETag of one representation of a record: its JSON, or its CSV row, by media type."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return quote_etag(hashlib.sha256(f"{media_type}\n{text}".encode()).hexdigest()[:32])


def etag_matches(etag, header, *, weak):
    """Say whether an If-Match (strong comparison) or If-None-Match (weak) header names the ETag."""
    tags = parse_etags(header or "")
    if tags == ["*"]:
        return True
    if weak:
        tags = [tag.removeprefix("W/") for tag in tags]
    return etag in tags


class ConditionalRecordMixin:
    """Give a viewset's single records an ETag, 304 on If-None-Match, and writes that honour If-Match."""

    @extend_schema(parameters=[IF_NONE_MATCH])
    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        etag = etag_of(response.data, request.accepted_renderer.media_type)
        if etag_matches(etag, request.headers.get("If-None-Match"), weak=True):
            # Not a rendered Response: a 304 has no body, and a renderer (CSV's byte-order mark)
            # would give it one, which a kept-alive connection reads as the next answer's start.
            return HttpResponseNotModified(headers={"ETag": etag})
        response["ETag"] = etag
        return response

    @extend_schema(parameters=[IF_MATCH])
    def update(self, request, *args, **kwargs):
        # PATCH comes here too (partial_update calls update).
        with transaction.atomic():
            self.check_if_match()
            response = super().update(request, *args, **kwargs)
            response["ETag"] = self.current_etag()
        return response

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            self.check_if_match()
            return super().destroy(request, *args, **kwargs)

    def check_if_match(self):
        """Lock the record's row until the write commits; refuse the write if If-Match names another version."""
        lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
        # A second editor waits here until the first one's write commits, then compares
        # against the record as the first one left it. (SQLite, which has no row locks,
        # lets one writer at a time into the whole database instead.)
        list(self.get_queryset().model._default_manager.select_for_update().filter(**lookup).values_list("pk"))
        header = self.request.headers.get("If-Match")
        if header is not None and not etag_matches(self.current_etag(), header, weak=False):
            raise PreconditionFailed()

    def current_etag(self):
        """Return the ETag of what GET answers for the record now (404 if there is none)."""
        # Built exactly the way retrieve builds it, so an ETag a client kept compares equal.
        action, self.action = self.action, "retrieve"
        try:
            return etag_of(self.get_serializer(self.get_object()).data)
        finally:
            self.action = action
