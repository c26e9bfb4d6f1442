"""Housekeeping that keeps the embedded database small; run on a schedule."""

import logging

from django.contrib.sessions.models import Session

from minzheng.core.clock import now

logger = logging.getLogger(__name__)


def expired_sessions_clear() -> int:
    """Delete sessions past their expiry; returns how many were removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=now()).delete()
    logger.info("core.sessions.cleared", extra={"count": deleted})
    return deleted
