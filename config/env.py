"""The only reader of ``os.environ``.

Every setting that depends on the environment goes through one of these helpers so that a
missing or malformed value fails at start-up with a message naming the variable.
"""

import os
from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, default: object) -> str | None:
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is _MISSING:
        raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
    return None


def env_str(name: str, default: str | object = _MISSING) -> str:
    value = _raw(name, default)
    return value if value is not None else str(default)


def env_bool(name: str, default: bool | object = _MISSING) -> bool:
    value = _raw(name, default)
    if value is None:
        return bool(default)
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be a boolean, got {value!r}.")


def env_int(name: str, default: int | object = _MISSING) -> int:
    value = _raw(name, default)
    if value is None:
        return int(default)  # type: ignore[call-overload]
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name} must be an integer, got {value!r}."
        ) from None


def env_list(name: str, default: Sequence[str] | object = _MISSING) -> list[str]:
    value = _raw(name, default)
    if value is None:
        return list(default)  # type: ignore[call-overload]
    return [item.strip() for item in value.split(",") if item.strip()]
