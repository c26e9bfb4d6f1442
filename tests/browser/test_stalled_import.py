"""A merge whose worker died: the import page says so, and 重新开始 merges it."""

import datetime as dt

import pytest
from django.utils import timezone

from minzheng.accounts.enums import Role
from minzheng.integration.heartbeat import STALE_AFTER
from minzheng.integration.models import FeedImport, SourceRecord
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare
from minzheng.registry.tests.factories import MembershipFactory, PersonFactory, resident_id
from tests.browser.test_staff_journeys import SCREENSHOTS, _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stalled_merge_is_shown_and_started_again(page, make_staff):
    caseworker = make_staff(Role.COUNTY_CASEWORKER)
    born = dt.date(1958, 4, 12)
    person = PersonFactory(name="张建国", birth_date=born, id_number=resident_id(born))
    MembershipFactory(person=person)
    data = f"记录编号,姓名,身份证号码,残疾类别,残疾等级\nCL1,张建国,{person.id_number},肢体,2\n"
    feed_import = feed_import_upload(
        actor=caseworker,
        department="disability",
        as_of=dt.date(2026, 9, 30),
        file_name="残联2026年9月.csv",
        data=data.encode(),
    )
    columns = column_mapping_suggest(department="disability", header=feed_import.header)
    feed_import_columns_set(actor=caseworker, feed_import=feed_import, columns=columns, run=False)
    linked = feed_import_prepare(feed_import_id=feed_import.id)
    feed_import_merge_start(actor=caseworker, feed_import=linked, run=False)  # no worker took it
    FeedImport.objects.filter(id=linked.id).update(
        attempt_started_at=timezone.now() - STALE_AFTER * 2
    )

    _log_in(page, caseworker.username)
    page.goto(f"/integration/imports/{linked.id}/")
    stalled = page.get_by_test_id("import-stalled")
    assert "处理已停滞" in stalled.inner_text()
    page.set_viewport_size({"width": 375, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "feed-import-stalled.png"), full_page=True)

    page.get_by_role("button", name="重新开始").click()
    page.get_by_test_id("import-status").filter(has_text="已入库").wait_for(timeout=60_000)
    assert page.get_by_test_id("created-count").inner_text() == "1"
    assert SourceRecord.objects.get().person == person
