"""The audit page in words: what was touched, by its number or name, and what changed.

It lives outside the apps because it reads what every app registers about its targets."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from minzheng.accounts.enums import Role
from minzheng.cases.tests.factories import ApplicationFactory
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.eligibility.models import ParameterValue

pytestmark = pytest.mark.django_db
DANGHU = 330482001000
ZHAPU = 330482101000


@pytest.fixture
def approval(county_admin):
    application = ApplicationFactory(number="SQ20261120-0042")
    audit_record(
        actor=county_admin,
        action=AuditAction.UPDATE,
        target_type="cases.application",
        target_id=application.pk,
        division_code=application.division_id,
        changes={"step": "county_approval", "status": ["in_progress", "approved"]},
    )
    return application


@pytest.fixture
def parameter(county_admin):
    value = ParameterValue.objects.create(
        name="dibao.standard",
        region="330482",
        start=dt.date(2027, 1, 1),
        value=Decimal("1250"),
        label="平民发〔2026〕1号",
        reference="平湖市民政局 2026-12-01",
        created_by=county_admin,
    )
    audit_record(
        actor=county_admin,
        action=AuditAction.CREATE,
        target_type="eligibility.parameter_value",
        target_id=value.pk,
        changes={"name": "dibao.standard", "value": "1250", "start": "2027-01-01"},
    )
    return value


def page(client, **filters) -> str:
    response = client.get(reverse("workbench:audit_list"), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_a_row_names_the_case_and_shows_before_and_after(approval, auditor, client_for):
    text = page(client_for(auditor))

    assert "救助申请 SQ20261120-0042" in text
    assert "cases.application" not in text
    assert str(approval.pk)[:8] not in text
    assert "环节：县级审批" in text
    assert "状态：办理中 → 已批准" in text


def test_a_parameter_row_names_the_parameter_and_its_value(parameter, auditor, client_for):
    text = page(client_for(auditor))

    assert "政策参数取值 低保标准 2027-01-01" in text
    assert "eligibility.parameter_value" not in text
    assert "参数：低保标准" in text
    assert "取值：1250" in text


def test_an_identity_number_never_shows(county_admin, auditor, client_for):
    audit_record(
        actor=county_admin,
        action=AuditAction.UPDATE,
        target_type="registry.person",
        target_id="00000000-0000-4000-8000-000000000001",
        changes={
            "id_number": ["330482195003019015", "33048219500301903X"],
            "name": ["张伟", "张玮"],
        },
    )

    text = page(client_for(auditor))

    assert "330482195003019015" not in text
    assert "33048219500301903X" not in text
    assert "证件号：(已变更)" in text
    assert "姓名：张伟 → 张玮" in text


def test_an_unregistered_target_still_reads_without_a_traceback(county_admin, auditor, client_for):
    audit_record(
        actor=county_admin,
        action=AuditAction.VIEW,
        target_type="some.thing",
        changes={"results": 3},
    )
    text = page(client_for(auditor))
    assert "some.thing" in text
    assert "结果数：3" in text


def test_the_export_is_an_audited_scoped_workbook(approval, make_staff, auditor, client_for):
    danghu = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
    audit_record(actor=danghu, action=AuditAction.VIEW, target_type="registry.household")

    response = client_for(auditor).get(reverse("workbench:audit_export"), {"action": "update"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "账号", "动作", "对象")
    assert len(rows) == 2  # the header and the one update; the view was filtered out
    assert rows[1][2] == "修改"
    assert rows[1][3] == "救助申请 SQ20261120-0042"
    assert "状态：办理中 → 已批准" in rows[1][5]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width > 10
    export = AuditEvent.objects.get(action=AuditAction.EXPORT, target_type="accounts.audit_log")
    assert export.changes == {"action": "update", "username": "", "rows": 1}


def test_the_export_holds_only_the_auditors_jurisdiction(approval, make_staff, client_for):
    elsewhere = make_staff(Role.AUDITOR, ZHAPU)

    response = client_for(elsewhere).get(reverse("workbench:audit_export"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert all("SQ20261120-0042" not in str(row) for row in rows)


def test_staff_who_may_not_read_the_log_may_not_export_it(make_staff, client_for, approval):
    before = AuditEvent.objects.count()
    worker = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU))

    assert worker.get(reverse("workbench:audit_export")).status_code == 403
    assert AuditEvent.objects.count() == before


def test_the_audit_page_links_the_export_with_its_filters(auditor, client_for):
    text = page(client_for(auditor), action="update")
    assert f"{reverse('workbench:audit_export')}?action=update" in text


def test_a_visit_row_reads_in_words(make_staff, auditor, client_for):
    import uuid as uuid_

    from minzheng.visits.services.visits import visit_record
    from minzheng.visits.tests.factories import draft, home

    worker = make_staff(Role.VILLAGE_WORKER, 330482001034)
    household = home()
    visit_record(
        actor=worker,
        household_id=household.pk,
        draft=draft(submission_id=uuid_.uuid4(), needs=["care"]),
    )

    text = page(client_for(auditor))

    assert "探访记录 2026-11-20 09:00" in text
    assert "有照片：否" in text
    assert "探访时间：2026-11-20 09:00" in text
    assert "发现的需求：照护" in text
    assert f"户：{household.number}" in text
    assert str(household.pk) not in text
    assert "has_photo" not in text
    assert "T01:00:00" not in text
