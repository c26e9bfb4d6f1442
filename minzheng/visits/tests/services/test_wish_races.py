"""Two charities claiming one 微心愿 at once, on PostgreSQL: one wins, one is told."""

import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection, connections

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.visits.enums import WishStatus
from minzheng.visits.models import Wish
from minzheng.visits.services.visits import visit_record
from minzheng.visits.services.wishes import wish_claim
from minzheng.visits.tests.conftest import SONGFENG
from minzheng.visits.tests.factories import draft, home

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
PARALLEL = 6


def test_parallel_claims_of_one_wish_claim_it_once(make_staff):
    worker = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    visit_record(
        actor=worker,
        household_id=home().pk,
        draft=draft(submission_id=uuid.uuid4(), wish_item="助听器", wish_value=Decimal("450")),
    )
    wish = Wish.objects.get()
    charities = [make_staff(Role.CHARITY_STAFF) for _ in range(PARALLEL)]
    barrier = threading.Barrier(PARALLEL)
    outcomes: list[object] = [None] * PARALLEL

    def claim(index: int) -> None:
        barrier.wait()
        try:
            outcomes[index] = wish_claim(actor=charities[index], wish_id=wish.pk).claimed_by_id
        except ApplicationError as refused:
            outcomes[index] = refused
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim, args=(index,)) for index in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [outcome for outcome in outcomes if not isinstance(outcome, ApplicationError)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ApplicationError)]
    wish.refresh_from_db()
    assert len(winners) == 1
    assert len(refused) == PARALLEL - 1
    assert all("已被认领" in str(refusal.message) for refusal in refused)
    assert (wish.status, wish.claimed_by_id) == (WishStatus.MATCHED, winners[0])
    assert AuditEvent.objects.filter(target_type="visits.wish").count() == 1
