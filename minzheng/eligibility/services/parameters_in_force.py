"""One parameter's value as it stands for a region on a day (the admin's values included)."""

import datetime as dt
from decimal import Decimal

from minzheng.eligibility.rules.changes import parameter_node, value_in_force
from minzheng.eligibility.services.evaluation import rules_system


def parameter_in_force(*, name: str, region: str, day: dt.date) -> Decimal | None:
    """The value of ``name`` for ``region`` on ``day``; None when the region has none."""
    node = parameter_node(rules_system().parameters, name)
    if region not in node.children:
        return None
    held = value_in_force(node.children[region], day)
    return None if held is None or held.value is None else Decimal(str(held.value))
