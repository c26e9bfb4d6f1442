"""The request edge: what the server refuses before any view sees it (ADR 0023).

PostgreSQL cannot store a NUL character in text, so a NUL in a query parameter or form field
reaches the database as an error and the user as a 500. It is never meaningful input: refuse
it here, naming the field. A body that cannot be parsed (multipart without a boundary) is
refused the same way. Pages answer with the 400 page, the API with its JSON error shape.
"""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from minzheng.core.enums import ErrorCode

NUL = "\x00"
API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def nul_field(request: HttpRequest) -> str | None:
    """The name of the first query parameter, form field or JSON member holding a NUL."""
    sources: list[Iterator[tuple[str, str]]] = [_pairs(request.GET)]
    if request.method == "POST" and request.content_type != "application/json":
        sources.append(_pairs(request.POST))
    elif request.content_type == "application/json":
        sources.append(_json_pairs(request.body))
    for pairs in sources:
        for name, value in pairs:
            if NUL in name or NUL in value:
                return name.replace(NUL, "")
    return None


def _pairs(data: QueryDict) -> Iterator[tuple[str, str]]:
    for name, values in data.lists():
        for value in values:
            yield name, value if isinstance(value, str) else ""


def _json_pairs(body: bytes) -> Iterator[tuple[str, str]]:
    """Every (member name, text) of a JSON body; an unparseable body is the API's to refuse."""
    try:
        document = json.loads(body or b"null")
    except ValueError:
        return
    yield from _walk(document, "body")


def _walk(node: Any, name: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield name, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield str(key), ""
            yield from _walk(value, str(key))
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, name)


def nul_refusal(request: HttpRequest, field: str) -> HttpResponse:
    if is_api(request):
        # The API speaks Chinese only, as core.api_errors does.
        return edge_json_error(
            "请求内容有误，未保存。", fields={field: "含有不允许的空字符 (NUL)。"}
        )
    message = _("参数 %(field)s 含有不允许的空字符 (NUL)，请删除后重试。") % {"field": field}
    return render(request, "400.html", {"message": message}, status=400)


def unreadable_body_refusal(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        message = "请求体无法解析，请检查上传的文件或表单后重试。"
        return edge_json_error(message, fields={"body": message})
    message = _("请求体无法解析，请检查上传的文件或表单后重试。")
    return render(request, "400.html", {"message": message}, status=400)


def edge_json_error(
    detail: str,
    *,
    fields: Mapping[str, str] | None = None,
    code: str = ErrorCode.VALIDATION,
    status: int = 400,
) -> JsonResponse:
    """The API's error shape (core.api_errors) for refusals made before the API runs."""
    body = {"detail": detail, "code": str(code), "fields": dict(fields or {})}
    return JsonResponse(body, status=status)
