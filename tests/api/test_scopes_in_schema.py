"""Every operation of the API names the token scope it needs (ADR 0027)."""

import json
from pathlib import Path

from minzheng.accounts.enums import ApiScope

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"
# Any valid token may ask whose it is.
UNSCOPED = {("get", "/api/v1/accounts/me")}


def _operations():
    paths = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["paths"]
    return {(method, path): op for path, ops in paths.items() for method, op in ops.items()}


def test_every_operation_but_whoami_names_a_known_scope():
    operations = _operations()
    scopes = {key: op.get("x-token-scope") for key, op in operations.items()}
    assert {key for key, scope in scopes.items() if scope is None} == UNSCOPED
    assert {scope for scope in scopes.values() if scope} <= set(ApiScope.values)


def test_reads_need_read_scopes_and_writes_write_scopes():
    for (method, path), op in _operations().items():
        scope = op.get("x-token-scope")
        if scope:
            expected = ":read" if method == "get" else ":write"
            assert scope.endswith(expected), (method, path, scope)


def test_the_api_covers_what_outside_systems_need():
    paths = {path for _method, path in _operations()}
    for needed in (
        "/api/v1/cases/applications/{application_id}",
        "/api/v1/cases/bank-queries",
        "/api/v1/payments/batches/{batch_id}",
        "/api/v1/payments/batches/{batch_id}/reconciliation",
        "/api/v1/payments/failures",
        "/api/v1/integration/feeds",
        "/api/v1/profiling/households/{household_id}",
        "/api/v1/monitoring/warnings/{warning_id}",
        "/api/v1/visits/due",
    ):
        assert needed in paths
