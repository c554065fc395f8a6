"""Conventions every endpoint of the JSON API shares: pagination, CSV, error bodies."""
import copy
import csv
import io
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, renderers


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 50 by default; ?page_size=1..200, anything else is a 400 rather than silently clamped."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = None
        if size is None or not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {"page_size": [_("Must be a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]}
            )
        return size


class CSVRenderer(renderers.BaseRenderer):
    """Render a list of flat rows as CSV that spreadsheet programs open as UTF-8.

    The byte-order mark makes Excel read UTF-8 (Korean, Arabic and German names intact);
    other programs ignore it. An error body (a dict) becomes two columns: parameter, problem.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        if isinstance(data, dict):
            writer.writerow(["parameter", "problem"])
            for name, problems in data.items():
                for problem in problems if isinstance(problems, list) else [problems]:
                    writer.writerow([name, problem])
        elif data:
            writer.writerow(data[0].keys())
            writer.writerows(row.values() for row in data)
        return buffer.getvalue().encode("utf-8")

    def render_row(self, row):
        """Render one more row of a streamed table, without the header and byte-order mark."""
        buffer = io.StringIO()
        csv.writer(buffer).writerow(row.values())
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
        errors = {}
        if self.paginator is not None and self.action == "list":
            try:
                self.paginator.get_page_size(self.request)
            except exceptions.ValidationError as error:
                errors.update(error.detail)
        try:
            queryset = super().filter_queryset(queryset)
        except exceptions.ValidationError as error:
            errors.update(error.detail)
        if errors:
            raise exceptions.ValidationError(errors)
        return queryset


class CSVExportMixin:
    """Serve a list as CSV on ?format=csv or Accept: text/csv: every matching row, streamed."""

    renderer_classes = [renderers.JSONRenderer, CSVRenderer]
    csv_serializer_class = None
    csv_filename = "export.csv"

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        context = self.get_serializer_context()
        rows = (self.csv_serializer_class(row, context=context).data for row in queryset.iterator(chunk_size=500))
        renderer = CSVRenderer()

        def chunks():
            # Header and byte-order mark with the first row, then one row at a time, so a
            # large export never sits whole in memory.
            first = next(rows, None)
            yield renderer.render([first] if first else [])
            for row in rows:
                yield renderer.render_row(row)

        response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return response


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"
