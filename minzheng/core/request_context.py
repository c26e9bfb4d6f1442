"""The client address of the request being served, for audit rows written deep in services.

Services take the actor explicitly; the IP address is transport detail they should not have to
thread through every call, so the middleware parks it in a context variable.
"""

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def set_client_ip(ip: str | None) -> object:
    return _client_ip.set(ip)


def reset_client_ip(token: object) -> None:
    _client_ip.reset(token)  # type: ignore[arg-type]


def client_ip() -> str | None:
    return _client_ip.get()
