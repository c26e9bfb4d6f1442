"""县级审批 does not rest on a policy parameter the county has not confirmed (issue 12 §4).

The rules' shipped values include the model's own assumptions (模型默认值); until a county
admin confirms each against a document or replaces it with a cited value, a decision the
rules proposed would rest on a guess. See ADR 0019.
"""

from django.utils.translation import gettext as _

from minzheng.cases.enums import ProposalSource
from minzheng.cases.models import Application, ApplicationItem
from minzheng.core.enums import ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.eligibility.selectors import result_unconfirmed_parameters


def parameters_confirmed_check(application: Application, rows: list[ApplicationItem]) -> None:
    """No decision rests on a parameter value the county has not confirmed (issue 12 §4).

    Items the worker proposed (临时救助 …) rest on the worker's note, not on the rules.
    """
    if all(row.proposal_source == ProposalSource.WORKER for row in rows):
        return
    unconfirmed = result_unconfirmed_parameters(
        case=application.case, result=application.rules_result
    )
    if unconfirmed:
        raise ApplicationError(
            _(
                "规则预审所用的政策参数尚未经县级管理员确认：%(labels)s。"
                "请先在“政策参数”页确认或录入有文件依据的取值，再作审批决定。"
            )
            % {"labels": "、".join(parameter.label for parameter in unconfirmed)},
            code=ErrorCode.CONFLICT,
            extra={"reason": "parameters_unconfirmed"},
        )
