"""The API does what its OpenAPI description says (schemathesis): every operation of
/api/v1/openapi.json, called with generated input as the people of the demo cast, answers a status
the description lists, a body of the described shape and never a 5xx. Token revocation is left out
(it would end the caller's token).

It reads the description, so a new endpoint is covered the day it is described. Two depths:

- ``make test`` (this module in the suite): the schema's own examples and ``EXAMPLES`` (1) generated
  example per operation; a read is asked by every person of the cast, a write by one of them.
  Bounded to a few minutes.
- ``make test-api`` (``SAFECAMPUS_API_FUZZ=1``): also schemathesis' coverage phase (the boundary and
  invalid values of every parameter and body field) and 5 generated examples per operation.

``SAFECAMPUS_API_OPS`` (a regular expression on ``"METHOD /path"``) narrows either to some
operations, e.g. ``SAFECAMPUS_API_OPS='^(GET|POST) /api/v1/buses'``; ``SAFECAMPUS_API_EXAMPLES``
sets the generated examples per operation (docs/API.md).
"""

from __future__ import annotations

import os
import zlib

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from safecampus.core.testing.personas import CAST

DEEP = bool(os.environ.get("SAFECAMPUS_API_FUZZ"))
EXAMPLES = int(os.environ.get("SAFECAMPUS_API_EXAMPLES") or (5 if DEEP else 1))
ONLY = os.environ.get("SAFECAMPUS_API_OPS", "")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXCLUDED = ("/api/v1/auth/revoke",)


def _load():
    """The description the API serves at /api/v1/openapi.json, called through WSGI in-process (the
    test's own database connection and transaction)."""
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator

    description = SchemaGenerator().get_schema(request=None, public=True)
    # The coverage phase (every boundary of every parameter, not bounded by max_examples) only in
    # the deep run; stateful links are not described.
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": DEEP},
                                                      "stateful": {"enabled": False}}})
    loaded = schemathesis.openapi.from_dict(description, config=config)
    loaded.app = get_wsgi_application()
    loaded = loaded.exclude(path=list(EXCLUDED))
    return loaded.include(name_regex=ONLY) if ONLY else loaded


schema = _load()


@pytest.fixture
def keys(db):
    """One bearer token per person of the cast, made inside the test's transaction."""
    from django.contrib.auth import get_user_model

    from safecampus.core.api.auth import issue_token

    users = get_user_model().objects.in_bulk(CAST, field_name="username")
    return {name: issue_token(users[name]) for name in CAST}


@pytest.fixture
def in_the_tests_transaction():
    """The WSGI handler ends each request by closing a connection that is not in autocommit, which
    inside the test's transaction is the test's own (PostgreSQL: "the connection is closed" on the
    next query). The test client keeps the connection the same way: not closed between requests."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_api_matches_its_description(case, keys, in_the_tests_transaction):
    # Reads are asked by every person; a write by one person of the cast, a different one for each
    # operation (a write changes the data the next person would read).
    one = CAST[zlib.crc32(case.operation.label.encode()) % len(CAST)]
    names = CAST if case.method.upper() == "GET" else [one]
    for name in names:
        case.call_and_validate(headers={"Authorization": f"Bearer {keys[name]}", "Accept-Language": "en"},
                               checks=CHECKS)
