"""The nightly chain: each step after the one before, retries, and a failure the admin sees."""

import datetime as dt

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.core.clock import today
from minzheng.core.enums import JobStepStatus
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent, JobStepRun
from minzheng.eligibility.models import DeterminationRun
from minzheng.eligibility.services import determinations_run
from minzheng.monitoring.services.events import events_import
from minzheng.nightly import chain
from minzheng.nightly.chain import NIGHTLY_STEPS, nightly_chain_run, nightly_step
from minzheng.nightly.tasks import nightly_chain_task
from minzheng.profiling.services import profiles_run
from minzheng.registry.tests.factories import household_with_members

AS_OF = dt.date(2026, 11, 20)
PINGHU = 330482000000


@pytest.fixture(autouse=True)
def inbox(settings, tmp_path):
    settings.MINZHENG_FEED_INBOX = tmp_path / "inbox"
    settings.MINZHENG_NIGHTLY_ATTEMPTS = 3
    return settings.MINZHENG_FEED_INBOX


def _steps():
    return list(JobStepRun.objects.order_by("id").values_list("step", "attempt", "status"))


def _break(monkeypatch, key):
    def broken(as_of):
        raise RuntimeError("张三 330482195001010011")  # a message no log or page may repeat

    steps = tuple(
        chain.JobStep(step.key, step.label, broken) if step.key == key else step
        for step in NIGHTLY_STEPS
    )
    monkeypatch.setattr(chain, "NIGHTLY_STEPS", steps)
    monkeypatch.setattr("minzheng.nightly.tasks.NIGHTLY_STEPS", steps)


@pytest.mark.django_db
def test_the_chain_runs_every_step_in_order():
    household_with_members(2)

    nightly_chain_run(as_of=AS_OF)

    assert _steps() == [(step.key, 1, JobStepStatus.SUCCEEDED) for step in NIGHTLY_STEPS]
    assert DeterminationRun.objects.get(is_current=True).as_of == AS_OF
    rules = JobStepRun.objects.get(step="rules")
    assert rules.summary == "判定 1 户"


@pytest.mark.django_db
def test_the_scheduled_task_queues_each_step_after_the_last():
    household_with_members(1)

    nightly_chain_task.enqueue()

    assert [step for step, _a, _s in _steps()] == [step.key for step in NIGHTLY_STEPS]


@pytest.mark.django_db
def test_a_failing_step_is_retried_then_stops_the_chain(monkeypatch):
    household_with_members(1)
    _break(monkeypatch, "profiles")

    nightly_chain_task.enqueue()

    assert _steps() == [
        ("feeds", 1, JobStepStatus.SUCCEEDED),
        ("rules", 1, JobStepStatus.SUCCEEDED),
        ("caseload", 1, JobStepStatus.SUCCEEDED),
        ("profiles", 1, JobStepStatus.FAILED),
        ("profiles", 2, JobStepStatus.FAILED),
        ("profiles", 3, JobStepStatus.FAILED),
    ]
    runs = JobStepRun.objects.filter(step="profiles").order_by("attempt")
    assert [run.will_retry for run in runs] == [True, True, False]
    assert all("张三" not in run.summary for run in runs)


@pytest.mark.django_db
def test_the_demo_way_raises_in_chinese_and_runs_no_later_step(monkeypatch):
    _break(monkeypatch, "rules")
    with pytest.raises(ApplicationError, match="夜间任务“批量判定”失败"):
        nightly_chain_run(as_of=AS_OF)
    assert [step for step, _a, _s in _steps()] == ["feeds", "rules"]


@pytest.mark.django_db
def test_the_county_admin_sees_the_failed_step_on_the_home_page(client, make_staff, monkeypatch):
    _break(monkeypatch, "visits")
    household_with_members(1)
    nightly_chain_task.enqueue()
    admin = make_staff(Role.COUNTY_ADMIN, PINGHU)
    client.force_login(admin)

    page = client.get(reverse("workbench:home")).content.decode()

    assert "夜间任务失败" in page
    assert "的“探访计划”第 3 次运行失败" in page
    assert "已不再重试" in page
    assert "张三" not in page
    # A caseworker's home page does not carry the admin's alerts.
    client.force_login(make_staff(Role.COUNTY_CASEWORKER, PINGHU))
    assert "夜间任务失败" not in client.get(reverse("workbench:home")).content.decode()


@pytest.mark.django_db
def test_a_later_success_clears_the_alert(client, make_staff, monkeypatch):
    household_with_members(1)
    _break(monkeypatch, "tallies")
    nightly_chain_task.enqueue()
    monkeypatch.undo()
    nightly_chain_run(as_of=today(), start="tallies")
    client.force_login(make_staff(Role.COUNTY_ADMIN, PINGHU))
    assert "夜间任务失败" not in client.get(reverse("workbench:home")).content.decode()


@pytest.mark.django_db
def test_feeds_left_in_the_inbox_are_imported_once(inbox, settings):
    inbox.mkdir()
    line = "record_id,name,id_number,employment_status\nRS1,张三,,在职\n"
    (inbox / "social_security-20261119.csv").write_text(line, encoding="utf-8")
    (inbox / "notes.txt").write_text("not a feed", encoding="utf-8")

    assert nightly_step(0, as_of=AS_OF, attempt=1)
    feeds = JobStepRun.objects.get(step="feeds")

    assert feeds.summary == "导入 1 个文件，重复 0 个，失败 0 个"
    assert (inbox / "done" / "social_security-20261119.csv").exists()
    assert (inbox / "notes.txt").exists()
    (inbox / "social_security-20261120.csv").write_text(line, encoding="utf-8")
    nightly_step(0, as_of=AS_OF, attempt=1)
    assert JobStepRun.objects.filter(step="feeds").order_by("id").last().summary == (
        "导入 0 个文件，重复 1 个，失败 0 个"
    )


@pytest.mark.django_db
def test_the_nights_work_is_audited_as_the_system_actor(inbox):
    # Before the system actor, these rows read "" or a bare "system" with no account behind it.
    inbox.mkdir()
    line = "record_id,name,id_number,employment_status\nRS1,张三,,在职\n"
    (inbox / "social_security-20261119.csv").write_text(line, encoding="utf-8")
    household_with_members(2)

    nightly_chain_run(as_of=AS_OF)

    system = User.objects.get(username="system")
    run = DeterminationRun.objects.get(is_current=True)
    imports = AuditEvent.objects.filter(target_type="feed_import")
    assert run.created_by == system
    assert imports.exists()
    assert set(imports.values_list("actor", "actor_username")) == {(system.pk, "system")}
    assert not AuditEvent.objects.filter(actor__isnull=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "call",
    [
        lambda: determinations_run(actor=None, as_of=AS_OF),
        lambda: profiles_run(actor=None, as_of=AS_OF),
        lambda: events_import(actor=None, rows=[], source="医保"),
    ],
    ids=["rules run", "profiles run", "monitoring events"],
)
def test_a_service_called_without_an_actor_refuses(call):
    # Before: None ran the service and recorded nobody.
    with pytest.raises(PermissionDenied):
        call()
