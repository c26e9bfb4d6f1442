"""Staff pages of 探访: the due list, the visit form and the cadence (微心愿: ``views_wishes``)."""

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.clock import now, today
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.htmx import page_or_fragment
from minzheng.visits.cadence import CADENCE_SETTINGS
from minzheng.visits.enums import Need, ReferralDepartment, VisitMode, WishPrivacy
from minzheng.visits.permissions import access_visit_household
from minzheng.visits.selectors import (
    household_head_names,
    visit_due_list,
    visit_plan_for_household,
)
from minzheng.visits.services.records import (
    visit_due_list_view_record,
    visit_form_view_record,
)
from minzheng.visits.services.visits import VisitDraft, default_next_due_on, visit_record

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def _datetime(raw: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw.strip()) if raw.strip() else None
    except ValueError:
        return None


def _decimal(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        return None


@require_GET
@staff_page
def visit_due_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    rows = visit_due_list(actor=actor, moment=now())
    visit_due_list_view_record(actor=actor, results=len(rows))
    template = page_or_fragment(request, "visits/plan/list.html", "results")
    return render(request, template, {"rows": rows})


def _draft(
    post: QueryDict, files: MultiValueDict[str, UploadedFile[bytes]], submission_id: uuid.UUID
) -> VisitDraft:
    photo = files.get("photo")
    return VisitDraft(
        submission_id=submission_id,
        mode=post.get("mode", ""),
        visited_at=_datetime(post.get("visited_at", "")),
        findings=post.get("findings", ""),
        needs=post.getlist("needs"),
        needs_other=post.get("needs_other", ""),
        photo=photo or None,
        next_due_on=_date(post.get("next_due_on", "")),
        wish_item=post.get("wish_item", ""),
        wish_value=_decimal(post.get("wish_value", "")),
        wish_privacy=post.get("wish_privacy", WishPrivacy.PUBLIC),
        referral_departments=post.getlist("referral_departments"),
        referral_note=post.get("referral_note", ""),
    )


def _form_context(household: "Household") -> dict[str, object]:
    plan = visit_plan_for_household(household=household)
    return {
        "household": household,
        "heads": household_head_names(household=household),
        "plan": plan,
        "modes": VisitMode.choices,
        "needs": Need.choices,
        "departments": ReferralDepartment.choices,
        "privacy_levels": WishPrivacy.choices,
        "max_visited_at": timezone.localtime(now()).strftime("%Y-%m-%dT%H:%M"),
        "values": {
            "submission_id": str(uuid.uuid4()),
            "visited_at": timezone.localtime(now()).strftime("%Y-%m-%dT%H:%M"),
            "next_due_on": default_next_due_on(plan=plan, visited_on=today()).isoformat(),
            "wish_privacy": WishPrivacy.PUBLIC,
            "needs": [],
            "referral_departments": [],
        },
    }


@require_http_methods(["GET", "POST"])
@staff_page
def visit_new_view(request: HttpRequest, actor: User, household_id: uuid.UUID) -> HttpResponse:
    """The phone form; a resent form (same ``submission_id``) answers with the saved visit."""
    household = access_visit_household(actor=actor, household_id=household_id)
    context = _form_context(household)
    if request.method == "GET":
        visit_form_view_record(actor=actor, household=household)
        return render(request, "visits/visit/new.html", context)
    values = {key: request.POST.get(key, "") for key in request.POST} | {
        "needs": request.POST.getlist("needs"),
        "referral_departments": request.POST.getlist("referral_departments"),
    }
    submission_id = _uuid(request.POST.get("submission_id", ""))
    if submission_id is None:
        # Without its id a send cannot be told from a resend: issue a new one for this form.
        values["submission_id"] = str(uuid.uuid4())
        context |= {"values": values, "error": _("表单已失效，请核对内容后重新提交。")}
        return render(request, "visits/visit/new.html", context, status=400)
    try:
        saved = visit_record(
            actor=actor,
            household_id=household.pk,
            draft=_draft(request.POST, request.FILES, submission_id),
        )
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        context |= {"values": values, "error": exc.message, "errors": exc.fields}
        return render(request, "visits/visit/new.html", context, status=exc.status)
    return render(
        request,
        "visits/visit/saved.html",
        {"visit": saved.visit, "household": household, "created": saved.created},
        status=201 if saved.created else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_page
def cadence_view(request: HttpRequest, actor: User) -> HttpResponse:
    """The visit cadence in force per region; the county admin adds dated values."""
    page = SettingsPage(
        title=_("探访频次"),
        intro=_(
            "各颜色的探访间隔（天）和变色后首次探访期限（小时）按行政区划、按生效日期取值。"
            "新的取值从其生效日期起用于探访计划，历史取值不能改写。"
        ),
        spec=CADENCE_SETTINGS,
        url_name="visits:cadence",
    )
    return dated_settings_page(request, actor, page)
