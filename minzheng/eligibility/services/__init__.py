from minzheng.eligibility.services.confirmations import parameter_confirm
from minzheng.eligibility.services.evaluation import (
    cases_evaluate,
    parameter_settings_parse,
    result_explain,
    rules_system,
)
from minzheng.eligibility.services.notice_explain import notice_explain
from minzheng.eligibility.services.parameters import (
    CitedValue,
    parameter_change_approve,
    parameter_change_reject,
    parameter_change_submit,
)
from minzheng.eligibility.services.parameters_in_force import parameter_in_force
from minzheng.eligibility.services.runs import determinations_run

__all__ = [
    "CitedValue",
    "cases_evaluate",
    "determinations_run",
    "notice_explain",
    "parameter_change_approve",
    "parameter_change_reject",
    "parameter_change_submit",
    "parameter_confirm",
    "parameter_in_force",
    "parameter_settings_parse",
    "result_explain",
    "rules_system",
]
