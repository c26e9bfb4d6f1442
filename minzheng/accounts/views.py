from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from minzheng.accounts.forms import LoginForm
from minzheng.accounts.services.login import staff_authenticate
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("workbench:home")


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_authenticate(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                request=request,
            )
        except ApplicationError as exc:
            error = str(exc.message)
        else:
            login(request, user)
            return HttpResponseRedirect(_next_url(request))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/login.html",
        {"form": form, "error": error, "next": _next_url(request)},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action=AuditAction.LOGOUT)
    logout(request)
    return redirect("accounts:login")
