"""The demo county's payments: the roll's accounts, and next month's batch waiting for 复核.

The roll's bank accounts become the recipients' payment accounts through the payment
backbone's own import (``accounts_from_roll``). The demo county lets a batch be made a full
month ahead (a dated setting marked as the demo's), so whatever the day a newcomer finds next
month's batch prepared by ``county_caseworker``, to check as ``county_checker`` and approve as
``county_admin``. Nothing is paid: paying is the three people's and the bank's.
"""

import datetime as dt

from minzheng.accounts.models import User
from minzheng.core.dated_settings import setting_add
from minzheng.core.months import month_after
from minzheng.payments.enums import BatchStatus
from minzheng.payments.models import PaymentBatch
from minzheng.payments.selectors import batch_list
from minzheng.payments.services.accounts import RollAccounts, accounts_from_roll
from minzheng.payments.services.batches import batch_prepare
from minzheng.payments.settings import PAYMENT_SETTINGS, payment_rules

PREPARER = "county_caseworker"
ADMIN = "county_admin"
REGION = "330482"
DEMO_LEAD_DAYS = 31
DEMO_REFERENCE = "演示县设定（虚构，非正式文件）：演示时可随时制单下月批次"


def demo_payments_prepare(*, as_of: dt.date) -> tuple[RollAccounts, PaymentBatch] | None:
    """The roll's accounts and next month's batch, or None without the demo staff."""
    preparer = User.objects.filter(username=PREPARER, is_synthetic=True).first()
    admin = User.objects.filter(username=ADMIN, is_synthetic=True).first()
    if preparer is None or admin is None:
        return None
    # A reseeded county keeps the setting it was given the first time (values are add-only).
    if payment_rules(region=REGION, day=as_of)["prepare_lead_days"] < DEMO_LEAD_DAYS:
        setting_add(
            PAYMENT_SETTINGS,
            actor=admin,
            name="prepare_lead_days",
            region=REGION,
            start=as_of.replace(day=1),
            value=str(DEMO_LEAD_DAYS),
            reference=DEMO_REFERENCE,
        )
    accounts = accounts_from_roll(actor=preparer)
    month = month_after(as_of)
    # Seeded again (``--reset`` keeps the same county): next month's batch is already there.
    made = [b for b in batch_list(actor=preparer, month=month) if b.status != BatchStatus.CANCELLED]
    batch = made[0] if made else batch_prepare(actor=preparer, month=month).batch
    return accounts, batch
