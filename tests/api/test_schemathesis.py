"""Schemathesis over every operation of the API, as a county administrator's token with every
scope: whatever it sends, the API answers without a server error (ADR 0028).

Bounded so that it runs in ``make test``: a few examples per operation, no shrinking of
failures past what Hypothesis does in its first pass, no example database on disk.
"""

import json
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from minzheng.accounts.enums import ApiScope, Role
from minzheng.accounts.services.tokens import api_token_issue
from minzheng.accounts.system import system_user

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"
# The committed snapshot is the served schema (core/tests/test_api_docs.py keeps them equal).
schema = schemathesis.openapi.from_dict(json.loads(SNAPSHOT.read_text(encoding="utf-8")))
schema.app = WSGIHandler()


@pytest.fixture
def in_test_transaction():
    """Keep Django from closing the test's database connection after each request, as its test
    client does: the WSGI handler would otherwise close it inside the test transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(make_staff, in_test_transaction):
    admin = make_staff(Role.COUNTY_ADMIN)
    token = api_token_issue(
        actor=system_user(), user=admin, name="schemathesis", scopes=ApiScope.values
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_with_a_server_error(case, bearer):
    response = case.call(headers=bearer)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:300]}"
    )
    if response.status_code != 405:  # ninja's own "Method not allowed" for TRACE and the like
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith(("application/json", "text/csv")), (
            f"{case.method} {case.formatted_path} → {response.status_code} {content_type}"
        )
