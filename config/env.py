"""The only reader of ``os.environ``.

Every setting that depends on the environment goes through one of these helpers, so a missing
or malformed value fails at start-up with a message naming the variable. A helper called
without a default makes the variable required.
"""

import os
from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _required(name: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Environment variable {name} is required but not set.")


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is None:
        raise _required(name)
    return default


def env_bool(name: str, default: bool | None = None) -> bool:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise _required(name)
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be a boolean, got {value!r}.")


def env_int(name: str, default: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise _required(name)
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name} must be an integer, got {value!r}."
        ) from None


def env_list(name: str, default: Sequence[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise _required(name)
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
