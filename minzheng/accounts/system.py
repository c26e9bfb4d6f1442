"""The system actor (ADR 0033): the account the nightly chain, the roll import and the periodic
tasks act as, so that every service has an actor to check and the audit log names it.

It is a real user, ``system``, with the ``SYSTEM`` role and the province as jurisdiction: its
rights are the role's (``ROLE_CAPABILITIES[Role.SYSTEM]``), checked like anyone's. It cannot sign
in: its password is unusable and it is neither staff nor superuser.
"""

from django.db import IntegrityError, transaction

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.core.audit import SYSTEM_USERNAME
from minzheng.divisions.selectors import division_root

__all__ = ["SYSTEM_USERNAME", "system_user"]


def system_user() -> User:
    """The system actor, created on first use (two first uses at once still make one)."""
    found = User.objects.filter(username=SYSTEM_USERNAME).select_related("jurisdiction").first()
    if found is not None:
        return found
    user = User(
        username=SYSTEM_USERNAME,
        display_name="系统",
        role=Role.SYSTEM,
        jurisdiction=division_root(),
        is_staff=False,
        is_superuser=False,
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # another process created it first
        return User.objects.select_related("jurisdiction").get(username=SYSTEM_USERNAME)
    return user
