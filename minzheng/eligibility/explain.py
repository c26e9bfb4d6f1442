"""Results as Chinese sentences: the numbers, the parameter values in force and their sources.

e.g. 家庭人均收入 620.00 元 低于 低保标准 1145 元（湖州市 2024 年标准）. Reason codes stay stable
identifiers in stored results; only this module turns them into words, so the English interface
and later wording changes never touch a determination.
"""

from collections.abc import Callable, Mapping
from decimal import ROUND_CEILING, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.eligibility.enums import Programme
from minzheng.eligibility.rules.facts import reasons_on_verified_facts

# The facts a result may wait for (``missing_facts``), as a sentence names them.
MISSING_FACT_LABELS: dict[str, Promise] = {
    "assets.financial": gettext_lazy("家庭金融资产（银行存款、理财）"),
    "support_received_monthly": gettext_lazy("每月所获赡养（扶养、抚养）费"),
    "has_capable_supporter": gettext_lazy("有无具备赡养（扶养、抚养）能力的法定义务人"),
}


def missing_fact_label(fact: str) -> str:
    label = MISSING_FACT_LABELS.get(fact)
    return str(label) if label is not None else fact


_SENTENCES: dict[str, Promise] = {
    "no_resident_member": gettext_lazy("没有共同生活的家庭成员"),
    "covered_by_tekun": gettext_lazy("已符合特困供养条件，按特困供养救助，本项目不再认定"),
    "all_without_labour_capacity": gettext_lazy(
        "每名共同生活成员均无劳动能力（60 周岁以上、未满 16 周岁或重度残疾）"
    ),
    "member_with_labour_capacity": gettext_lazy("有共同生活成员具有劳动能力"),
    "all_incomes_below_standard": gettext_lazy(
        "每名成员本人月收入均低于 低保标准 %(standard)s 元%(standard_cited)s"
    ),
    "member_income_not_below_standard": gettext_lazy(
        "有成员本人月收入不低于 低保标准 %(standard)s 元%(standard_cited)s"
    ),
    "no_capable_supporter": gettext_lazy("没有具备赡养、扶养、抚养能力的法定义务人"),
    "has_capable_supporter": gettext_lazy("有具备赡养、扶养、抚养能力的法定义务人"),
    "income_below_standard": gettext_lazy(
        "家庭人均收入 %(income)s 元 低于 低保标准 %(standard)s 元%(standard_cited)s"
    ),
    "income_not_below_standard": gettext_lazy(
        "家庭人均收入 %(income)s 元 不低于 低保标准 %(standard)s 元%(standard_cited)s"
    ),
    "income_below_edge_line": gettext_lazy(
        "家庭人均收入 %(income)s 元 低于 低保边缘线 %(edge_line)s 元"
        "（低保标准的 %(edge_multiplier)s 倍%(edge_cited_after)s）"
    ),
    "income_not_below_edge_line": gettext_lazy(
        "家庭人均收入 %(income)s 元 不低于 低保边缘线 %(edge_line)s 元"
        "（低保标准的 %(edge_multiplier)s 倍%(edge_cited_after)s）"
    ),
    "severe_condition_member": gettext_lazy(
        "有重度残疾或重特大疾病成员，可单独纳入低保，每人 %(single_amount)s 元"
        "（低保标准的 %(single_ratio)s%(single_cited_after)s）"
    ),
    "no_severe_condition_member": gettext_lazy("没有重度残疾或重特大疾病成员"),
    "income_below_disposable_income": gettext_lazy(
        "家庭人均收入 %(income)s 元 低于 上年度人均可支配收入的十二分之一 %(monthly_disposable)s 元"
        "%(disposable_cited)s"
    ),
    "income_not_below_disposable_income": gettext_lazy(
        "家庭人均收入 %(income)s 元 不低于 上年度人均可支配收入的十二分之一 "
        "%(monthly_disposable)s 元%(disposable_cited)s"
    ),
    "income_after_rigid_below_standard": gettext_lazy(
        "扣除医疗、教育等刚性支出后，家庭人均收入低于 低保标准 %(standard)s 元"
    ),
    "income_after_rigid_not_below_standard": gettext_lazy(
        "扣除医疗、教育等刚性支出后，家庭人均收入仍不低于 低保标准 %(standard)s 元"
    ),
    "assets_pass": gettext_lazy(
        "家庭财产符合规定：人均金融资产不超过 %(financial_limit)s 元"
        "（%(financial_months)s 个月低保标准），"
        "没有价值超过 %(vehicle_cap)s 元的非残疾人功能性车辆，"
        "住房不超过 %(max_dwellings)s 套%(asset_cited)s"
    ),
    "financial_assets_over_limit": gettext_lazy(
        "人均金融资产超过 %(financial_limit)s 元"
        "（%(financial_months)s 个月低保标准%(asset_cited_after)s）"
    ),
    "vehicle_over_cap": gettext_lazy(
        "有价值超过 %(vehicle_cap)s 元的非残疾人功能性车辆%(asset_cited)s"
    ),
    "dwellings_over_limit": gettext_lazy("住房超过 %(max_dwellings)s 套%(asset_cited)s"),
}


def reason_sentence(code: str, context: Mapping[str, str]) -> str:
    template = _SENTENCES.get(code)
    if template is None:
        return code
    return str(template) % context


def _plain(value: object) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def _cited(source: str) -> str:
    """A source in brackets after the figure it backs, or nothing when it is not cited."""
    return _("（%(source)s）") % {"source": source} if source else ""


def _cited_after(source: str) -> str:
    """A source added to a bracket that explains the figure, or nothing when it is not cited."""
    return _("，%(source)s") % {"source": source} if source else ""


def _as_stored(name: str, label: str) -> str:
    return label


def sentence_context(
    result: Mapping[str, object], cite: Callable[[str, str], str] = _as_stored
) -> dict[str, str]:
    """The numbers every sentence may cite, formatted once.

    ``cite(name, label)`` words the source of parameter ``name`` whose stored label is
    ``label``; an empty answer leaves the figure uncited (a citizen's notice never presents a
    model assumption as a policy). Staff see the stored labels.
    """
    values: Mapping[str, object] = result.get("parameters", {})  # type: ignore[assignment]
    sources: Mapping[str, str] = result.get("parameter_sources", {})  # type: ignore[assignment]

    def source(name: str) -> str:
        return cite(name, sources.get(name, ""))

    standard = Decimal(str(values.get("dibao.standard", 0)))
    multiplier = Decimal(str(values.get("dibao.edge_multiplier", 0)))
    months = Decimal(str(values.get("dibao.asset.financial_months", 0)))
    ratio = Decimal(str(values.get("dibao.single_person_ratio", 0)))
    disposable = Decimal(str(values.get("rigid.disposable_income_last_year", 0)))
    asset_source = source("dibao.asset.financial_months")
    return {
        "income": _money(Decimal(str(result.get("per_capita_income", 0)))),
        "standard": _plain(standard),
        "standard_cited": _cited(source("dibao.standard")),
        "edge_line": _money(standard * multiplier),
        "edge_multiplier": _plain(multiplier),
        "edge_cited_after": _cited_after(source("dibao.edge_multiplier")),
        "single_amount": _plain((ratio * standard).to_integral_value(ROUND_CEILING)),
        "single_ratio": f"{_plain(ratio * 100)}%",
        "single_cited_after": _cited_after(source("dibao.single_person_ratio")),
        "monthly_disposable": _money(disposable / 12),
        "disposable_cited": _cited(source("rigid.disposable_income_last_year")),
        "financial_limit": _plain(months * standard),
        "financial_months": _plain(months),
        "vehicle_cap": _plain(values.get("dibao.asset.vehicle_value_cap", 0)),
        "max_dwellings": _plain(values.get("dibao.asset.max_dwellings", 0)),
        "asset_cited": _cited(asset_source),
        "asset_cited_after": _cited_after(asset_source),
    }


def result_sentences(
    result: Mapping[str, object], cite: Callable[[str, str], str] = _as_stored
) -> dict[str, list[str]]:
    """Programme → its reasons as sentences, then its amount when eligible."""
    context = sentence_context(result, cite)
    programmes: Mapping[str, Mapping[str, object]] = result.get("programmes", {})  # type: ignore[assignment]
    explained: dict[str, list[str]] = {}
    for programme in Programme:
        entry = programmes.get(programme.value)
        if entry is None:
            continue
        reasons: list[str] = entry.get("reasons", [])  # type: ignore[assignment]
        missing: list[str] = entry.get("missing_facts", []) or []  # type: ignore[assignment]
        if entry.get("pending") and missing:
            sentences = [
                reason_sentence(code, context)
                for code in reasons_on_verified_facts(reasons, missing)
            ]
            sentences.append(
                _(
                    "待核对：%(facts)s未经部门核对，也没有家庭申报记录，"
                    "暂不能判定是否符合%(programme)s条件"
                )
                % {
                    "facts": "、".join(missing_fact_label(fact) for fact in missing),
                    "programme": programme.label,
                }
            )
            explained[programme.value] = sentences
            continue
        sentences = [reason_sentence(code, context) for code in reasons]
        if entry.get("eligible"):
            amount = entry.get("monthly_amount", 0)
            if amount:
                sentences.append(
                    _("符合%(programme)s条件，月救助金额 %(amount)s 元")
                    % {"programme": programme.label, "amount": amount}
                )
            else:
                sentences.append(_("符合%(programme)s条件") % {"programme": programme.label})
        else:
            sentences.append(_("不符合%(programme)s条件") % {"programme": programme.label})
        explained[programme.value] = sentences
    return explained
