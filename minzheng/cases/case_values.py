"""The 核对 values of a case: addressing them by path, parsing and showing them.

A case is the rule set's input (docs/eligibility-spec.md). Its values are addressed by path,
as the eligibility contract's ``sources`` are: ``members[0].monthly_income``,
``assets.vehicles[1].value``, ``has_capable_supporter``. Pure functions, no Django models.
"""

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.eligibility.contracts import UNVERIFIABLE_FACTS

Kind = Literal["money", "count", "grade", "choice", "bool", "date", "text"]


@dataclass(frozen=True)
class FieldSpec:
    label: Promise
    kind: Kind
    choices: tuple[tuple[str, Promise], ...] = ()


MEMBER_STATUS = (
    ("resident", gettext_lazy("共同生活")),
    ("prison", gettext_lazy("服刑")),
    ("religious_away", gettext_lazy("宗教教职人员(离家)")),
    ("missing", gettext_lazy("失踪")),
)
DISABILITY_KIND = (
    ("physical", gettext_lazy("肢体")),
    ("visual", gettext_lazy("视力")),
    ("hearing", gettext_lazy("听力")),
    ("speech", gettext_lazy("言语")),
    ("intellectual", gettext_lazy("智力")),
    ("mental", gettext_lazy("精神")),
    ("multiple", gettext_lazy("多重")),
)
RELATIONS: dict[str, Promise] = {
    "self": gettext_lazy("申请人"),
    "head": gettext_lazy("户主"),
    "spouse": gettext_lazy("配偶"),
    "child": gettext_lazy("子女"),
    "parent": gettext_lazy("父母"),
    "grandchild": gettext_lazy("孙子女"),
    "grandparent": gettext_lazy("祖父母"),
    "sibling": gettext_lazy("兄弟姐妹"),
    "other": gettext_lazy("其他"),
}

# Every value the caseworker confirms, by the last name in its path.
FIELDS: dict[str, FieldSpec] = {
    "status": FieldSpec(gettext_lazy("状态"), "choice", MEMBER_STATUS),
    "birth_date": FieldSpec(gettext_lazy("出生日期"), "date"),
    "monthly_income": FieldSpec(gettext_lazy("月收入(元)"), "money"),
    "disability_grade": FieldSpec(gettext_lazy("残疾等级"), "grade"),
    "disability_kind": FieldSpec(gettext_lazy("残疾类别"), "choice", DISABILITY_KIND),
    "serious_illness": FieldSpec(gettext_lazy("患重特大疾病"), "bool"),
    "support_received_monthly": FieldSpec(gettext_lazy("每月赡养(抚养)费(元)"), "money"),
    "financial": FieldSpec(gettext_lazy("金融资产(元)"), "money"),
    "value": FieldSpec(gettext_lazy("车辆价值(元)"), "money"),
    "for_disability": FieldSpec(gettext_lazy("残疾人代步车"), "bool"),
    "dwellings": FieldSpec(gettext_lazy("住房套数"), "count"),
    "rigid_expenditure_annual": FieldSpec(gettext_lazy("年刚性支出(元)"), "money"),
    "has_capable_supporter": FieldSpec(gettext_lazy("有赡养能力的法定义务人"), "bool"),
}
# Facts that may be 未核对 (``None``): no department reported them. Only a household's
# declaration, recorded as an attestation, gives them a value in 核对.
UNVERIFIABLE = frozenset(UNVERIFIABLE_FACTS)
# Identify the case rather than describe the family: never edited in 核对.
FIXED = frozenset({"case_id", "region", "as_of", "id", "relation"})
_TOKEN = re.compile(r"^([A-Za-z_]\w*)(?:\[(\d+)\])?$")
_TRUE = {"true", "1", "yes", "是", "on"}
_FALSE = {"false", "0", "no", "否", "off", ""}
MONEY_LIMIT = Decimal("100000000")


def _tokens(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.split("."):
        match = _TOKEN.match(piece)
        if match is None:
            raise KeyError(path)
        parts.append(match.group(1))
        if match.group(2) is not None:
            parts.append(int(match.group(2)))
    return parts


def leaf_name(path: str) -> str:
    return path.rsplit(".", 1)[-1].split("[", 1)[0]


def case_leaves(case: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, object]]:
    """Every (path, value) of the case's editable values, in the case's own order."""
    for key, value in case.items():
        path = f"{prefix}.{key}" if prefix else key
        if key in FIXED:
            continue
        if isinstance(value, Mapping):
            yield from case_leaves(value, path)
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, Mapping):
                    yield from case_leaves(element, f"{path}[{index}]")
        else:
            yield path, value


def _has(node: object, token: str | int) -> bool:
    if isinstance(token, int):
        return isinstance(node, list) and 0 <= token < len(node)
    return isinstance(node, Mapping) and token in node


def _child(node: object, token: str | int, path: str) -> object:
    if not _has(node, token):
        raise KeyError(path)
    return node[token]  # type: ignore[index]


def case_get(case: Mapping[str, object], path: str) -> object:
    node: object = case
    for token in _tokens(path):
        node = _child(node, token, path)
    return node


def case_set(case: dict[str, object], path: str, value: object) -> None:
    """Replace the value at an existing path."""
    tokens = _tokens(path)
    node: object = case
    for token in tokens[:-1]:
        node = _child(node, token, path)
    if not _has(node, tokens[-1]) or not isinstance(node, list | dict):
        raise KeyError(path)
    node[tokens[-1]] = value  # type: ignore[index]


def source_for(sources: Mapping[str, str], path: str) -> str:
    """The source of a value, or of the nearest enclosing value (``assets.vehicles``)."""
    candidate = path
    while candidate:
        if candidate in sources:
            return sources[candidate]
        if candidate.endswith("]"):
            candidate = candidate[: candidate.rindex("[")]
        elif "." in candidate:
            candidate = candidate.rsplit(".", 1)[0]
        else:
            break
    return ""


def _money(raw: str) -> int | float:
    try:
        amount = Decimal(raw.replace(",", "").replace("，", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(_("应为金额，如 620 或 620.50。")) from None
    if amount < 0 or amount >= MONEY_LIMIT:
        raise ValueError(_("金额应在 0 到 1 亿元之间。"))
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _count(raw: str, low: int, high: int, message: str) -> int:
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValueError(message)
    return int(raw)


def parse_value(path: str, raw: str) -> object:
    """The typed value of a form entry; ValueError carries the Chinese message."""
    spec = FIELDS.get(leaf_name(path))
    text = raw.strip()
    kind = spec.kind if spec else "text"
    if path in UNVERIFIABLE and not text:
        return None  # left blank: still 未核对
    if kind == "money":
        return _money(text)
    if kind == "count":
        return _count(text, 0, 99, _("应为 0 到 99 之间的整数。"))
    if kind == "grade":
        return None if not text else _count(text, 1, 4, _("残疾等级应为 1 到 4，无残疾请留空。"))
    if kind == "choice" and spec is not None:
        allowed = {code for code, _label in spec.choices}
        if not text and leaf_name(path) != "status":
            return None
        if text not in allowed:
            raise ValueError(_("取值不在允许范围内。"))
        return text
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(_("请选择是或否。"))
    if kind == "date":
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(_("日期格式应为 YYYY-MM-DD。")) from None
    return text


def form_value(value: object) -> str:
    """A value as a form field shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def display_value(path: str, value: object) -> str:
    """A value as a page or the decision notice shows it, in Chinese."""
    spec = FIELDS.get(leaf_name(path))
    if value is None and path in UNVERIFIABLE:
        return _("未核对")
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if spec is not None and spec.kind == "choice":
        return str(dict(spec.choices).get(str(value), value))
    if spec is not None and spec.kind == "money" and isinstance(value, int | float):
        return f"{Decimal(str(value)).quantize(Decimal('0.01')):,}"
    return str(value)


def field_label(case: Mapping[str, object], path: str) -> str:
    """``成员 1(申请人) · 月收入(元)`` for a member's value, the field's label otherwise."""
    spec = FIELDS.get(leaf_name(path))
    label = str(spec.label) if spec else leaf_name(path)
    match = re.match(r"^members\[(\d+)\]\.", path)
    if match:
        index = int(match.group(1))
        try:
            relation = str(case_get(case, f"members[{index}].relation"))
        except KeyError:
            relation = ""
        who = RELATIONS.get(relation, relation)
        return _("成员 %(number)s(%(relation)s) · %(field)s") % {
            "number": index + 1,
            "relation": who,
            "field": label,
        }
    match = re.match(r"^assets\.vehicles\[(\d+)\]\.", path)
    if match:
        return _("车辆 %(number)s · %(field)s") % {
            "number": int(match.group(1)) + 1,
            "field": label,
        }
    return label
