import json

import pytest
from django.test import Client

from minzheng.accounts.services.tokens import api_token_issue
from minzheng.accounts.system import system_user
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.registry.models import Person
from minzheng.registry.tests.factories import MembershipFactory, household_with_members, resident_id

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_household_detail_masks_identifiers(caseworker, client_for):
    home = household_with_members(2)
    body = client_for(caseworker).get(f"/api/v1/registry/households/{home.pk}").json()
    numbers = {m["person"]["id_number_masked"] for m in body["members"]}
    assert all("********" in n for n in numbers)
    assert body["division_path"] == ["浙江省", "嘉兴市", "平湖市", "当湖街道", "松枫社区"]
    assert "id_number" not in body["members"][0]["person"]


def test_reveal_returns_the_full_number_and_is_audited(caseworker, client_for):
    person = MembershipFactory().person
    response = client_for(caseworker).post(f"/api/v1/registry/persons/{person.pk}/reveal")
    assert response.json() == {"id_number": person.id_number}
    assert AuditEvent.objects.filter(action=AuditAction.REVEAL).count() == 1


def test_search_by_each_field(caseworker, client_for):
    person = MembershipFactory(person__name="曾国平", person__phone="17099990000").person
    client = client_for(caseworker)
    for query in ("曾国平", "zgp", person.id_number, "17099990000", "松枫社区"):
        body = client.get("/api/v1/registry/households", {"q": query}).json()
        assert [r["head_name"] for r in body["results"]] == ["曾国平"], query


def test_bad_body_gets_chinese_messages_naming_fields_and_saves_nothing(caseworker, client_for):
    home = household_with_members(1)
    before = Person.objects.count()
    response = _post(
        client_for(caseworker),
        f"/api/v1/registry/households/{home.pk}/persons",
        {"name": "王五", "relation": "cousin", "id_number": 123},
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "请求内容有误，未保存。",
        "code": "validation_error",
        "fields": {"relation": "取值不在允许范围内。", "id_number": "应为文本。"},
    }
    assert Person.objects.count() == before


def test_invalid_id_number_is_refused_with_the_field_named(caseworker, client_for):
    home = household_with_members(1)
    response = _post(
        client_for(caseworker),
        f"/api/v1/registry/households/{home.pk}/persons",
        {"name": "王五", "relation": "child", "id_number": "33048219500301001"},
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"id_number": "身份证号应为 18 位(旧证 15 位)。"}


def test_malformed_json_is_refused(caseworker, client_for):
    home = household_with_members(1)
    response = client_for(caseworker).post(
        f"/api/v1/registry/households/{home.pk}/persons",
        "{not json",
        content_type="application/json",
    )
    assert response.status_code in {400, 422}
    assert response.json()["code"] == "validation_error"


def test_creates_and_updates_a_person(caseworker, client_for):
    home = household_with_members(1)
    client = client_for(caseworker)
    created = _post(
        client,
        f"/api/v1/registry/households/{home.pk}/persons",
        {"name": "王五", "relation": "child", "id_number": resident_id()},
    )
    assert created.status_code == 201
    person_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/registry/persons/{person_id}",
        json.dumps({"status": "moved_out"}),
        content_type="application/json",
    )
    assert patched.json()["status"] == "moved_out"


def test_token_authentication_has_the_same_scope(caseworker, make_staff):
    home = household_with_members(1)
    token = api_token_issue(
        actor=system_user(), user=caseworker, name="测试", scopes=["registry:read"]
    )
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get(f"/api/v1/registry/households/{home.pk}").status_code == 200
    assert client.get("/api/v1/accounts/me").json()["role"] == "county_caseworker"
    bad = Client(headers={"Authorization": "Bearer mz_nope"})
    assert bad.get(f"/api/v1/registry/households/{home.pk}").status_code == 401


def test_session_writes_require_csrf(caseworker):
    home = household_with_members(1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    response = _post(
        client,
        f"/api/v1/registry/households/{home.pk}/persons",
        {"name": "王五", "relation": "child"},
    )
    assert response.status_code in {401, 403}
    assert not Person.objects.filter(name="王五").exists()


def test_an_unknown_area_code_is_accepted_with_a_warning(caseworker, client_for):
    from minzheng_pipeline.identifiers import check_char

    home = household_with_members(1)
    first17 = "99999919800101001"
    response = _post(
        client_for(caseworker),
        f"/api/v1/registry/households/{home.pk}/persons",
        {"name": "王五", "relation": "child", "id_number": first17 + check_char(first17)},
    )
    assert response.status_code == 201
    assert response.json()["id_number_warnings"] == ["unknown_area"]
    page = client_for(caseworker).get(f"/registry/households/{home.pk}/").content.decode()
    assert "区划代码存疑" in page


def test_search_parameters_are_bounded(caseworker, client_for):
    client = client_for(caseworker)
    too_long = client.get("/api/v1/registry/households", {"q": "张" * 65})
    bad_page = client.get("/api/v1/registry/households", {"q": "张", "page": 0})
    assert too_long.status_code == 422
    assert too_long.json()["fields"] == {"q": "内容过长。"}
    assert bad_page.status_code == 422
    assert bad_page.json()["fields"] == {"page": "取值超出允许范围。"}


def test_creates_a_household_then_registers_its_head(make_staff, client_for):
    client = client_for(make_staff("township_worker", 330482001000))
    created = _post(
        client,
        "/api/v1/registry/households",
        {
            "village_code": 330482001034,
            "number": "A-0001",
            "phone": "0573-85012345",
            "address": {
                "road": "新华路",
                "door_number": "128",
                "estate": "松枫苑",
                "building": "3",
                "unit": "2",
                "room": "301",
            },
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["address"] == "当湖街道松枫社区新华路128号松枫苑3幢2单元301室"
    assert body["division_name"] == "松枫社区"
    head = _post(
        client,
        f"/api/v1/registry/households/{body['id']}/persons",
        {"name": "沈建国", "relation": "head", "id_number": resident_id()},
    )
    assert head.status_code == 201


def test_household_creation_names_every_bad_field(make_staff, client_for):
    household_with_members(1, number="TAKEN")
    client = client_for(make_staff("township_worker", 330482101000))  # 乍浦镇
    response = _post(
        client,
        "/api/v1/registry/households",
        {
            "village_code": 330482001034,
            "number": "TAKEN",
            "phone": "12",
            "address": {"road": "新华路"},
        },
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "village_code": "村(社区)代码不存在或不在您的管辖范围内。",
        "number": "户号已存在。",
        "phone": "电话号码格式不正确：手机号为 11 位，座机需带区号。",
        "door_number": "请填写门牌号或室号。",
    }
