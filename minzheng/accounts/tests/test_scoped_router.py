import pytest
from django.core.exceptions import ImproperlyConfigured

from minzheng.accounts.api_auth import SCOPE_KEY, ScopedRouter
from minzheng.accounts.enums import ApiScope


def test_a_write_on_a_read_only_router_is_refused_when_declared():
    router = ScopedRouter(read=ApiScope.VISITS_READ)
    with pytest.raises(ImproperlyConfigured):

        @router.post("/visits")
        def visit_add(request):  # pragma: no cover - never registered
            return None


def test_an_operation_may_name_another_scope():
    router = ScopedRouter(read=ApiScope.CASES_READ, write=ApiScope.CHECKS_WRITE)

    @router.post("/reveal", openapi_extra={SCOPE_KEY: ApiScope.REGISTRY_WRITE.value})
    def reveal(request):  # pragma: no cover - never called
        return None

    operation = router.path_operations["/reveal"].operations[0]
    assert operation.openapi_extra[SCOPE_KEY] == "registry:write"
    assert operation.auth_callbacks[0].scope == ApiScope.REGISTRY_WRITE
