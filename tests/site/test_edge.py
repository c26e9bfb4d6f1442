"""What reaches the server from outside is checked at the edge: NUL bytes, malformed bodies,
numbers out of range. Each answer is a Chinese 400 naming the field, never a 500."""

import pytest
from django.test import Client

from minzheng.accounts.enums import Role
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NUL_PAGES = [
    ("/registry/households/?q=%00", "q"),
    ("/cases/?status=%00", "status"),
]
NUL_AUDIT_PAGES = [("/audit/?username=%00", "username")]
NUL_API = [
    ("/api/v1/registry/households?q=%00", "q"),
    ("/api/v1/audit/events?username=ab%00c", "username"),
]


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("url", "field"), NUL_PAGES)
def test_a_nul_byte_in_a_page_query_is_refused_in_chinese(county_admin, url, field):
    response = _client(county_admin).get(url)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"参数 {field} 含有不允许的空字符" in text
    assert "Traceback" not in text


@pytest.mark.parametrize(("url", "field"), NUL_AUDIT_PAGES)
def test_a_nul_byte_in_the_audit_page_query_is_refused(auditor, url, field):
    response = _client(auditor).get(url)
    assert response.status_code == 400
    assert f"参数 {field} 含有不允许的空字符" in response.content.decode()


@pytest.mark.parametrize(("url", "field"), NUL_API)
def test_a_nul_byte_in_an_api_query_is_a_chinese_json_error(make_staff, url, field):
    response = _client(make_staff(Role.AUDITOR)).get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["fields"] == {field: "含有不允许的空字符 (NUL)。"}


def test_a_nul_byte_in_a_form_field_saves_nothing(db):
    events = AuditEvent.objects.count()
    response = Client(raise_request_exception=False).post(
        "/accounts/login/", {"username": "ab\x00", "password": "x"}
    )
    assert response.status_code == 400
    assert "参数 username 含有不允许的空字符" in response.content.decode()
    assert AuditEvent.objects.count() == events


def test_multipart_without_boundary_is_a_chinese_400(caseworker):
    response = _client(caseworker).post(
        "/api/v1/registry/persons/import", b"--x\r\n", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["fields"] == {"body": "请求体无法解析，请检查上传的文件或表单后重试。"}


def test_a_page_number_past_any_integer_is_refused_by_the_api(auditor):
    response = _client(auditor).get("/api/v1/audit/events", {"page": "19423774319703752704"})
    assert response.status_code == 422
    assert response.json()["fields"] == {"page": "取值超出允许范围。"}


def test_a_page_number_past_any_integer_shows_the_last_page_on_the_web(auditor):
    response = _client(auditor).get("/audit/", {"page": "19423774319703752704"})
    assert response.status_code == 200


@pytest.mark.parametrize("debug", [False, True], ids=["production", "DJANGO_DEBUG=1"])
def test_an_unexpected_api_failure_is_a_chinese_json_500(auditor, monkeypatch, settings, debug):
    settings.DEBUG = debug

    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("minzheng.accounts.api.audit_event_list", broken)
    response = _client(auditor).get("/api/v1/audit/events")
    assert response.status_code == 500
    assert "secret internals" not in response.content.decode()
    assert response.json() == {
        "detail": "服务器内部错误，请稍后重试；问题已记录。",
        "code": "server_error",
        "fields": {},
    }


def test_a_nul_in_a_json_member_is_refused_naming_it_and_saves_nothing(caseworker):
    from minzheng.registry.models import Person
    from minzheng.registry.tests.factories import household_with_members

    home = household_with_members(1)
    before = Person.objects.count()
    response = _client(caseworker).post(
        f"/api/v1/registry/households/{home.pk}/persons",
        '{"name": "王\\u0000五", "relation": "child"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"name": "含有不允许的空字符 (NUL)。"}
    assert Person.objects.count() == before
