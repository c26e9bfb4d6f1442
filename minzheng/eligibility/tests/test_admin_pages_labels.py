"""The admin's settings pages name every number in Chinese; the key is at most a hint."""

import re

import pytest

from minzheng.accounts.enums import Role

PAGES = [
    pytest.param(
        "/profiling/model/", "五型三色画像模型", "阈值：年度医疗自付费用阈值(元)", id="profiling"
    ),
    pytest.param("/monitoring/rules/", "预警规则", "大额医疗费用：预警阈值", id="monitoring"),
    pytest.param("/visits/cadence/", "探访频次", "红色对象探访间隔(天)", id="visits"),
    pytest.param("/eligibility/parameters/", "政策参数", "低保标准", id="parameters"),
    pytest.param("/eligibility/whatif/", "政策测算", "低保标准", id="whatif"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "heading", "label"), PAGES)
def test_settings_pages_speak_chinese_labels(make_staff, client_for, url, heading, label):
    page = client_for(make_staff(Role.COUNTY_ADMIN)).get(url).content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert label in page
    # A key may appear only as a muted hint or an option's value, never as the text of a cell
    # or an option.
    assert not re.search(r"<td[^>]*>\s*[a-z_]+\.[a-z_.]+\s*</td>", page)
    assert not re.search(r"<option[^>]*>\s*[a-z_]+\.[a-z_.]+\s*</option>", page)
