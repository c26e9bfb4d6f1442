"""The API's single error shape: ``{"detail", "code", "fields"}``, messages in Chinese."""

from collections.abc import Iterable, Mapping
from typing import Any

from minzheng.core.enums import ErrorCode
from minzheng.core.exceptions import ApplicationError

# What the framework's own refusals mean to the person calling the API.
_HTTP_ERRORS = {
    400: ("请求体无法解析，请提交有效的 JSON。", ErrorCode.VALIDATION),
    401: ("请先登录或提供有效的接口令牌。", ErrorCode.UNAUTHENTICATED),
    403: ("无权进行此操作(或 CSRF 校验失败)。", ErrorCode.PERMISSION_DENIED),
    404: (str(ErrorCode.NOT_FOUND.label), ErrorCode.NOT_FOUND),
}

# pydantic error types and what to tell the user about the field.
_PYDANTIC_MESSAGES = {
    "missing": "必填项未提供。",
    "string_type": "应为文本。",
    "string_too_long": "内容过长。",
    "string_too_short": "内容过短。",
    "int_parsing": "应为整数。",
    "int_type": "应为整数。",
    "uuid_parsing": "编号格式不正确。",
    "uuid_type": "编号格式不正确。",
    "enum": "取值不在允许范围内。",
    "literal_error": "取值不在允许范围内。",
    "json_invalid": "请求体不是有效的 JSON。",
    "model_attributes_type": "请求体格式不正确。",
    "dict_type": "请求体格式不正确。",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_parsing": "日期格式应为 YYYY-MM-DD。",
    "extra_forbidden": "不支持此字段。",
    "greater_than_equal": "取值超出允许范围。",
    "less_than_equal": "取值超出允许范围。",
}


def error_body(exc: ApplicationError) -> dict[str, Any]:
    return {
        "detail": str(exc.message),
        "code": str(exc.code),
        "fields": {name: str(message) for name, message in exc.fields.items()},
    }


def http_error_body(status: int) -> dict[str, Any]:
    detail, code = _HTTP_ERRORS.get(status, ("请求未能处理。", ErrorCode.VALIDATION))
    return {"detail": detail, "code": str(code), "fields": {}}


def server_error_body() -> dict[str, Any]:
    return {
        "detail": "服务器内部错误，请稍后重试；问题已记录。",
        "code": str(ErrorCode.SERVER_ERROR),
        "fields": {},
    }


def validation_fields(errors: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Map pydantic errors to ``{field: Chinese message}``, naming the innermost field."""
    fields: dict[str, str] = {}
    for error in errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in {"body", "payload", "query", "path"}
        ]
        name = location[-1] if location else "body"
        fields.setdefault(name, _PYDANTIC_MESSAGES.get(str(error.get("type")), "输入有误。"))
    return fields
