"""Record ids are ``uuid.UUID``. A URL's ``<uuid:…>`` converter hands them over typed; the text
a form, the API or a task carries is parsed once, here."""

import uuid

from minzheng.core.exceptions import NotFound

# What an access check takes: a typed id, or the text of one from a request.
RecordId = uuid.UUID | str


def record_id(value: object) -> uuid.UUID:
    """``value`` as a UUID; NotFound when it is not one, as for an id that matches nothing."""
    parsed = record_id_or_none(value)
    if parsed is None:
        raise NotFound
    return parsed


def record_id_or_none(value: object) -> uuid.UUID | None:
    """``value`` as a UUID, or None when it is not one (a field left empty or mistyped)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
