"""The applications API: scoped as the pages, IDs masked, paged, scope-checked, bad input named."""

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.cases.models import Application
from minzheng.cases.tests.conftest import DANGHU, ZHAPU
from minzheng.cases.tests.factories import application_at
from minzheng.cases.tests.helpers import nothing_written
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST = "/api/v1/cases/applications"


@pytest.fixture
def danghu_user(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


@pytest.fixture
def danghu(danghu_user):
    return token_client(danghu_user, "cases:read")


def test_a_township_token_reads_its_applications_and_not_another_townships(make_staff, danghu):
    application = application_at()  # 松枫社区, 当湖街道
    zhapu = token_client(make_staff(Role.TOWNSHIP_WORKER, ZHAPU), "cases:read")

    assert danghu.get(f"{LIST}/{application.pk}").status_code == 200
    with nothing_written():
        foreign = zhapu.get(f"{LIST}/{application.pk}")
    assert foreign.status_code == 404
    assert foreign.json()["code"] == "not_found"
    assert zhapu.get(LIST).json()["results"] == []
    assert [r["number"] for r in danghu.get(LIST).json()["results"]] == [application.number]


def test_members_ids_are_masked_and_the_read_is_audited(danghu, danghu_user):
    application = application_at()
    person = application.household.memberships.get().person
    response = danghu.get(f"{LIST}/{application.pk}")
    body = response.json()
    assert body["members"][0]["id_number_masked"] == person.id_number_masked
    assert "********" in body["members"][0]["id_number_masked"]
    assert person.id_number not in response.content.decode()
    assert body["head_name"] == "张秀英"
    assert body["items"] == ["最低生活保障"]
    read = AuditEvent.objects.get(target_id=str(application.pk))
    assert (read.action, read.actor_username) == ("view", danghu_user.username)


def test_the_decision_is_read_with_the_application(danghu):
    application = application_at()
    application.decision_number = "平民救〔2026〕18号"
    application.decided_at = application.created_at
    application.decision_reason = "符合最低生活保障条件。"
    application.save(update_fields=["decision_number", "decided_at", "decision_reason"])
    row = application.items.get()
    row.granted, row.granted_amount = True, "525.00"
    row.save(update_fields=["granted", "granted_amount"])

    body = danghu.get(f"{LIST}/{application.pk}").json()

    assert body["decision"]["number"] == "平民救〔2026〕18号"
    assert body["decision"]["reason"] == "符合最低生活保障条件。"
    assert body["item_decisions"][0]["granted"] is True
    assert body["item_decisions"][0]["granted_amount"] == "525.00"


def test_the_list_is_paged_by_page_and_limit_and_each_read_is_audited(danghu):
    for _ in range(3):
        application_at()
    first = danghu.get(LIST, {"limit": 2}).json()
    second = danghu.get(LIST, {"limit": 2, "page": 2}).json()
    assert (len(first["results"]), first["has_next"]) == (2, True)
    assert (len(second["results"]), second["has_next"]) == (1, False)
    numbers = {r["number"] for r in first["results"] + second["results"]}
    assert numbers == set(Application.objects.values_list("number", flat=True))
    reads = AuditEvent.objects.filter(target_type="cases.application_list")
    assert [e.changes["results"] for e in reads.order_by("id")] == [2, 1]


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"page": 0}, {"page": "取值超出允许范围。"}),
        ({"page": 10**20}, {"page": "取值超出允许范围。"}),
        ({"limit": 101}, {"limit": "取值超出允许范围。"}),
        ({"status": "bogus"}, {"status": "取值不在允许范围内。"}),
        ({"step": "x"}, {"step": "取值不在允许范围内。"}),
    ],
)
def test_bad_parameters_are_refused_in_chinese_naming_the_field(danghu, params, fields):
    with nothing_written():
        response = danghu.get(LIST, params)
    assert response.status_code == 422
    assert response.json()["fields"] == fields
    assert response.json()["detail"] == "请求内容有误，未保存。"


def test_a_malformed_application_id_is_a_chinese_4xx(danghu):
    response = danghu.get(f"{LIST}/not-a-uuid")
    assert response.status_code in {404, 422}
    assert response.json()["code"] in {"not_found", "validation_error"}


def test_a_token_without_cases_read_is_refused_naming_the_scope(caseworker):
    application = application_at()
    client = token_client(caseworker, "registry:read")
    with nothing_written():
        response = client.get(f"{LIST}/{application.pk}")
        listed = client.get(LIST)
    assert (response.status_code, listed.status_code) == (403, 403)
    assert "cases:read" in response.json()["detail"]


def test_the_bank_query_needs_checks_write_and_is_written_once(caseworker):
    application_at()
    reader = token_client(caseworker, "cases:read")
    writer = token_client(caseworker, "checks:write")
    with nothing_written():
        refused = reader.post("/api/v1/cases/bank-queries")
    assert refused.status_code == 403
    assert "checks:write" in refused.json()["detail"]

    response = writer.post("/api/v1/cases/bank-queries")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").startswith("查询序号,查询批次号,姓名,身份证号")
    assert AuditEvent.objects.filter(target_type="bank_query").count() == 1


def test_a_village_worker_cannot_ask_for_a_checks_scope(village_worker):
    from minzheng.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        token_client(village_worker, "checks:write")
