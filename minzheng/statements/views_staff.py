"""The 幸福清单 of a household for staff: on screen and as a printed A4 PDF."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.statements.permissions import access_statement
from minzheng.statements.printing import statement_pdf_response
from minzheng.statements.selectors import household_statement
from minzheng.statements.services import statement_document_issue, statement_view_record


@require_GET
@never_cache
@staff_page
def statement_view(request: HttpRequest, actor: User, household_id: uuid.UUID) -> HttpResponse:
    household = access_statement(actor=actor, household_id=household_id)
    statement = household_statement(household_id=household.pk)
    statement_view_record(actor=actor, statement=statement)
    return render(request, "statements/statement/page.html", {"statement": statement})


@require_GET
@never_cache
@staff_page
def statement_pdf_view(request: HttpRequest, actor: User, household_id: uuid.UUID) -> HttpResponse:
    household = access_statement(actor=actor, household_id=household_id)
    statement = household_statement(household_id=household.pk)
    document = statement_document_issue(actor=actor, statement=statement)
    return statement_pdf_response(request, statement=statement, document=document)
