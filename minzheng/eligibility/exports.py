"""The 政策测算 household list as an Excel workbook."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from minzheng.core.xlsx import Sheet, xlsx_bytes
from minzheng.divisions.selectors import division_names
from minzheng.eligibility.enums import Programme
from minzheng.eligibility.models import PolicyWhatIf, PolicyWhatIfHousehold, WhatIfChange


def _programme(code: str) -> str:
    return str(Programme(code).label) if code else ""


def whatif_workbook(whatif: PolicyWhatIf, rows: Iterable[PolicyWhatIfHousehold]) -> bytes:
    """Two sheets: the per-镇街 summary and every changed household (户号, never names), each
    household with its 村(社区) by name."""
    lines = [*whatif.summary["townships"], {"name": _("合计"), **whatif.summary["totals"]}]
    summary = Sheet(
        _("按镇街汇总"),
        [
            _("镇街"),
            _("新增享受"),
            _("不再享受"),
            _("金额增加"),
            _("金额减少"),
            _("调整前户数"),
            _("调整后户数"),
            _("调整前月支出(元)"),
            _("调整后月支出(元)"),
            _("月支出变化(元)"),
        ],
        [
            [
                line["name"],
                line["gained"],
                line["lost"],
                line["increased"],
                line["decreased"],
                line["households_before"],
                line["households_after"],
                line["monthly_before"],
                line["monthly_after"],
                line["monthly_delta"],
            ]
            for line in lines
        ],
    )
    changed = list(rows)
    villages = division_names(codes=sorted({row.division_code for row in changed}))
    households = Sheet(
        _("变化户清单"),
        [
            _("户号"),
            _("村(社区)"),
            _("变化"),
            _("调整前项目"),
            _("调整前月金额(元)"),
            _("调整后项目"),
            _("调整后月金额(元)"),
        ],
        [
            [
                row.household.number,
                villages.get(row.division_code, str(row.division_code)),
                str(WhatIfChange(row.change).label),
                _programme(row.programme_before),
                row.amount_before,
                _programme(row.programme_after),
                row.amount_after,
            ]
            for row in changed
        ],
    )
    return xlsx_bytes([summary, households])
