"""Judging cases with the rule set plus the admin's dated parameter values.

The shipped YAML is the baseline; a shipped value the county confirmed is re-issued with the
county's citation (same value, same date); ``ParameterValue`` rows the county admin added are
applied on top as dated values; a what-if's settings (``--set``) go last, for that run only.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from minzheng.core.exceptions import ApplicationError
from minzheng.eligibility.case_input import cases_read
from minzheng.eligibility.citations import citation
from minzheng.eligibility.explain import result_sentences
from minzheng.eligibility.models import ParameterConfirmation, ParameterValue
from minzheng.eligibility.rules import rules
from minzheng.eligibility.rules.changes import (
    PARAMETER_NAMES,
    ParameterChange,
    parameter_node,
    with_changes,
)
from minzheng.eligibility.rules.evaluation import evaluate
from minzheng.eligibility.rules.results import result_dicts

# Shown as the source of a value set for one what-if run.
WHAT_IF_LABEL = "测算设定值"


def _confirmations() -> list[ParameterChange]:
    """Each confirmed shipped value with the county's label and citation.

    A confirmation whose value a later release changed no longer applies: the new shipped
    value is unconfirmed until the county confirms it.
    """
    changes = []
    for confirmed in ParameterConfirmation.objects.order_by("start", "created_at"):
        node = parameter_node(rules().parameters, confirmed.name).children[confirmed.region]
        shipped = next(
            (v for v in node.values_list if v.instant_str == confirmed.start.isoformat()), None
        )
        if shipped is None or Decimal(str(shipped.value)) != confirmed.value:
            continue
        changes.append(
            ParameterChange(
                name=confirmed.name,
                value=confirmed.value,
                label=confirmed.label,
                reference=citation(
                    title=confirmed.document_title,
                    issuer=confirmed.document_issuer,
                    date=confirmed.document_date,
                ),
                start=confirmed.start,
                region=confirmed.region,
            )
        )
    return changes


def _admin_changes() -> list[ParameterChange]:
    return [
        ParameterChange(
            name=value.name,
            value=value.value,
            label=value.label,
            reference=value.reference,
            start=value.start,
            region=value.region,
        )
        for value in ParameterValue.objects.order_by("start", "created_at")
    ]


def rules_system(*, settings: Sequence[ParameterChange] = ()) -> TaxBenefitSystem:
    """The rule set with the admin's dated values, then ``settings`` on top."""
    return with_changes(rules(), [*_confirmations(), *_admin_changes(), *settings])


def parameter_settings_parse(settings: Sequence[str]) -> list[ParameterChange]:
    """``NAME=VALUE`` strings (``--set``) as changes for every date and region."""
    changes = []
    for setting in settings:
        name, separator, raw = setting.partition("=")
        name = name.strip()
        if not separator or name not in PARAMETER_NAMES:
            raise ApplicationError(
                _("无法识别的参数设置 %(setting)s；应为 名称=取值，名称为：%(names)s")
                % {"setting": setting, "names": "、".join(PARAMETER_NAMES)}
            )
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value < 0:
            raise ApplicationError(
                _("参数 %(name)s 的取值 %(value)s 应为不小于 0 的数字")
                % {"name": name, "value": raw}
            )
        changes.append(ParameterChange(name=name, value=value, label=WHAT_IF_LABEL))
    return changes


def cases_evaluate(
    *, cases: Sequence[object], settings: Sequence[ParameterChange] = ()
) -> list[dict[str, object]]:
    """One result per case, in order: the spec's result, or an error entry naming the field."""
    table, positions, errors = cases_read(cases)
    results: list[dict[str, object] | None] = [None] * len(cases)
    if table.household_count:
        evaluated = result_dicts(table, evaluate(table, rules_system(settings=settings)))
        for position, result in zip(positions, evaluated, strict=True):
            results[position] = result
    for error in errors:
        results[error.index] = error.as_result()
    return [result for result in results if result is not None]


def result_explain(*, result: Mapping[str, object]) -> dict[str, list[str]]:
    """Programme → Chinese sentences with the numbers and the parameters' sources."""
    return result_sentences(result)
