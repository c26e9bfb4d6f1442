"""The dashboard page and the Excel export of each of its tables."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.xlsx import XLSX, Sheet, xlsx_bytes
from minzheng.dashboard.selectors import (
    LoopBoard,
    LoopRow,
    ProfileBoard,
    loop_board,
    profile_board,
)
from minzheng.dashboard.services import CLOSED_PERIOD_DAYS, OUTCOME_COLUMNS, VISIT_PERIOD_DAYS
from minzheng.monitoring.enums import Outcome
from minzheng.profiling.enums import COLOUR_HEX, COLOUR_LABELS, COLOURS, TYPE_LABELS, TYPES, Colour


# The outcomes the loop tally counts, in its column order (a 停发/减员 closing counts in the
# total only), so a header names the column under it.
def _tallied_outcomes() -> list[str]:
    return [str(Outcome(outcome).label) for outcome in OUTCOME_COLUMNS]


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
                for index, outcome in enumerate(OUTCOME_COLUMNS)
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
            "outcomes": _tallied_outcomes(),
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
    content = xlsx_bytes(
        [
            Sheet(
                _("五型三色"),
                [
                    _("区划"),
                    *[str(TYPE_LABELS[code]) for code in TYPES],
                    *[str(COLOUR_LABELS[code]) for code in reversed(COLOURS)],
                    _("合计"),
                ],
                [
                    [
                        row.name or _("合计"),
                        *[row.by_type[code] for code in TYPES],
                        *[row.by_colour[code] for code in reversed(COLOURS)],
                        row.total,
                    ]
                    for row in [*board.rows, board.total]
                ],
            )
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type="dashboard.profiles",
        target_id=board.township or "",
        changes={"format": "xlsx", "rows": len(board.rows)},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="profiles.xlsx"'
    return response


PERCENT = "0.0%"


def _share(share: float | None) -> object:
    return "" if share is None else round(share, 4)


def _warnings_sheets(board: LoopBoard) -> list[Sheet]:
    outcomes = _tallied_outcomes()
    warnings = Sheet(
        _("预警处置"),
        [
            _("区划"),
            _("待处置"),
            _("其中逾期"),
            *outcomes,
            _("办结合计"),
            _("按期办结"),
            _("按期办结率"),
        ],
        [
            [
                row.name or _("合计"),
                row.values["warnings_open"],
                row.values["warnings_overdue"],
                *[count for _label, count in row.outcome_cells],
                row.values["warnings_closed"],
                row.values["closed_on_time"],
                _share(row.on_time_share),
            ]
            for row in [*board.rows, board.total]
        ],
        number_formats={5 + len(outcomes): PERCENT},
    )
    lead = Sheet(
        _("办理时长"),
        [_("事件至救助决定"), _("预警数")],
        [
            *[[label, count] for label, count in board.lead_buckets],
            [_("合计"), board.lead_warnings],
            [_("中位天数"), board.median_lead_days],
        ],
    )
    return [warnings, lead]


def _visits_sheet(board: LoopBoard) -> Sheet:
    rows: list[LoopRow] = [*board.rows, board.total]
    return Sheet(
        _("探访按期"),
        [_("区划"), _("探访计划户数"), _("逾期未探访"), _("近期探访次数"), _("探访按期率")],
        [
            [
                row.name or _("合计"),
                row.values["visit_plans"],
                row.values["visits_overdue"],
                row.values["visits_recent"],
                _share(row.visit_share),
            ]
            for row in rows
        ],
        number_formats={4: PERCENT},
    )


@require_GET
@staff_page
def dashboard_loop_export_view(
    request: HttpRequest, actor: User, panel: Literal["warnings", "visits"]
) -> HttpResponse:
    """The 预警处置 (with the lead-time distribution) or the 探访按期 table as Excel."""
    board = loop_board(actor=actor, township=_township(request))
    content = xlsx_bytes(_warnings_sheets(board) if panel == "warnings" else [_visits_sheet(board)])
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type=f"dashboard.{panel}",
        target_id=board.township or "",
        changes={"format": "xlsx", "rows": len(board.rows)},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{panel}.xlsx"'
    return response
