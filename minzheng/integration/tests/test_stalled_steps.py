"""A step whose worker died: shown stalled on the page and in the CLI, retried, never twice."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from minzheng.core.exceptions import ApplicationError
from minzheng.integration.enums import ImportStatus
from minzheng.integration.heartbeat import STALE_AFTER, Beating
from minzheng.integration.models import FeedImport, SourceRecord, StagedRecord
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_discard,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge, feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare
from minzheng.integration.services.feed_retry import feed_import_retry
from minzheng.registry.tests.factories import MembershipFactory, PersonFactory, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(db, caseworker) -> FeedImport:
    """A staged 残联 import of one resident, ready to merge."""
    born = dt.date(1958, 4, 12)
    person = PersonFactory(name="张建国", birth_date=born, id_number=resident_id(born))
    MembershipFactory(person=person)
    data = f"记录编号,姓名,身份证号,残疾类别,残疾等级\nCL1,张建国,{person.id_number},肢体,2\n"
    feed_import = feed_import_upload(
        actor=caseworker,
        department="disability",
        as_of=dt.date(2026, 9, 30),
        file_name="canlian.csv",
        data=data.encode(),
    )
    columns = column_mapping_suggest(department="disability", header=feed_import.header)
    feed_import = feed_import_columns_set(
        actor=caseworker, feed_import=feed_import, columns=columns, run=False
    )
    return feed_import_prepare(feed_import_id=feed_import.id)


def _stalled_merge(feed_import: FeedImport, caseworker) -> FeedImport:
    """The merge was queued, a worker took it and died before it beat again."""
    started = feed_import_merge_start(actor=caseworker, feed_import=feed_import, run=False)
    long_ago = timezone.now() - STALE_AFTER - dt.timedelta(seconds=5)
    FeedImport.objects.filter(id=started.id).update(attempt_started_at=long_ago)
    started.refresh_from_db()
    return started


def test_a_running_merge_is_not_retried(linked, caseworker):
    started = feed_import_merge_start(actor=caseworker, feed_import=linked, run=False)
    with Beating(started.id, started.attempt), pytest.raises(ApplicationError) as refused:
        feed_import_retry(actor=caseworker, feed_import=started)
    assert refused.value.message == "该导入仍在处理中，没有停滞，请稍候再看。"
    assert FeedImport.objects.get(id=started.id).attempt == started.attempt


def test_the_page_says_stalled_and_its_button_merges_again(
    linked, caseworker, client_for, django_capture_on_commit_callbacks
):
    stalled = _stalled_merge(linked, caseworker)
    client = client_for(caseworker)
    detail = reverse("integration:import_detail", args=[stalled.id])

    page = client.get(detail).content.decode()
    assert "入库中" in page
    assert "处理已停滞" in page
    assert 'hx-trigger="every 1s"' not in page  # nothing to follow
    assert reverse("integration:import_retry", args=[stalled.id]) in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("integration:import_retry", args=[stalled.id]))
    assert response.status_code == 302
    merged = FeedImport.objects.get(id=stalled.id)
    assert merged.status == ImportStatus.MERGED
    assert merged.attempt == stalled.attempt + 1
    assert SourceRecord.objects.count() == 1


def test_the_cli_lists_a_stalled_step_and_retries_it(linked, caseworker):
    stalled = _stalled_merge(linked, caseworker)
    out = StringIO()
    call_command("feed", "list", stdout=out)
    assert f"已停滞，可重试：minzheng feed retry {stalled.id}" in out.getvalue()

    out = StringIO()
    call_command("feed", "retry", str(stalled.id), stdout=out, stderr=StringIO())

    assert "入库完成：新增 1，变更 0，未变 0" in out.getvalue()
    stalled.refresh_from_db()
    assert stalled.status == ImportStatus.MERGED


def test_a_stalled_staging_is_retried_from_the_cli(caseworker, linked):
    FeedImport.objects.filter(id=linked.id).update(status=ImportStatus.PROCESSING)
    StagedRecord.objects.filter(feed_import=linked).delete()  # a killed staging wrote nothing
    FeedImport.objects.filter(id=linked.id).update(
        attempt_started_at=timezone.now() - STALE_AFTER * 2
    )
    out = StringIO()
    call_command("feed", "retry", str(linked.id), stdout=out, stderr=StringIO())
    assert "1 行，有误 0，已匹配 1" in out.getvalue()


def test_the_old_attempt_of_a_retried_merge_writes_nothing(linked, caseworker):
    stalled = _stalled_merge(linked, caseworker)
    feed_import_retry(actor=caseworker, feed_import=stalled, run=False)

    assert feed_import_merge(feed_import_id=stalled.id, attempt=stalled.attempt) is None
    assert SourceRecord.objects.count() == 0
    assert feed_import_merge(feed_import_id=stalled.id, attempt=stalled.attempt + 1) is not None
    assert SourceRecord.objects.count() == 1


def test_a_stalled_import_may_be_given_up(linked, caseworker):
    stalled = _stalled_merge(linked, caseworker)
    discarded = feed_import_discard(actor=caseworker, feed_import=stalled)
    assert discarded.status == ImportStatus.DISCARDED
    assert not StagedRecord.objects.filter(feed_import=stalled).exists()


def test_a_merge_that_never_started_refuses_the_cli_until_stale(linked, caseworker):
    started = feed_import_merge_start(actor=caseworker, feed_import=linked, run=False)
    with pytest.raises(Exception, match="没有停滞"):
        call_command("feed", "retry", str(started.id), stdout=StringIO(), stderr=StringIO())
