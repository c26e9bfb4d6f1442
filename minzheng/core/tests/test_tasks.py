import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from minzheng.core.tasks import expired_sessions_clear_task

pytestmark = pytest.mark.django_db


def test_session_cleanup_task_removes_only_expired_sessions():
    live, stale = SessionStore(), SessionStore()
    live.create()
    stale.create()
    Session.objects.filter(session_key=stale.session_key).update(
        expire_date=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )

    result = expired_sessions_clear_task.enqueue()

    assert result.return_value == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_schedules_register_the_nightly_cleanup():
    import importlib

    from crontask import scheduler

    importlib.import_module("config.schedules")
    jobs = {job.name: str(job.trigger) for job in scheduler.get_jobs()}
    assert any("expired_sessions_clear_task" in name for name in jobs)
