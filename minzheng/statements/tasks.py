"""Background jobs of the statements app; each wraps one service."""

from django.tasks import task

from minzheng.statements.services.sign_in import sign_in_codes_purge


@task()
def sign_in_codes_purge_task() -> int:
    """Remove citizens' sign-in code requests older than a day."""
    return sign_in_codes_purge()
