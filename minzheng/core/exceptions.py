"""Errors raised by services and translated to one shape by the pages and the API."""

from collections.abc import Mapping

from django.utils.functional import Promise

from minzheng.core.enums import ErrorCode

Message = str | Promise


class FieldErrors(dict[str, Message]):
    """A refusal's message per field, read by templates as ``errors.<field>``.

    A template's ``errors.items`` looks up the key first and, when no field "items" is in
    error, falls back to the dict method: staff saw "dict_items([…])" in place of a message.
    A field not in error reads as "", so a lookup never reaches a method.
    """

    def __missing__(self, key: str) -> Message:
        return ""


class ApplicationError(Exception):
    """A refusal the user can act on: ``message`` is shown, ``fields`` name the bad inputs."""

    status = 400

    def __init__(
        self,
        message: Message,
        *,
        code: str = ErrorCode.VALIDATION,
        fields: Mapping[str, Message] | None = None,
        extra: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.fields = FieldErrors(fields or {})
        self.extra = dict(extra or {})


class NotFound(ApplicationError):
    """The record does not exist or lies outside the actor's jurisdiction; both look alike."""

    status = 404

    def __init__(self, message: Message | None = None) -> None:
        super().__init__(message or ErrorCode.NOT_FOUND.label, code=ErrorCode.NOT_FOUND)


class PermissionDenied(ApplicationError):
    status = 403

    def __init__(self, message: Message | None = None) -> None:
        super().__init__(
            message or ErrorCode.PERMISSION_DENIED.label, code=ErrorCode.PERMISSION_DENIED
        )
