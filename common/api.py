"""Conventions every endpoint of the JSON API shares: pagination, CSV, error bodies."""
import base64
import copy
import csv
import io
import json
from contextlib import contextmanager

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.http import StreamingHttpResponse
from django.http.request import MediaType
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext as _
from rest_framework import exceptions, negotiation, pagination, renderers, serializers
from rest_framework.utils.encoders import JSONEncoder
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from common.caching import while_unchanged


class RecordURLField(serializers.HyperlinkedIdentityField):
    """A record's absolute API address, the same whatever ?format= the request named.

    DRF's own reverse() copies ?format= into the links it builds, which would give a
    record one address per format.
    """

    def get_url(self, obj, view_name, request, format):
        kwargs = {self.lookup_url_kwarg: getattr(obj, self.lookup_field)}
        return request.build_absolute_uri(reverse(view_name, kwargs=kwargs))


class SlugReferenceField(serializers.SlugRelatedField):
    """A related row named by its slug in a request body; a NUL in it is a 400, not a database error.

    PostgreSQL refuses NUL in a query, which would otherwise surface as a 500.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value="…")
        return super().to_internal_value(data)


class AllowedMethodsFirstMixin:
    """Answer a method the endpoint never allows with 405 and Allow, before authentication.

    DRF authenticates and checks permissions before it looks for the method's handler, so
    PUT on a read-only endpoint was a 401 for anyone without a token: a method no one may use
    is a 405 for everyone.
    """

    def perform_authentication(self, request):
        if not hasattr(self, request.method.lower()):
            self.http_method_not_allowed(request)
        super().perform_authentication(request)


class CachedCountPaginator(Paginator):
    """Count the filtered rows once per state of the directory, and no further than the limit.

    A list whose number is known without counting (a queryset's `known_count()`, e.g. from
    counts kept on write) is counted exactly at any size; any other list, a search or a date
    range, counts at most settings.LIST_COUNT_LIMIT rows, so a million matches cost no more
    than the limit. `count_is_exact` says which it was; past the limit, `count` is the limit.
    """

    @cached_property
    def counted(self):
        return while_unchanged("count:bounded", self.object_list, lambda: bounded_count(self.object_list))

    @property
    def count(self):
        return self.counted[0]

    @property
    def count_is_exact(self):
        return self.counted[1]


def bounded_count(queryset):
    """Return (rows, True), or (the limit, False) when there are more rows than settings.LIST_COUNT_LIMIT."""
    known = queryset.known_count() if hasattr(queryset, "known_count") else None
    if known is not None:
        return known, True
    limit = settings.LIST_COUNT_LIMIT
    # COUNT over a LIMIT subquery: the database stops reading at the limit. A queryset that
    # knows a cheaper way to stop there (a search) says so by count_up_to().
    if hasattr(queryset, "count_up_to"):
        rows = queryset.count_up_to(limit + 1)
    else:
        rows = queryset.order_by()[: limit + 1].count()
    return (rows, True) if rows <= limit else (limit, False)


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 50 by default; ?page_size=1..200 and ?page=1.. (or last), anything else a 400.

    A page number that is not one is a bad parameter like any other (400, named with the
    rest); a real page past the end is a 404, as for any address that names nothing.
    """

    django_paginator_class = CachedCountPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("There is no such page: the results end before it.")

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not whole_number_within(raw, 1, self.max_page_size):
            raise exceptions.ValidationError(
                {"page_size": [_("Must be a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]}
            )
        return int(raw)

    def bad_parameters(self, request):
        """Return the paging parameters that are malformed, each with what is wrong with it."""
        errors = {}
        try:
            self.get_page_size(request)
        except exceptions.ValidationError as error:
            errors.update(error.detail)
        page = request.query_params.get(self.page_query_param)
        if page is not None and page not in self.last_page_strings and not whole_number_within(page, 1, None):
            errors[self.page_query_param] = [_("Must be a whole number from 1, or last.")]
        return errors

    def paginate_queryset(self, queryset, request, view=None):
        if errors := self.bad_parameters(request):
            raise exceptions.ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_exact"] = self.page.paginator.count_is_exact
        return response

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            "The number of matching rows; when count_is_exact is false, a lower bound (the list stopped counting there)."
        )
        response["properties"]["count_is_exact"] = {
            "type": "boolean",
            "description": "False when the list stopped counting at its limit: there are more rows than count, "
                           "and pages past count cannot be reached (narrow the filters, or use cursor pages).",
        }
        response.setdefault("required", [])
        if "count_is_exact" not in response["required"]:
            response["required"] = [*response["required"], "count_is_exact"]
        return response

    def get_schema_operation_parameters(self, view):
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size, "default": self.page_size},
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
            if parameter["name"] == self.page_query_param:
                parameter["description"] = "A page number from 1 (or `last`); past the end is a 404."
        return parameters


def whole_number_within(text, low, high):
    """Say whether `text` is a whole number, written in ASCII digits, from `low` to `high` (None: no bound)."""
    if not text.isascii() or not text.isdigit():
        return False
    return low <= int(text) and (high is None or int(text) <= high)


class PageOrCursorPagination(PageNumberPagination):
    """Numbered pages, or with ?cursor= keyset pages that stay fast however deep they go.

    A cursor holds the sort values of the last row shown; the next page is the rows that sort
    after it, found through the ordering's index instead of counting past an offset. Pass
    ?cursor= (empty) for the first such page and follow "next". Cursor pages go forward only.
    """

    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        if self.cursor_query_param not in request.query_params:
            self.cursor_mode = False
            return super().paginate_queryset(queryset, request, view)
        self.cursor_mode, self.request = True, request
        self.page_size_in_use = self.get_page_size(request)
        ordering = keyset_ordering(queryset)
        queryset = queryset.order_by(*(field.expression for field in ordering))
        position = self.decode_cursor(request.query_params[self.cursor_query_param], len(ordering))
        if position is not None:
            queryset = queryset.filter(rows_after(ordering, position))
        rows = list(queryset[: self.page_size_in_use + 1])
        self.has_more = len(rows) > self.page_size_in_use
        rows = rows[: self.page_size_in_use]
        self.next_position = [field.value_of(rows[-1]) for field in ordering] if self.has_more else None
        return rows

    def decode_cursor(self, text, length):
        if not text:
            return None
        try:
            position = json.loads(base64.urlsafe_b64decode(text.encode()).decode())
        except (ValueError, UnicodeDecodeError):
            position = None
        if not isinstance(position, list) or len(position) != length:
            raise exceptions.ValidationError({self.cursor_query_param: [_("Invalid cursor: follow a \"next\" link.")]})
        return position

    def get_paginated_response(self, data):
        if not self.cursor_mode:
            return super().get_paginated_response(data)
        next_link = None
        if self.next_position is not None:
            cursor = base64.urlsafe_b64encode(json.dumps(self.next_position).encode()).decode()
            next_link = replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, cursor)
        return Response({"count": None, "count_is_exact": False, "next": next_link, "previous": None, "results": data})

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["nullable"] = True
        response["properties"]["count"]["description"] = "The number of matching rows; null on cursor pages."
        return response

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param, "required": False, "in": "query",
                "description": "Keyset pagination: empty for the first page, then the value in `next`.",
                "schema": {"type": "string"},
            },
        ]


class KeysetField:
    """One column of a keyset ordering: its name, direction and where NULLs go (always last here)."""

    def __init__(self, expression):
        # The querysets this serves put NULLs last whichever way they sort (see
        # AgreementQuerySet.latest_signed_first), which rows_after relies on.
        if isinstance(expression, str):
            self.name, self.descending = expression.lstrip("-"), expression.startswith("-")
            field = models.F(self.name)
            self.expression = field.desc() if self.descending else field.asc()
        else:
            self.name, self.descending = expression.expression.name, expression.descending
            self.expression = expression

    def value_of(self, row):
        value = getattr(row, self.name)
        return value.isoformat() if hasattr(value, "isoformat") else value


def keyset_ordering(queryset):
    """Return the queryset's ordering as keyset fields, ending with the primary key so it is total."""
    ordering = [KeysetField(expression) for expression in queryset.query.order_by or queryset.model._meta.ordering]
    if not ordering or ordering[-1].name not in {"pk", "id"}:
        ordering.append(KeysetField("pk"))
    return ordering


def rows_after(ordering, position):
    """Return the condition for rows that sort after `position` in `ordering`, NULLs last."""
    after, same_so_far = models.Q(pk__in=[]), models.Q()
    for field, value in zip(ordering, position):
        if value is None:
            # Among NULLs only a later field can tell rows apart.
            same = models.Q(**{f"{field.name}__isnull": True})
        else:
            beyond = models.Q(**{f"{field.name}__{'lt' if field.descending else 'gt'}": value})
            after |= same_so_far & (beyond | models.Q(**{f"{field.name}__isnull": True}))
            same = models.Q(**{field.name: value})
        same_so_far &= same
    return after


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, compact and in UTF-8 as UNICODE_JSON asks, written by orjson: several times faster
    on a page of 50 agreements, which is most of the API's work."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(data, default=json_default, option=orjson.OPT_NON_STR_KEYS)


def json_default(value):
    """Write what orjson does not know as DRF's encoder would: lazy translations and the like as text."""
    if isinstance(value, Promise):
        return str(value)
    return JSONEncoder().default(value)


# A cell starting with one of these is a formula to a spreadsheet program (=HYPERLINK(...)).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value):
    """Return the value so that a spreadsheet shows it as text and never runs it (OWASP: a leading quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class CSVRenderer(renderers.BaseRenderer):
    """Render flat rows as CSV that spreadsheet programs open as UTF-8.

    The columns come from renderer_context["header"] (CSVExportMixin: the CSV serializer's
    fields), so a table with no rows still has its header row. The byte-order mark makes
    Excel read UTF-8 (Korean, Arabic and German names intact); other programs ignore it. An
    error body (a dict) becomes two columns: parameter, problem.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""  # a 304 or a 204 has no body, not even a byte-order mark
        if isinstance(data, dict):
            header = ["parameter", "problem"]
            rows = [
                [name, problem]
                for name, problems in data.items()
                for problem in (problems if isinstance(problems, list) else [problems])
            ]
        else:
            header, rows = renderer_context["header"], [row.values() for row in data]
        return self.render_header(header) + b"".join(self.render_row(row) for row in rows)

    def render_header(self, header):
        """Render the byte-order mark and the header row that start a table."""
        return "\ufeff".encode("utf-8") + self.render_row(header)

    def render_row(self, values):
        """Render one row of a table, each text cell safe to open in a spreadsheet."""
        buffer = io.StringIO()
        csv.writer(buffer).writerow([as_text_cell(value) for value in values])
        return buffer.getvalue().encode("utf-8")


def check_model_rules(instance, changes):
    """Apply `changes` to a copy of `instance` and run the model's own validation on it.

    Model constraints (a date that contradicts its precision, a duplicate slug) then come
    back as a 400 naming the field, instead of an IntegrityError from the database.
    """
    candidate = copy.copy(instance)
    for name, value in changes.items():
        setattr(candidate, name, value)
    try:
        candidate.full_clean()
    except DjangoValidationError as error:
        raise exceptions.ValidationError(error.message_dict) from error


@contextmanager
def one_transaction():
    """Write all or nothing; a conflict that slips past validation becomes a 400, not a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise exceptions.ValidationError(
            {"non_field_errors": [_("The record conflicts with another one: %(error)s") % {"error": error}]}
        ) from error


class ReportsAllBadParametersMixin:
    """Answer a list request with every bad parameter at once: filters and paging alike."""

    def filter_queryset(self, queryset):
        if self.detail:
            # One record is named by its address: list filters have nothing to narrow, and
            # building the filter set cost more than reading the record.
            return queryset
        errors = {}
        if self.paginator is not None and self.action == "list":
            errors.update(self.paginator.bad_parameters(self.request))
        try:
            queryset = super().filter_queryset(queryset)
        except exceptions.ValidationError as error:
            errors.update(error.detail)
        if errors:
            raise exceptions.ValidationError(errors)
        return queryset


class CSVExportMixin:
    """Serve a list, or one record, as CSV on ?format=csv or Accept: text/csv.

    A list gives every matching row, streamed; a record gives one row with the same columns.
    The columns are the fields of `csv_serializer_class`, declared once per table. Other
    actions (writes, autocomplete) answer JSON only.
    """

    renderer_classes = [JSONRenderer, CSVRenderer]
    csv_serializer_class = None
    csv_filename = "export.csv"

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action in {"list", "retrieve"}:
            return renderers
        return [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]

    def get_renderer_context(self):
        return {**super().get_renderer_context(), "header": list(self.csv_serializer_class().fields)}

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        serializer = self.csv_serializer_class(context=self.get_serializer_context())
        renderer = request.accepted_renderer

        def chunks():
            # The header first, then one row at a time, so a large export never sits whole in memory.
            yield renderer.render_header(serializer.fields)
            for row in queryset.iterator(chunk_size=500):
                yield renderer.render_row(serializer.to_representation(row).values())

        response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return response

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().retrieve(request, *args, **kwargs)
        row = self.csv_serializer_class(self.get_object(), context=self.get_serializer_context()).data
        return Response([row])


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """Choose the representation: an explicit ?format= first, else the Accept header with its q-values.

    ?format= wins over Accept, so a link to ?format=csv works from any client; an unknown or
    unoffered ?format= is a 400 naming the parameter, as for any bad parameter (DRF says 404).
    Accept is read as RFC 9110 (12.5.1) says, which DRF's negotiation does not: each format
    the operation serves is as welcome as the most specific range that matches it, q=0 means
    "not this", and the highest q wins; a more specific range, then the range named first,
    then the operation's own order (JSON first) break a tie. An Accept that allows none of
    them is a 406.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format:
            renderer = self.filter_renderers(renderers, format)[0]
            return renderer, renderer.media_type
        ranges = [MediaType(token) for token in request.headers.get("Accept", "*/*").split(",") if token.strip()]
        welcome = [
            (preference, order)
            for order, renderer in enumerate(renderers)
            if (preference := self.preference(renderer, ranges)) is not None
        ]
        if not welcome:
            raise exceptions.NotAcceptable(available_renderers=renderers)
        renderer = renderers[min(welcome)[1]]
        return renderer, renderer.media_type

    def preference(self, renderer, ranges):
        """Return how welcome Accept's ranges make the renderer's type, the smallest most; None if refused."""
        matching = [
            (-accepted.specificity, position)
            for position, accepted in enumerate(ranges)
            if accepted.match(renderer.media_type)
        ]
        if not matching:
            return None
        # The most specific range that names the type decides, the first of equals.
        specificity, position = min(matching)
        quality = ranges[position].quality
        return (-quality, specificity, position) if quality > 0 else None

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            known = ", ".join(renderer.format for renderer in renderers)
            raise exceptions.ValidationError({"format": [_("Must be one of: %(known)s.") % {"known": known}]})
        return matching
