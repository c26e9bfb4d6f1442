"""Access checks of 数据归集与核对: a record outside the actor's jurisdiction looks like none."""

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.ids import RecordId, record_id
from minzheng.integration.models import FeedImport, LinkReview
from minzheng.integration.selectors.imports import feed_import_list
from minzheng.registry.permissions import access_household

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def access_check_report(*, actor: Actor, household_id: RecordId) -> "Household":
    """The household whose 核对报告 the actor may read.

    Who holds ``CHECK_REPORT`` is decided in ADR 0031: the staff who confirm or review the
    核对 (村社, 镇街, county), never charity staff or the hotline. Raises NotFound when the
    household is outside the actor's jurisdiction, or when the actor may not read the registry
    at all; PermissionDenied when the actor reads the registry but lacks the capability.
    """
    return access_household(
        actor=actor, household_id=household_id, capability=Capability.CHECK_REPORT
    )


def access_link_review(*, actor: Actor, review_id: RecordId) -> LinkReview:
    """The review, with its staged record, if the actor may decide it; else NotFound.

    As in the registry: a reviewer outside the review's jurisdiction, and staff who may not
    read the registry at all, learn nothing (404); registry readers without the review
    capability, such as a 村社 worker, are told they may not (403).
    """
    try:
        low, high = jurisdiction_range(actor=actor, capability=Capability.LINK_REVIEW)
    except PermissionDenied:
        may_view = isinstance(actor, User) and actor.has_capability(Capability.REGISTRY_VIEW)
        if may_view:
            raise
        raise NotFound from None
    review = (
        LinkReview.objects.select_related("staged")
        .filter(pk=record_id(review_id), division_code__range=(low, high))
        .first()
    )
    if review is None:
        raise NotFound
    return review


def access_feed_import(*, actor: User, feed_import_id: uuid.UUID | str) -> FeedImport:
    """The import, if the actor may import feeds and it lies inside the actor's reach."""
    try:
        return feed_import_list(actor=actor).get(id=feed_import_id)
    except (FeedImport.DoesNotExist, ValidationError, ValueError):
        raise NotFound from None
