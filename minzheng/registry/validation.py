"""Field checks for registry input, each failing with a Chinese message naming the field."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from minzheng_pipeline.identifiers import IdProblem, InvalidResidentId, parse_resident_id

from minzheng.registry.enums import Gender, IdType

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_PHONE_NOISE = re.compile(r"[\s()（）]+")
_OTHER_ID = re.compile(r"^[A-Za-z0-9\-]{4,32}$")


def id_problem_message(problem: IdProblem) -> str:
    messages = {
        IdProblem.EMPTY: _("身份证号不能为空。"),
        IdProblem.LENGTH: _("身份证号应为 18 位(旧证 15 位)。"),
        IdProblem.CHARACTERS: _("身份证号只能由数字组成，最后一位可以是 X。"),
        IdProblem.BIRTH_DATE: _("身份证号中的出生日期无效。"),
        IdProblem.CHECKSUM: _("身份证号校验位不正确，请逐位核对。"),
    }
    return messages[problem]


@dataclass(frozen=True)
class CheckedIdentifier:
    id_type: str
    number: str
    birth_date: dt.date | None
    gender: str
    warnings: tuple[str, ...]


def check_identifier(id_type: str, raw: str, errors: dict[str, str]) -> CheckedIdentifier | None:
    """Normalise an identifier; on failure add a message under ``id_number`` and return None."""
    if id_type not in IdType.values:
        errors["id_type"] = _("证件类型无效。")
        return None
    if id_type == IdType.RESIDENT_ID:
        try:
            parsed = parse_resident_id(raw)
        except InvalidResidentId as exc:
            errors["id_number"] = id_problem_message(exc.problem)
            return None
        return CheckedIdentifier(
            id_type,
            parsed.number,
            parsed.birth_date,
            parsed.gender,
            tuple(w.value for w in parsed.warnings),
        )
    number = raw.strip().upper()
    if number and not _OTHER_ID.match(number):
        errors["id_number"] = _("证件号只能包含字母、数字和连字符，长度 4 到 32 位。")
        return None
    return CheckedIdentifier(id_type, number, None, Gender.UNKNOWN, ())


def check_phone(raw: str, errors: dict[str, str], *, field: str = "phone") -> str:
    """Accept a mainland mobile or a landline with area code; empty stays empty."""
    phone = _PHONE_NOISE.sub("", raw).removeprefix("+86")
    if phone and not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        errors[field] = _("电话号码格式不正确：手机号为 11 位，座机需带区号。")
    return phone


def check_name(raw: str, errors: dict[str, str]) -> str:
    name = " ".join(raw.split())
    if not name:
        errors["name"] = _("姓名不能为空。")
    elif len(name) > 64:
        errors["name"] = _("姓名不能超过 64 个字。")
    return name
