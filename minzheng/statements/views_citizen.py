"""Citizen self-service under /my/: sign in with an SMS code, see and print one's own statement.

A citizen session is a key in the ordinary session holding the person's id and an absolute
expiry 15 minutes after sign-in; it is not a staff login and grants nothing on staff pages.
The household is always derived from the person's current membership, never from the URL.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minzheng.cases.selectors.household import household_applications
from minzheng.core.clock import now
from minzheng.core.exceptions import ApplicationError
from minzheng.statements.printing import statement_pdf_response
from minzheng.statements.selectors import CitizenHousehold, citizen_household, household_statement
from minzheng.statements.services import (
    citizen_sign_out_record,
    sign_in_code_check,
    sign_in_code_send,
    statement_document_issue,
    statement_view_record,
)

CITIZEN_SESSION_KEY = "statements.citizen"
CHALLENGE_SESSION_KEY = "statements.challenge"
CITIZEN_SESSION_LENGTH = dt.timedelta(minutes=15)

CitizenView = Callable[[HttpRequest, CitizenHousehold], HttpResponse]


def _signed_in_person(request: HttpRequest) -> uuid.UUID | None:
    """The signed-in person's id, or None (and the key dropped) once the 15 minutes are over."""
    held = request.session.get(CITIZEN_SESSION_KEY)
    if not isinstance(held, dict):
        return None
    try:
        person_id = uuid.UUID(str(held["person_id"]))
        until = float(held["until"])
    except (KeyError, TypeError, ValueError):
        request.session.pop(CITIZEN_SESSION_KEY, None)
        return None
    if now().timestamp() >= until:
        request.session.pop(CITIZEN_SESSION_KEY, None)
        return None
    return person_id


def _to_sign_in(reason: str = "") -> HttpResponse:
    url = reverse("citizen:sign_in")
    return redirect(f"{url}?{reason}=1" if reason else url)


def citizen_page(view: CitizenView) -> Callable[[HttpRequest], HttpResponse]:
    """Require a signed-in citizen and pass their current household to the view."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        had_session = CITIZEN_SESSION_KEY in request.session
        person_id = _signed_in_person(request)
        if person_id is None:
            return _to_sign_in("expired" if had_session else "")
        citizen = citizen_household(person_id=person_id)
        if citizen is None:  # died, moved out or left the household since signing in
            request.session.pop(CITIZEN_SESSION_KEY, None)
            return _to_sign_in()
        return view(request, citizen)

    return wrapper


@require_http_methods(["GET", "POST"])
@never_cache
def sign_in_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and _signed_in_person(request) is not None:
        return redirect("citizen:home")
    id_number = request.POST.get("id_number", "")
    if request.method == "POST":
        try:
            challenge_id = sign_in_code_send(id_number=id_number)
        except ApplicationError as exc:
            context = {"error": exc.message, "id_number": id_number}
            return render(request, "statements/citizen/sign_in.html", context, status=exc.status)
        request.session[CHALLENGE_SESSION_KEY] = str(challenge_id)
        return redirect("citizen:code")
    notice = ""
    if request.GET.get("expired"):
        notice = _("登录已超过 15 分钟，请重新获取验证码。")
    elif request.GET.get("signed_out"):
        notice = _("您已退出。")
    return render(request, "statements/citizen/sign_in.html", {"notice": notice})


@require_http_methods(["GET", "POST"])
@never_cache
def code_view(request: HttpRequest) -> HttpResponse:
    challenge_id = request.session.get(CHALLENGE_SESSION_KEY)
    if not challenge_id:
        return redirect("citizen:sign_in")
    if request.method == "GET":
        return render(request, "statements/citizen/code.html")
    try:
        person_id = sign_in_code_check(challenge_id=challenge_id, code=request.POST.get("code", ""))
    except ApplicationError as exc:
        context = {"error": exc.message}
        return render(request, "statements/citizen/code.html", context, status=exc.status)
    # A new session key on sign-in, as for staff logins: a planted cookie learns nothing.
    request.session.cycle_key()
    request.session.pop(CHALLENGE_SESSION_KEY, None)
    request.session[CITIZEN_SESSION_KEY] = {
        "person_id": str(person_id),
        "until": (now() + CITIZEN_SESSION_LENGTH).timestamp(),
    }
    return redirect("citizen:home")


@require_GET
@never_cache
@citizen_page
def home_view(request: HttpRequest, citizen: CitizenHousehold) -> HttpResponse:
    statement = household_statement(household_id=citizen.household_id)
    applications = household_applications(household_id=citizen.household_id)
    statement_view_record(actor=None, statement=statement)
    context = {"citizen": citizen, "statement": statement, "applications": applications}
    return render(request, "statements/citizen/home.html", context)


@require_GET
@never_cache
@citizen_page
def statement_pdf_view(request: HttpRequest, citizen: CitizenHousehold) -> HttpResponse:
    statement = household_statement(household_id=citizen.household_id)
    document = statement_document_issue(actor=None, statement=statement)
    return statement_pdf_response(request, statement=statement, document=document)


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    person_id = _signed_in_person(request)
    if person_id is not None:
        citizen_sign_out_record(person_id=person_id)
    request.session.pop(CITIZEN_SESSION_KEY, None)
    request.session.pop(CHALLENGE_SESSION_KEY, None)
    request.session.cycle_key()
    return _to_sign_in("signed_out")
