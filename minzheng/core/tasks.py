from django.tasks import task

from minzheng.core.maintenance import expired_sessions_clear


@task()
def expired_sessions_clear_task() -> int:
    return expired_sessions_clear()
