"""Generated requests against every operation in /api/v1/schema/: never a 5xx, and every
response (status code, headers, body) is what the schema documents.

Bounded for `make test`: FUZZ_EXAMPLES requests per operation and user (10 by default,
about 350 in all). `make fuzz` runs many more and adds schemathesis's coverage phase
(FUZZ_COVERAGE=1: boundary and invalid values for every parameter, thousands of requests).
"""
import os

import pytest
import schemathesis
from django.contrib.auth.models import Permission, User
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=list(HealthCheck),
    database=None,
)


# The generated requests are served in this process, inside the test's transaction, unthrottled.
pytestmark = pytest.mark.usefixtures("wsgi_in_test_transaction")


@pytest.fixture
def curator_token(db):
    """A token for a curator who may add, change and delete agreements and institutions."""
    curator = User.objects.create_user("fuzz-curator")
    curator.user_permissions.set(
        Permission.objects.filter(content_type__model__in=["agreement", "institution"])
    )
    return Token.objects.create(user=curator).key


# Loaded once at collection: producing the schema reads no rows.
# Two checks expect more than the API promises. A well-formed slug that names no record is
# valid by the schema and still answered 400; and, like the pages' filter form, the API
# ignores an empty filter (`signed_before=`) and DRF reads the number 0 as the text "0".
NOT_CHECKED = [positive_data_acceptance, negative_data_rejection]

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
schema.config.phases.coverage.enabled = os.environ.get("FUZZ_COVERAGE") == "1"


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_conforms_to_schema_for_anonymous_users(case):
    case.call_and_validate(excluded_checks=NOT_CHECKED)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_conforms_to_schema_for_curators(case, curator_token):
    case.call_and_validate(headers={"Authorization": f"Token {curator_token}"}, excluded_checks=NOT_CHECKED)
