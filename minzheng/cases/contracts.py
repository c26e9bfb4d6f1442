"""What other apps (the 幸福清单 first) receive from the cases app: plain frozen data."""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class BenefitLine:
    """One thing a household currently receives, as the 幸福清单 lists it.

    ``monthly_amount`` is the monthly payment of a monthly item, the whole amount of a one-off
    item, and 0 for items that pay nothing themselves (低边 status, referrals, fee waivers).
    ``schedule_id`` is the payment schedule of a cash item (what the payment backbone reports
    paid against), None for the others.
    """

    item_code: str
    item_name: str
    kind: str  # ItemKind value
    department: str  # OwningDepartment value
    department_name: str
    monthly_amount: Decimal
    start_month: dt.date | None
    end_month: dt.date | None
    schedule_id: uuid.UUID | None
    next_review_on: dt.date | None
    application_number: str
    decision_number: str
    rules_version: str
    parameters: dict[str, object] = field(default_factory=dict)
