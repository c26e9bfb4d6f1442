"""The dashboard page and the Excel export of each of its tables."""

import io
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.dashboard.selectors import (
    LoopBoard,
    LoopRow,
    ProfileBoard,
    loop_board,
    profile_board,
)
from minzheng.dashboard.services import CLOSED_PERIOD_DAYS, VISIT_PERIOD_DAYS
from minzheng.monitoring.enums import Outcome
from minzheng.profiling.enums import COLOUR_HEX, COLOUR_LABELS, COLOURS, TYPE_LABELS, TYPES, Colour

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _township(request: HttpRequest) -> int | None:
    raw = request.GET.get("township", "")
    return int(raw) if raw.isdigit() else None


def _chart(board: ProfileBoard) -> dict[str, object]:
    return {
        "horizontal": True,
        "categories": [row.name for row in board.rows],
        "series": [
            {
                "name": str(colour.label),
                "stack": "colour",
                "color": COLOUR_HEX[colour],
                "data": [row.by_colour[colour.code] for row in board.rows],
            }
            for colour in reversed(Colour)
        ],
    }


def _loop_chart(board: LoopBoard) -> dict[str, object]:
    """Open warnings (overdue, not yet) and closed ones by outcome, stacked per division."""
    rows = board.rows
    return {
        "horizontal": True,
        "categories": [row.name for row in rows],
        "series": [
            {
                "name": _("逾期"),
                "stack": "open",
                "data": [row.values["warnings_overdue"] for row in rows],
            },
            {
                "name": _("待处置未逾期"),
                "stack": "open",
                "data": [row.warnings_pending for row in rows],
            },
            *[
                {
                    "name": str(Outcome(outcome).label),
                    "stack": "closed",
                    "data": [row.outcome_cells[index][1] for row in rows],
                }
                for index, outcome in enumerate(Outcome)
            ],
        ],
    }


def _lead_chart(board: LoopBoard) -> dict[str, object]:
    return {
        "horizontal": False,
        "categories": [label for label, _count in board.lead_buckets],
        "series": [{"name": _("预警数"), "data": [count for _label, count in board.lead_buckets]}],
    }


@require_GET
@staff_page
def dashboard_view(request: HttpRequest, actor: User) -> HttpResponse:
    township = _township(request)
    board = profile_board(actor=actor, township=township)
    context: dict[str, object] = {
        "board": board,
        "types": [(code, TYPE_LABELS[code]) for code in TYPES],
        "colours": [(code, COLOUR_LABELS[code]) for code in reversed(COLOURS)],
        "chart": _chart(board),
        "loop": None,
    }
    if actor.has_capability(Capability.WARNING_HANDLE):
        loop = loop_board(
            actor=actor,
            township=township,
            known_names={row.code: row.name for row in board.rows},
        )
        context |= {
            "loop": loop,
            "outcomes": [str(label) for label in Outcome.labels],
            "loop_chart": _loop_chart(loop),
            "lead_chart": _lead_chart(loop),
            "closed_period_days": CLOSED_PERIOD_DAYS,
            "visit_period_days": VISIT_PERIOD_DAYS,
        }
    return render(request, "dashboard/index.html", context)


@require_GET
@staff_page
def dashboard_export_view(request: HttpRequest, actor: User) -> HttpResponse:
    board = profile_board(actor=actor, township=_township(request))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("五型三色"))
    sheet.append(
        [
            _("区划"),
            *[str(TYPE_LABELS[code]) for code in TYPES],
            *[str(COLOUR_LABELS[code]) for code in reversed(COLOURS)],
            _("合计"),
        ]
    )
    for row in [*board.rows, board.total]:
        sheet.append(
            [
                row.name or _("合计"),
                *[row.by_type[code] for code in TYPES],
                *[row.by_colour[code] for code in reversed(COLOURS)],
                row.total,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type="dashboard.profiles",
        target_id=board.township or "",
        changes={"format": "xlsx", "rows": len(board.rows)},
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="profiles.xlsx"'
    return response


def _percent_cell(sheet: WriteOnlyWorksheet, share: float | None) -> object:
    if share is None:
        return ""
    cell = WriteOnlyCell(sheet, value=round(share, 4))
    cell.number_format = "0.0%"
    return cell


def _warnings_sheets(book: Workbook, board: LoopBoard) -> None:
    sheet = book.create_sheet(_("预警处置"))
    sheet.append(
        [
            _("区划"),
            _("待处置"),
            _("其中逾期"),
            *[str(label) for label in Outcome.labels],
            _("办结合计"),
            _("按期办结"),
            _("按期办结率"),
        ]
    )
    for row in [*board.rows, board.total]:
        sheet.append(
            [
                row.name or _("合计"),
                row.values["warnings_open"],
                row.values["warnings_overdue"],
                *[count for _label, count in row.outcome_cells],
                row.values["warnings_closed"],
                row.values["closed_on_time"],
                _percent_cell(sheet, row.on_time_share),
            ]
        )
    lead = book.create_sheet(_("办理时长"))
    lead.append([_("事件至救助决定"), _("预警数")])
    for label, count in board.lead_buckets:
        lead.append([label, count])
    lead.append([_("合计"), board.lead_warnings])
    lead.append([_("中位天数"), board.median_lead_days])


def _visits_sheet(book: Workbook, board: LoopBoard) -> None:
    sheet = book.create_sheet(_("探访按期"))
    sheet.append(
        [_("区划"), _("探访计划户数"), _("逾期未探访"), _("近期探访次数"), _("探访按期率")]
    )
    rows: list[LoopRow] = [*board.rows, board.total]
    for row in rows:
        sheet.append(
            [
                row.name or _("合计"),
                row.values["visit_plans"],
                row.values["visits_overdue"],
                row.values["visits_recent"],
                _percent_cell(sheet, row.visit_share),
            ]
        )


@require_GET
@staff_page
def dashboard_loop_export_view(
    request: HttpRequest, actor: User, panel: Literal["warnings", "visits"]
) -> HttpResponse:
    """The 预警处置 (with the lead-time distribution) or the 探访按期 table as Excel."""
    board = loop_board(actor=actor, township=_township(request))
    book = Workbook(write_only=True)
    if panel == "warnings":
        _warnings_sheets(book, board)
    else:
        _visits_sheet(book, board)
    buffer = io.BytesIO()
    book.save(buffer)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type=f"dashboard.{panel}",
        target_id=board.township or "",
        changes={"format": "xlsx", "rows": len(board.rows)},
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{panel}.xlsx"'
    return response
