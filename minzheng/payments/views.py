"""资金发放 pages: batches and their steps, the bank files, failures, ledgers, funds."""

import uuid
from typing import Protocol

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import today
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.ids import RecordId
from minzheng.core.months import month_after, month_parse
from minzheng.core.pagination import page_number
from minzheng.core.xlsx import XLSX, Sheet, xlsx_bytes
from minzheng.payments.enums import AccountKind, RecoveryStatus
from minzheng.payments.selectors import (
    batch_detail,
    batch_list,
    failure_list,
    funds_table,
    household_ledger,
    townships_of,
)
from minzheng.payments.services.accounts import account_set, accounts_from_roll
from minzheng.payments.services.bank_files import (
    MAX_RETURN_BYTES,
    batch_export,
    batch_reconcile,
)
from minzheng.payments.services.batches import batch_approve, batch_check, batch_prepare
from minzheng.payments.services.recoveries import recovery_settle
from minzheng.payments.settings import PAYMENT_SETTINGS

HOUSEHOLD_TARGET = "payments.household_ledger"


@require_http_methods(["GET", "POST"])
@staff_page
def batch_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    """The batches, and the form that makes one (制单) for a month and a scope."""
    error, errors = "", {}
    month = month_parse(request.POST.get("month", "")) if request.method == "POST" else None
    if request.method == "POST":
        township = request.POST.get("township", "")
        try:
            if month is None:
                raise ApplicationError(
                    _("发放批次未生成。"), fields={"month": _("请选择发放月份。")}
                )
            prepared = batch_prepare(
                actor=actor,
                month=month,
                division_code=int(township) if township.isdigit() else None,
            )
        except (NotFound, PermissionDenied):
            raise
        except ApplicationError as refused:
            error, errors = str(refused.message), dict(refused.fields)
        else:
            url = f"{prepared.batch.pk}/?without_account={prepared.without_account}"
            return redirect(f"{request.path}batches/{url}")
    return render(
        request,
        "payments/batch_list.html",
        {
            "batches": batch_list(actor=actor),
            "townships": townships_of(actor=actor),
            "next_month": month_after(today()),
            "error": error,
            "errors": errors,
            "posted": request.POST,
            "roll_accounts": _roll_accounts(request),
            "may_manage": actor.has_capability(Capability.PAYMENT_MANAGE),
        },
        status=400 if error else 200,
    )


def _roll_accounts(request: HttpRequest) -> dict[str, int] | None:
    """What the last take-over of the roll's accounts did, from the redirect's query."""
    values = {key: request.GET.get(key, "") for key in ("accounts", "kept", "refused")}
    if not all(value.isdigit() for value in values.values()):
        return None
    return {key: int(value) for key, value in values.items()}


def _detail(
    request: HttpRequest, actor: User, batch_id: uuid.UUID, *, error: str = "", status: int = 200
) -> HttpResponse:
    detail = batch_detail(
        actor=actor,
        batch_id=batch_id,
        page=page_number(request),
        change=request.GET.get("change", ""),
    )
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type="payments.batch",
        target_id=batch_id,
        division_code=detail.batch.division_id,
        changes={"page": detail.page},
    )
    without = request.GET.get("without_account", "")
    return render(
        request,
        "payments/batch_detail.html",
        {
            "detail": detail,
            "batch": detail.batch,
            "without_account": int(without) if without.isdigit() else None,
            "error": error,
            "may_manage": actor.has_capability(Capability.PAYMENT_MANAGE),
        },
        status=status,
    )


@require_GET
@staff_page
def batch_detail_view(request: HttpRequest, actor: User, batch_id: uuid.UUID) -> HttpResponse:
    return _detail(request, actor, batch_id)


class _Step(Protocol):
    def __call__(self, *, actor: User, batch_id: RecordId, agree: bool, note: str) -> object: ...


def _step(request: HttpRequest, actor: User, batch_id: uuid.UUID, step: _Step) -> HttpResponse:
    """复核 or 审批 from the batch page: agree or send back, with the opinion written."""
    try:
        step(
            actor=actor,
            batch_id=batch_id,
            agree=request.POST.get("decision") == "agree",
            note=request.POST.get("note", ""),
        )
    except (NotFound, PermissionDenied):
        raise  # a refusal of the actor, not of the form: no batch page, nothing recorded
    except ApplicationError as refused:
        return _detail(request, actor, batch_id, error=str(refused.message), status=refused.status)
    return redirect("payments:batch_detail", batch_id=batch_id)


@require_POST
@staff_page
def batch_check_view(request: HttpRequest, actor: User, batch_id: uuid.UUID) -> HttpResponse:
    return _step(request, actor, batch_id, batch_check)


@require_POST
@staff_page
def batch_approve_view(request: HttpRequest, actor: User, batch_id: uuid.UUID) -> HttpResponse:
    return _step(request, actor, batch_id, batch_approve)


@require_POST
@staff_page
def batch_export_view(request: HttpRequest, actor: User, batch_id: uuid.UUID) -> HttpResponse:
    try:
        file = batch_export(
            actor=actor, batch_id=batch_id, layout_code=request.POST.get("bank", "")
        )
    except (NotFound, PermissionDenied):
        raise  # a refusal of the actor, not of the form: no batch page, nothing recorded
    except ApplicationError as refused:
        return _detail(request, actor, batch_id, error=str(refused.message), status=refused.status)
    response = HttpResponse(file.content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response["X-Content-SHA256"] = file.sha256
    return response


@require_POST
@staff_page
def batch_reconcile_view(request: HttpRequest, actor: User, batch_id: uuid.UUID) -> HttpResponse:
    upload = request.FILES.get("file")
    try:
        if upload is None or upload.size is None or upload.size > MAX_RETURN_BYTES:
            raise ApplicationError(_("请选择银行回盘文件(不超过 20 MB)。"))
        batch_reconcile(actor=actor, batch_id=batch_id, content=upload.read())
    except (NotFound, PermissionDenied):
        raise  # a refusal of the actor, not of the form: no batch page, nothing recorded
    except ApplicationError as refused:
        return _detail(request, actor, batch_id, error=str(refused.message), status=refused.status)
    return redirect("payments:batch_detail", batch_id=batch_id)


@require_POST
@staff_page
def accounts_from_roll_view(request: HttpRequest, actor: User) -> HttpResponse:
    """Take over the accounts the 在册对象 roll names for households that have none yet."""
    taken = accounts_from_roll(actor=actor)
    return redirect(
        f"{reverse('payments:batch_list')}?accounts={taken.created}&kept={taken.kept}"
        f"&refused={taken.refused}"
    )


@require_GET
@staff_page
def failure_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    lines = failure_list(actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type="payments.failures",
        changes={"rows": len(lines)},
    )
    return render(request, "payments/failures.html", {"lines": lines})


def _household(
    request: HttpRequest,
    actor: User,
    household_id: uuid.UUID,
    *,
    error: str = "",
    errors: dict[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    ledger = household_ledger(actor=actor, household_id=household_id)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=HOUSEHOLD_TARGET,
        target_id=household_id,
        changes={"lines": len(ledger.lines)},
    )
    return render(
        request,
        "payments/household.html",
        {
            "ledger": ledger,
            "kinds": AccountKind.choices,
            "error": error,
            "errors": errors or {},
            "posted": request.POST,
            "may_manage": actor.has_capability(Capability.PAYMENT_MANAGE),
            "recovery_statuses": [
                (RecoveryStatus.RECOVERED.value, RecoveryStatus.RECOVERED.label),
                (RecoveryStatus.WAIVED.value, RecoveryStatus.WAIVED.label),
            ],
        },
        status=status,
    )


@require_GET
@staff_page
def household_view(request: HttpRequest, actor: User, household_id: uuid.UUID) -> HttpResponse:
    return _household(request, actor, household_id)


@require_POST
@staff_page
def account_view(request: HttpRequest, actor: User, household_id: uuid.UUID) -> HttpResponse:
    posted = request.POST
    try:
        person = uuid.UUID(posted.get("person", ""))
    except ValueError:
        person = uuid.UUID(int=0)
    try:
        account_set(
            actor=actor,
            household_id=household_id,
            person_id=person,
            kind=posted.get("kind", ""),
            bank_name=posted.get("bank_name", ""),
            number=posted.get("number", ""),
            holder_name=posted.get("holder_name", ""),
            reason=posted.get("reason", ""),
        )
    except (NotFound, PermissionDenied):
        raise  # a refusal of the actor: no ledger page, nothing recorded
    except ApplicationError as refused:
        return _household(
            request,
            actor,
            household_id,
            error=str(refused.message),
            errors=dict(refused.fields),
            status=refused.status,
        )
    return redirect("payments:household", household_id=household_id)


@require_POST
@staff_page
def recovery_settle_view(
    request: HttpRequest, actor: User, household_id: uuid.UUID, recovery_id: uuid.UUID
) -> HttpResponse:
    try:
        recovery_settle(
            actor=actor,
            household_id=household_id,
            recovery_id=recovery_id,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
    except (NotFound, PermissionDenied):
        raise  # a refusal of the actor: no ledger page, nothing recorded
    except ApplicationError as refused:
        return _household(
            request, actor, household_id, error=str(refused.message), status=refused.status
        )
    return redirect("payments:household", household_id=household_id)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else today().year


@require_GET
@staff_page
def funds_view(request: HttpRequest, actor: User) -> HttpResponse:
    table = funds_table(actor=actor, year=_year(request))
    return render(request, "payments/funds.html", {"table": table})


@require_GET
@staff_page
def funds_export_view(request: HttpRequest, actor: User) -> HttpResponse:
    table = funds_table(actor=actor, year=_year(request))
    totals = [float(amount) for _m, amount in table.totals]
    content = xlsx_bytes(
        [
            Sheet(
                _("资金发放"),
                [_("镇(街道)"), _("救助事项"), *[f"{m:%Y-%m}" for m in table.months], _("合计")],
                [
                    *[
                        [township, item, *[float(amount) for _m, amount in cells], float(total)]
                        for township, item, cells, total in table.rows
                    ],
                    [_("合计"), "", *totals, float(table.total)],
                ],
            )
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type="payments.funds",
        target_id=table.year,
        changes={"format": "xlsx", "rows": len(table.rows)},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="funds-{table.year}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@staff_page
def settings_view(request: HttpRequest, actor: User) -> HttpResponse:
    page = SettingsPage(
        title=_("发放规则"),
        intro=_(
            "某月的发放最早可提前几天制单，以及追缴每笔最多从后续发放中抵扣的比例。出厂取值为"
            "本系统假设，须县级管理员按本地文件确认。按行政区划、按生效日期取值，历史取值不能改写。"
        ),
        spec=PAYMENT_SETTINGS,
        url_name="payments:settings",
    )
    return dated_settings_page(request, actor, page)
