"""Throttling the public verification page, per client address, in the cache."""

from django.core.cache import cache

from minzheng.core.request_context import client_ip

VERIFICATIONS_PER_WINDOW = 30
VERIFICATION_WINDOW_SECONDS = 600


def statement_verification_allowed() -> bool:
    """Count this request against the client's address; False past the window's limit.

    The page answers anyone without a login, so tokens cannot be tried in bulk from one address.
    """
    key = f"statements:verify:{client_ip() or 'unknown'}"
    cache.add(key, 0, VERIFICATION_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, VERIFICATION_WINDOW_SECONDS)
        count = 1
    return count <= VERIFICATIONS_PER_WINDOW
