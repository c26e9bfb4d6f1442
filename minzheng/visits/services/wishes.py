"""Claiming a 微心愿: one charity takes one wish on, and the raiser sees it taken."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.visits.enums import WishStatus
from minzheng.visits.models import Wish
from minzheng.visits.permissions import wish_claim_scope

WISH_TARGET = "visits.wish"


@transaction.atomic
def wish_claim(*, actor: User, wish_id: uuid.UUID) -> Wish:
    """Mark an open public wish as claimed by the actor.

    The wish row is locked, so of two charities claiming at once one wins and the other is
    told it is taken.

    Raises:
        PermissionDenied: the actor may not claim wishes.
        NotFound: no public wish with this id inside the actor's jurisdiction (a 仅本人 wish
            is never shown to charity staff, so it cannot be claimed either).
        ApplicationError: the wish is already claimed; nothing is written.
    """
    low, high = wish_claim_scope(actor=actor)
    wish = (
        Wish.objects.select_for_update()
        .in_division_range(low, high)
        .public()
        .filter(pk=wish_id)
        .first()
    )
    if wish is None:
        raise NotFound
    if wish.status != WishStatus.OPEN:
        raise ApplicationError(_("此心愿已被认领，请选择其他心愿。"), code=ErrorCode.CONFLICT)
    wish.status = WishStatus.MATCHED
    wish.claimed_by = actor
    wish.claimed_at = now()
    wish.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=WISH_TARGET,
        target_id=wish.pk,
        division_code=wish.division_id,
        changes={"status": [WishStatus.OPEN, WishStatus.MATCHED]},
    )
    return wish
