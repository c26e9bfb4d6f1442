"""The 核对 request to the banks: a batch file of the members who authorised a query.

Banks answer only for people who signed a 核对授权书, so the query names the current members
of households whose open application carries the consent (社会救助暂行办法 第五十八条). The
banks' answers come back as an ordinary department feed (``integration`` department
``banks``): one row per person and bank, the batch number carried through, zeros for a person
the bank holds nothing for. A member left out of the answers stays 未核对.
"""

import csv
import hashlib
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.cases.enums import ApplicationStatus
from minzheng.cases.models import Application
from minzheng.cases.services.workflow import number_next
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.registry.selectors import members_with_id_numbers

BATCH_PREFIX = "HD"
BANK_QUERY_TARGET = "bank_query"
# The banks read the file by these headers and send 查询批次号 back with their answers.
HEADER = ("查询序号", "查询批次号", "姓名", "身份证号", "授权书编号", "申请编号")


@dataclass(frozen=True)
class BankQuery:
    batch: str  # HD20261207-0001
    persons: int
    data: bytes  # UTF-8 CSV with a byte-order mark, as the banks' spreadsheets open it
    sha256: str


@transaction.atomic
def bank_query_export(*, actor: User) -> BankQuery:
    """Write the query file of the actor's jurisdiction and audit it (counts and digest only).

    Raises:
        PermissionDenied: the actor may not import department data.
        ApplicationError: no open application with a 核对授权 in the jurisdiction.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.FEED_IMPORT)
    consenting = (
        Application.objects.in_division_range(low, high)
        .filter(status=ApplicationStatus.IN_PROGRESS, has_consent=True)
        .order_by("number")
        .values_list("household_id", "number", "consent_document")
    )
    by_household = {household: (number, document) for household, number, document in consenting}
    if not by_household:
        raise ApplicationError(_("辖区内没有已授权核对的在办申请，无需向银行查询。"))
    members = members_with_id_numbers(household_ids=list(by_household))
    batch = number_next(prefix=BATCH_PREFIX)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for household, name, id_number in members:
        number, document = by_household[household]
        count += 1
        writer.writerow((f"{batch}-{count:06d}", batch, name, id_number, document, number))
    data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type=BANK_QUERY_TARGET,
        target_id=batch,
        changes={"persons": count, "households": len(by_household), "sha256": digest},
    )
    return BankQuery(batch=batch, persons=count, data=data, sha256=digest)
