"""The 县级审批 hook of 核对: an item the rules left 待核对 cannot be approved.

A programme is 待核对 when it depends on a fact no department reported and nobody declared
(``eligibility.rules.facts``). The county can still refuse the whole application; to approve,
the case goes back to 核对 for the household's declaration (申报值, 理由, 证明材料编号).
"""

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from minzheng.cases.case_values import field_label
from minzheng.cases.models import Application, ApplicationItem
from minzheng.core.exceptions import Message


def missing_facts(application: Application, row: ApplicationItem) -> list[str]:
    """The facts (case paths) the rules' verdict on this item still waits for."""
    judged = (application.rules_result or {}).get("programmes")
    if not row.item.programme or not isinstance(judged, Mapping):
        return []
    verdict = judged.get(row.item.programme)
    if not isinstance(verdict, Mapping) or not verdict.get("pending"):
        return []
    return [str(path) for path in verdict.get("missing_facts") or []]


def unverified_fact_errors(
    *, application: Application, rows: Sequence[ApplicationItem]
) -> dict[str, Message]:
    """Per item code, why it cannot be approved yet; empty when every item can be decided."""
    errors: dict[str, Message] = {}
    for row in rows:
        missing = missing_facts(application, row)
        if missing:
            errors[row.item.code] = _(
                "“%(item)s”依赖尚未核对的事实：%(facts)s。须在核对时记录家庭申报"
                "(申报值、理由和证明材料编号)后才能审批；也可整体不予批准。"
            ) % {
                "item": row.item.name,
                "facts": "、".join(field_label(application.case, path) for path in missing),
            }
    return errors
