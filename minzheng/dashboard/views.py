"""The dashboard page and its Excel export."""

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.dashboard.selectors import ProfileBoard, profile_board
from minzheng.profiling.enums import COLOUR_LABELS, COLOURS, TYPE_LABELS, TYPES

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
                "name": str(COLOUR_LABELS[colour]),
                "stack": "colour",
                "data": [row.by_colour[colour] for row in board.rows],
            }
            for colour in reversed(COLOURS)
        ],
    }


@require_GET
@staff_page
def dashboard_view(request: HttpRequest, actor: User) -> HttpResponse:
    board = profile_board(actor=actor, township=_township(request))
    context = {
        "board": board,
        "types": [(code, TYPE_LABELS[code]) for code in TYPES],
        "colours": [(code, COLOUR_LABELS[code]) for code in reversed(COLOURS)],
        "chart": _chart(board),
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
