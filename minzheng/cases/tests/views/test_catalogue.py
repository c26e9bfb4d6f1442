import re

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.cases.models import AssistanceItem
from minzheng.core.models import AuditEvent


def _post(client, **values):
    data = {"name": "电费减免", "display_order": "100", "is_active": "on", **values}
    return client.post("/cases/catalogue/", data)


@pytest.mark.django_db
def test_the_admin_renames_retires_and_adds_items(make_staff, client_for):
    client = client_for(make_staff(Role.COUNTY_ADMIN))
    assert "特困人员救助供养" in client.get("/cases/catalogue/").content.decode()
    assert _post(client, code="electricity_waiver", name="生活用电减免").status_code == 302
    assert (
        _post(client, code="cable_tv_waiver", name="有线电视费减免", is_active="").status_code
        == 302
    )
    item = AssistanceItem.objects.get(code="electricity_waiver")
    assert (item.name, item.is_active) == ("生活用电减免", True)
    assert not AssistanceItem.objects.get(code="cable_tv_waiver").is_active
    added = _post(
        client, code="water_waiver", name="水费减免", kind="fee_waiver", department="housing"
    )
    assert added.status_code == 302
    assert AssistanceItem.objects.get(code="water_waiver").programme == ""
    assert AuditEvent.objects.filter(target_type="cases.assistance_item").count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param({"code": "dibao", "name": " "}, "请填写事项名称", id="empty_name_case"),
        pytest.param(
            {"code": "Bad Code", "kind": "referral", "department": "housing"},
            "代码应以小写字母开头",
            id="code_case",
        ),
        pytest.param(
            {"code": "new_cash", "kind": "monthly_cash", "department": "civil_affairs"},
            "新增事项只能是",
            id="monthly_cash_case",
        ),
        pytest.param({"code": "dibao", "display_order": "x"}, "显示顺序", id="order_case"),
    ],
)
def test_bad_input_is_refused_in_chinese(make_staff, client_for, values, message):
    client = client_for(make_staff(Role.COUNTY_ADMIN))
    response = _post(client, **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AssistanceItem.objects.get(code="dibao").name == "最低生活保障"
    assert not AuditEvent.objects.filter(target_type="cases.assistance_item").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.COUNTY_CASEWORKER, Role.TOWNSHIP_WORKER, Role.VILLAGE_WORKER, Role.AUDITOR]
)
def test_only_the_county_admin_keeps_the_catalogue(make_staff, client_for, role):
    client = client_for(make_staff(role))
    assert client.get("/cases/catalogue/").status_code == 403
    assert _post(client, code="dibao", name="改名").status_code == 403
    assert AssistanceItem.objects.get(code="dibao").name == "最低生活保障"


@pytest.mark.django_db
def test_a_refused_new_item_keeps_its_choices_and_shows_each_message_beside_its_field(
    make_staff, client_for
):
    """Issue 13: the 幸福清单 item form listed its messages at the top and lost the choices."""
    client = client_for(make_staff(Role.COUNTY_ADMIN))
    response = client.post(
        reverse("cases:catalogue"),
        {
            "form": "new",
            "code": "Bad Code",
            "name": "",
            "kind": "fee_waiver",
            "department": "housing",
            "display_order": "210",
            "is_active": "on",
        },
    )
    page = response.content.decode()
    new_form = page.split("新增事项</h2>", 1)[1]
    assert "dict_items" not in page
    assert re.search(
        r'name="code"[^>]*value="Bad Code"[^<]*>\s*<span class="error">代码应以', new_form
    )
    assert re.search(r'name="name"[^>]*>\s*<span class="error">请填写事项名称。', new_form)
    assert '<option value="fee_waiver" selected>' in new_form
    assert '<option value="housing" selected>' in new_form
    assert not AssistanceItem.objects.filter(code="bad code").exists()


@pytest.mark.django_db
def test_a_refused_edit_keeps_the_typed_order_on_its_row(make_staff, client_for):
    client = client_for(make_staff(Role.COUNTY_ADMIN))
    response = client.post(
        reverse("cases:catalogue"),
        {"form": "edit", "code": "dibao", "name": "最低生活保障金", "display_order": "x"},
    )
    page = response.content.decode()
    row = page.split('value="dibao"', 1)[1].split("</form>", 1)[0]
    assert 'value="最低生活保障金"' in row
    assert re.search(r'name="display_order" value="x"[^>]*>\s*<span class="error">显示顺序', row)
    assert AssistanceItem.objects.get(code="dibao").name == "最低生活保障"
