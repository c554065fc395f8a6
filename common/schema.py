"""The OpenAPI schema's shared parts: the error answers every endpoint can give."""
from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import permissions, serializers

from common.api import CSVRenderer

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
# 406 comes before a format is chosen; 413 and 503 come from config/middleware.py.
JSON_ONLY_ERRORS = {"406", "413", "503"}
BAD_REQUEST = OpenApiResponse(OpenApiTypes.OBJECT, description="Each bad parameter or field, with what is wrong with it.")


class AutoSchema(openapi.AutoSchema):
    """Document the errors an operation can answer next to the answers its view declares.

    The errors come from conventions every view shares (common/api.py, the permission and
    throttle settings, config/middleware.py), so they are written here once, not per view.
    """

    def get_auth(self):
        auths = super().get_auth()
        # Reads are open to everyone (DjangoModelPermissionsOrAnonReadOnly): no credentials is fine too.
        anonymous_reads = any(
            isinstance(p, permissions.DjangoModelPermissionsOrAnonReadOnly) for p in self.view.get_permissions()
        )
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self.error_responses().items():
            if code not in responses:
                # Answered before any renderer is chosen (406) or by middleware: always JSON.
                media_types = ["application/json"] if code in JSON_ONLY_ERRORS else None
                responses[code] = self._get_response_for_code(response, code, media_types, direction)
        return responses

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if CSVRenderer.media_type in response.get("content", {}):
            # A table, not the JSON's object: its columns are the CSV serializer's fields.
            response["content"][CSVRenderer.media_type] = {"schema": {"type": "string"}}
        return response

    def error_responses(self):
        writes = self.method in {"POST", "PUT", "PATCH", "DELETE"}
        has_body = self.method in {"POST", "PUT", "PATCH"}
        has_query = any(parameter["in"] == "query" for parameter in self._get_parameters())
        errors = {}
        if has_body or has_query:
            errors["400"] = BAD_REQUEST
        if self.get_auth():
            errors["401"] = OpenApiResponse(ERROR, description="The token or session is not valid, or a write came without one.")
        if writes and not all(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions()):
            errors["403"] = OpenApiResponse(ERROR, description="The user lacks the permission to write this model.")
        if "{" in self.path or (self.method == "GET" and self._is_list_view() and self._get_paginator()):
            errors["404"] = OpenApiResponse(ERROR, description="No such record, or a page past the end.")
        if has_body:
            errors["413"] = OpenApiResponse(ERROR, description="The request body is too large.")
        if self.view.get_throttles():
            errors["429"] = OpenApiResponse(ERROR, description="Too many requests; wait as many seconds as Retry-After says.")
        errors["406"] = OpenApiResponse(ERROR, description="The Accept header allows none of the formats the operation serves.")
        errors["503"] = OpenApiResponse(ERROR, description="The database is unavailable for a moment; retry after Retry-After seconds.")
        return errors


NULL = {"enum": [None]}


def strict_openapi_30(result, generator, request, public):
    """Rewrite the two forms of drf-spectacular's output that strict OpenAPI 3.0 validators reject.

    - A nullable reference comes out as `allOf: [$ref]` with `nullable: true` and no `type`;
      OpenAPI 3.0.3 ignores `nullable` without a `type` beside it, so null fails the reference.
      It becomes `oneOf: [$ref, {enum: [null]}]`, the form drf-spectacular itself uses for
      nullable choices.
    - A URL that may be blank comes out as `oneOf` of a URI and an empty string; without
      format checks "" matches both, which `oneOf` forbids. It becomes `anyOf`.
    """

    def rewrite(node):
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: rewrite(value) for key, value in node.items()}
        if node.get("nullable") and "type" not in node and len(node.get("allOf", [])) == 1:
            del node["nullable"]
            node["oneOf"] = [node.pop("allOf")[0], NULL]
        branches = node.get("oneOf", [])
        if branches and all(branch.get("type") == "string" for branch in branches):
            node["anyOf"] = node.pop("oneOf")
        return node

    return rewrite(result)
