"""The demo county's parameter values: confirmed as 演示数据, so its cases can be decided.

The shipped assumptions (模型默认值, 模型占位值) block 县级审批 until a county confirms them. The
demo county has no documents to cite, so the seed confirms each one in the demo county admin's
name, labelled 演示数据 with a reference saying no real document stands behind it; the label is
what the demo's explanations and notices print (ADR 0019).
"""

import datetime as dt

from minzheng.accounts.models import User
from minzheng.core.clock import today
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.selectors import unconfirmed_parameters
from minzheng.eligibility.services import parameter_confirm

# Stored data, printed on the demo's documents as they are (not interface strings).
DEMO_LABEL = "演示数据"
DEMO_DOCUMENT = "演示县参数取值（虚构，非正式文件）"
DEMO_ISSUER = "minzheng 演示数据"


def demo_parameters_confirm(*, actor: User) -> int:
    """Confirm every unconfirmed parameter in force today as 演示数据; how many."""
    confirmed = 0
    day = today()
    for region in REGIONS:
        for parameter in unconfirmed_parameters(region=region, on=day):
            parameter_confirm(
                actor=actor,
                name=parameter.name,
                region=region,
                start=dt.date.fromisoformat(parameter.start),
                label=DEMO_LABEL,
                document_title=DEMO_DOCUMENT,
                document_issuer=DEMO_ISSUER,
                document_date=day,
                is_demo=True,
            )
            confirmed += 1
    return confirmed
