"""A refused 受理 in the browser (issue 13): the message stands beside its field, in Chinese,
and what the worker typed is still there to correct."""

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.models import Application
from minzheng.cases.tests.factories import poor_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("case_reference_data"),
]
SONGFENG = 330482001034  # 松枫社区


def test_an_intake_without_a_signer_is_corrected_in_place(make_staff, staff_page):
    worker = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    home = poor_home(name="沈月娥")
    page = staff_page(worker)

    page.goto(f"/cases/new/?household={home.pk}")
    page.get_by_label("最低生活保障").check()
    page.get_by_label("家庭成员已签署核对授权书").check()
    page.get_by_label("签署日期").fill("2026-11-20")
    page.get_by_label("授权书编号").fill("SQ-HD-2026-131")
    page.get_by_role("button", name="受理").click()

    signer = page.get_by_label("签字人")
    signer.wait_for()
    main = page.locator("main").inner_text()
    assert "dict_items" not in main
    assert "请填写授权书签字人。" in page.locator("label", has=signer).inner_text()
    assert page.get_by_label("授权书编号").input_value() == "SQ-HD-2026-131"
    assert page.get_by_label("最低生活保障").is_checked()
    signer.fill("沈月娥")
    page.get_by_role("button", name="受理").click()
    page.get_by_role("heading", name="救助申请", exact=False).first.wait_for()
    assert Application.objects.get().household == home
