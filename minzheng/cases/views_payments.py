"""The monthly payment run: a month's ledger in the jurisdiction, and the button to run it."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.cases.selectors.payments import payment_month_summary
from minzheng.cases.services.payments import payment_month_run
from minzheng.core.clock import today


def parse_month(raw: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(raw.strip(), "%Y-%m").date().replace(day=1)  # noqa: DTZ007
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@staff_page
def payment_month_view(request: HttpRequest, actor: User) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.PAYMENT_MANAGE)
    source = request.POST if request.method == "POST" else request.GET
    month = parse_month(source.get("month", "")) or today().replace(day=1)
    if request.method == "POST":
        run = payment_month_run(actor=actor, month=month)
        url = reverse("cases:payment_month")
        return redirect(f"{url}?month={month:%Y-%m}&created={run.created}&paid={run.paid}")
    return render(
        request,
        "cases/payments/month.html",
        {
            "summary": payment_month_summary(actor=actor, month=month),
            "created": request.GET.get("created"),
            "paid": request.GET.get("paid"),
        },
    )
