"""The API does what its OpenAPI description says (schemathesis): every operation, called with
generated input (reads as every person of the demo cast, writes as one of them), answers a status
the description lists, a body of the described shape and never a 5xx. Token revocation is left
out (it would end the caller's token).

Bounded: the schema's own examples and ``EXAMPLES`` generated ones per operation, each sent as
every person, no shrinking (``SAFECAMPUS_API_EXAMPLES`` raises it for a deeper search).
"""

from __future__ import annotations

import os
import zlib

import pytest

# Every operation as every person of the cast takes longer than the rest of the suite together on
# this machine: `make test-api` runs it (SAFECAMPUS_API_FUZZ=1), `make test` does not.
if not os.environ.get("SAFECAMPUS_API_FUZZ"):
    pytest.skip("the API description check runs with `make test-api`", allow_module_level=True)

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from safecampus.core.testing.personas import CAST

# Each generated example is sent as every person of the cast; raise it for a deeper search.
EXAMPLES = int(os.environ.get("SAFECAMPUS_API_EXAMPLES", "1"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXCLUDED = ("/api/v1/auth/revoke",)


def _load():
    """The description the API serves at /api/v1/openapi.json, called through WSGI in-process (the
    test's own database connection and transaction)."""
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator

    description = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(description)
    loaded.app = get_wsgi_application()
    return loaded.exclude(path=list(EXCLUDED))


schema = _load()


@pytest.fixture
def keys(db):
    """One bearer token per person of the cast, made inside the test's transaction."""
    from django.contrib.auth import get_user_model

    from safecampus.core.api.auth import issue_token

    users = get_user_model().objects.in_bulk(CAST, field_name="username")
    return {name: issue_token(users[name]) for name in CAST}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_api_matches_its_description(case, keys):
    # Reads are asked by every person; a write by one person of the cast, a different one for each
    # operation (a write changes the data the next person would read).
    one = CAST[zlib.crc32(case.operation.label.encode()) % len(CAST)]
    names = CAST if case.method.upper() == "GET" else [one]
    for name in names:
        case.call_and_validate(headers={"Authorization": f"Bearer {keys[name]}", "Accept-Language": "en"},
                               checks=CHECKS)
