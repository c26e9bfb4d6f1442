"""Pages of a feed import: upload, map columns with a preview, follow progress, merge."""

import datetime as dt
from collections.abc import Callable

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.integration.departments import LINKAGE_LABELS, SPECS
from minzheng.integration.enums import Department, ImportStatus
from minzheng.integration.models import FeedImport
from minzheng.integration.permissions import access_feed_import
from minzheng.integration.selectors.import_preview import preview_entry
from minzheng.integration.selectors.imports import (
    RowClass,
    feed_import_list,
    feed_import_progress,
    feed_import_row_counts,
    feed_import_rows,
)
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_discard,
    feed_import_preview,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge_start
from minzheng.integration.services.feed_retry import feed_import_retry
from minzheng.integration.services.feed_steps import feed_import_audit

ROWS_PER_PAGE = 50


@require_http_methods(["GET", "POST"])
@staff_page
def import_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    context: dict[str, object] = {
        "departments": Department.choices,
        "values": {"as_of": dt.date.today().isoformat()},  # noqa: DTZ011 - a calendar date
    }
    status = 200
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in ("department", "as_of")}
        context["values"] = values
        upload = request.FILES.get("file")
        try:
            as_of = _date(values["as_of"])
            if upload is None:
                message = _("请选择要上传的 CSV 或 XLSX 文件。")
                raise ApplicationError(message, fields={"file": message})
            feed_import = feed_import_upload(
                actor=actor,
                department=values["department"],
                as_of=as_of,
                file_name=upload.name or "feed.csv",
                data=upload.read(),
            )
        except ApplicationError as error:
            status = 400
            context["error"] = error.message
            context["field_errors"] = error.fields
        else:
            return redirect("integration:import_detail", feed_import_id=feed_import.id)
    paginator = Paginator(feed_import_list(actor=actor).order_by("-created_at"), 20)
    context["page"] = paginator.get_page(page_number(request))
    return render(request, "integration/imports/list.html", context, status=status)


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        message = _("请填写数据截止日期（YYYY-MM-DD）。")
        raise ApplicationError(message, fields={"as_of": message}) from None


@require_http_methods(["GET"])
@staff_page
def import_detail_view(request: HttpRequest, actor: User, feed_import_id: str) -> HttpResponse:
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    context = _detail_context(request, feed_import)
    if feed_import.status == ImportStatus.UPLOADED:
        context["columns"] = column_mapping_suggest(
            department=feed_import.department, header=feed_import.header
        )
    template = page_or_fragment(request, "integration/imports/detail.html", "status")
    return render(request, template, context)


def _detail_context(request: HttpRequest, feed_import: FeedImport) -> dict[str, object]:
    spec = SPECS[Department(feed_import.department)]
    targets = [(name, LINKAGE_LABELS[name]) for name in ("record_id", *spec.linkage)]
    targets += [(item.key, item.label) for item in spec.items]
    progress = feed_import_progress(feed_import=feed_import)
    context: dict[str, object] = {
        "feed_import": feed_import,
        "targets": targets,
        "progress": progress,
        # The page follows a live step; a stalled one waits for the clerk to retry it.
        "running": progress is not None and not progress.stalled,
    }
    if feed_import.status in {ImportStatus.LINKED, ImportStatus.MERGED, ImportStatus.MERGING}:
        counts = feed_import_row_counts(feed_import=feed_import)
        shown = _row_class(request.GET.get("rows", ""))
        rows = Paginator(feed_import_rows(feed_import=feed_import, row_class=shown), ROWS_PER_PAGE)
        context["row_counts"] = counts
        context["rows_shown"] = shown
        context["rows_page"] = rows.get_page(page_number(request))
    return context


def _row_class(raw: str) -> RowClass:
    """The class of rows asked for; the invalid rows unless another is."""
    try:
        return RowClass(raw)
    except ValueError:
        return RowClass.INVALID


@require_POST
@staff_page
def import_preview_view(request: HttpRequest, actor: User, feed_import_id: str) -> HttpResponse:
    """The first rows under the chosen mapping, ID numbers masked."""
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    columns = _posted_columns(request, feed_import)
    context = _detail_context(request, feed_import) | {"columns": columns}
    try:
        preview = feed_import_preview(feed_import=feed_import, columns=columns)
    except ApplicationError as error:
        context["error"] = error.message
        context["field_errors"] = error.fields
    else:
        # The preview shows names as the department wrote them: who looked is recorded.
        feed_import_audit(
            actor=actor,
            action=AuditAction.VIEW,
            feed_import_id=feed_import.id,
            changes={"preview_rows": len(preview.rows)},
        )
        spec = SPECS[Department(feed_import.department)]
        context["preview"] = [preview_entry(row, spec) for row in preview.rows]
    return render(request, "integration/imports/detail.html#preview", context)


@require_POST
@staff_page
def import_columns_view(request: HttpRequest, actor: User, feed_import_id: str) -> HttpResponse:
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    columns = _posted_columns(request, feed_import)
    try:
        feed_import_columns_set(actor=actor, feed_import=feed_import, columns=columns)
    except ApplicationError as error:
        context = _detail_context(request, feed_import) | {
            "columns": columns,
            "error": error.message,
            "field_errors": error.fields,
        }
        return render(request, "integration/imports/detail.html", context, status=400)
    return redirect("integration:import_detail", feed_import_id=feed_import.id)


def _posted_columns(request: HttpRequest, feed_import: FeedImport) -> dict[str, str]:
    fields = SPECS[Department(feed_import.department)].fields()
    return {name: request.POST.get(f"column_{name}", "") for name in fields}


def _state_change(
    request: HttpRequest, actor: User, feed_import_id: str, change: Callable[..., object]
) -> HttpResponse:
    """Run a service that moves the import on; a refusal is shown on the import's page."""
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    try:
        change(actor=actor, feed_import=feed_import)
    except ApplicationError as error:
        context = _detail_context(request, feed_import) | {"error": error.message}
        return render(request, "integration/imports/detail.html", context, status=400)
    return redirect("integration:import_detail", feed_import_id=feed_import.id)


@require_POST
@staff_page
def import_merge_view(request: HttpRequest, actor: User, feed_import_id: str) -> HttpResponse:
    return _state_change(request, actor, feed_import_id, feed_import_merge_start)


@require_POST
@staff_page
def import_retry_view(request: HttpRequest, actor: User, feed_import_id: str) -> HttpResponse:
    return _state_change(request, actor, feed_import_id, feed_import_retry)


@require_POST
@staff_page
def import_discard_view(request: HttpRequest, actor: User, feed_import_id: str) -> HttpResponse:
    return _state_change(request, actor, feed_import_id, feed_import_discard)
