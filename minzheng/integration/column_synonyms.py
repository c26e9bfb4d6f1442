"""The headings departments give their columns, per target field: the one synonym table.

Column mapping suggests, for each target field, the department's saved choice, else the first
column whose heading (spaces ignored, full-width brackets as ASCII) is the field's key, its
Chinese label or one of the names below. Add a name here when a department's file uses one
the mapping missed; nothing else needs to change.
"""

from minzheng.integration.departments import LINKAGE_LABELS, DepartmentSpec
from minzheng.integration.enums import Department

# Linkage fields, the same in every department's files.
LINKAGE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "record_id": ("记录号", "业务编号", "记录ID"),
    "name": ("姓名", "人员姓名", "名字"),
    "id_number": (
        "身份证号码",
        "公民身份号码",
        "身份证",
        "证件号码",
        "证件号",
        "居民身份证号码",
        "身份证件号码",
    ),
    "gender": ("性别",),
    "birth_date": ("出生年月日", "出生年月", "生日"),
    "phone": ("电话", "手机号", "手机号码", "联系方式", "电话号码"),
    "address": ("户籍地址", "住址", "家庭住址", "居住地址", "现住址", "户籍地", "联系地址"),
}

# A department's own items, by the names its files are known to use.
ITEM_SYNONYMS: dict[Department, dict[str, tuple[str, ...]]] = {
    Department.DISABILITY: {
        "certificate_number": ("残疾证号", "残疾证编号", "残疾人证编号"),
        "category": ("残疾类型",),
        "grade": ("残疾级别", "等级"),
    },
    Department.CASELOAD: {
        "programme": ("保障类别", "救助类型"),
        "monthly_amount": ("月保障金额", "保障金", "月发放金额"),
        "account_number": ("银行卡号", "账号"),
    },
}


def header_synonyms(spec: DepartmentSpec, target: str) -> tuple[str, ...]:
    """Every heading that names ``target`` in the department's files, best first."""
    own = ITEM_SYNONYMS.get(spec.department, {}).get(target, ())
    if target in LINKAGE_LABELS:
        return (target, str(LINKAGE_LABELS[target]), *LINKAGE_SYNONYMS.get(target, ()))
    return (target, str(spec.item(target).label), *own)
