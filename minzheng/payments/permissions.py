"""Who may see and act on payments: the payment capabilities over the batch's or household's
division. A batch or household outside the actor's jurisdiction is indistinguishable from
none (404); an actor without any payment capability is refused outright (403).

Reading needs ``PAYMENT_MANAGE`` or the auditor's ``CASE_READ`` (``read_capability``); every
write keeps asking for ``PAYMENT_MANAGE`` or ``PAYMENT_APPROVE``, which the auditor lacks.
"""

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor, jurisdiction_range, require_capability
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.ids import RecordId, record_id
from minzheng.payments.models import PaymentBatch

READ_CAPABILITIES = (Capability.PAYMENT_MANAGE, Capability.CASE_READ)


def read_capability(*, actor: Actor) -> Capability:
    """The capability under which the actor reads payments; PermissionDenied without one."""
    for capability in READ_CAPABILITIES:
        if isinstance(actor, User) and actor.has_capability(capability):
            return capability
    raise PermissionDenied


def payment_scope(
    *, actor: Actor, capability: Capability = Capability.PAYMENT_MANAGE
) -> tuple[int, int]:
    return jurisdiction_range(actor=actor, capability=capability)


def access_batch(
    *, actor: Actor, batch_id: RecordId, capability: Capability = Capability.PAYMENT_MANAGE
) -> tuple[User, PaymentBatch]:
    """The actor and the batch (not locked); NotFound outside the jurisdiction."""
    user = require_capability(actor=actor, capability=capability)
    low, high = payment_scope(actor=user, capability=capability)
    batch = (
        PaymentBatch.objects.select_related("division")
        .filter(pk=record_id(batch_id), division__code__range=(low, high))
        .first()
    )
    if batch is None:
        raise NotFound
    return user, batch
