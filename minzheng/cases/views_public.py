"""The public 公示 board of a 村社 and its objection form. No login; nothing unmasked."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from minzheng.cases.selectors.publicity import publicity_board
from minzheng.cases.services.publicity import objection_lodge
from minzheng.core.exceptions import ApplicationError, NotFound


@require_GET
def publicity_board_view(request: HttpRequest, village_code: int) -> HttpResponse:
    board = publicity_board(village_code=village_code)
    if board is None:
        raise Http404
    return render(
        request,
        "cases/publicity/board.html",
        {"board": board, "lodged": request.GET.get("lodged") == "1"},
    )


@require_POST
def objection_lodge_view(
    request: HttpRequest, village_code: int, application_id: uuid.UUID
) -> HttpResponse:
    try:
        objection_lodge(
            application_id=application_id,
            village_code=village_code,
            content=request.POST.get("content", ""),
            contact_phone=request.POST.get("contact_phone", ""),
        )
    except NotFound:
        raise Http404 from None
    except ApplicationError as exc:
        board = publicity_board(village_code=village_code)
        if board is None:
            raise Http404 from None
        context = {
            "board": board,
            "error": exc.message,
            "errors": exc.fields,
            "failed": application_id,
            "posted": request.POST,
        }
        return render(request, "cases/publicity/board.html", context, status=exc.status)
    url = reverse("publicity:board", args=[village_code])
    return redirect(f"{url}?lodged=1")
