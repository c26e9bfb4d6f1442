from minzheng.eligibility.services.evaluation import (
    cases_evaluate,
    parameter_settings_parse,
    result_explain,
    rules_system,
)
from minzheng.eligibility.services.notice_explain import notice_explain
from minzheng.eligibility.services.parameters import parameter_value_add
from minzheng.eligibility.services.parameters_in_force import parameter_in_force
from minzheng.eligibility.services.runs import determinations_run

__all__ = [
    "cases_evaluate",
    "determinations_run",
    "notice_explain",
    "parameter_in_force",
    "parameter_settings_parse",
    "parameter_value_add",
    "result_explain",
    "rules_system",
]
