"""What the audit log calls each target: its kind, each record's human name, each field's label.

Core sits below every app, so it cannot name an application or a parameter itself. Each app
registers its target types in its ``AppConfig.ready`` (as ``profiling.signals`` does for
household facts): the model the target ids point to and how a record is named (申请编号, 户号).
The audit page and its export then read "救助申请 SQ20261120-0042" instead of
"cases.application 4ff2a321-…", and each change as "状态：办理中 → 已批准".

ADR 0002 keeps ``changes`` as ``field: [before, after]`` for writes and plain values for reads;
both are shown. Identity numbers are never shown (``HIDDEN``), as on the household history.
"""

import datetime as dt
import re
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Label = str | Promise

# Keys that many targets write, named once.
COMMON_LABELS: Mapping[str, Label] = {
    "results": gettext_lazy("结果数"),
    "rows": gettext_lazy("行数"),
    "lines": gettext_lazy("笔数"),
    "page": gettext_lazy("页码"),
    "format": gettext_lazy("格式"),
    "status": gettext_lazy("状态"),
    "step": gettext_lazy("环节"),
    "reason": gettext_lazy("原因"),
    "household": gettext_lazy("户"),
    "id_number": gettext_lazy("证件号"),
    "name": gettext_lazy("姓名"),
    "phone": gettext_lazy("手机号"),
}
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Values that identify a person: the log says that they changed, never what they are.
HIDDEN = frozenset({"id_number", "account_number", "number_hash"})


@dataclass(frozen=True)
class AuditTarget:
    label: Label
    model: type[Model] | None = None
    # A record's human name, from the row of ``model`` fetched with ``related`` joined (Any:
    # each registration names its own model's row).
    name: Callable[[Any], str] | None = None
    related: tuple[str, ...] = ()
    # Or names for many ids at once, from the owning app's selector (a household's 户号).
    names: Callable[[list[uuid.UUID]], Mapping[uuid.UUID, str]] | None = None
    labels: Mapping[str, Label] = field(default_factory=dict)
    choices: Mapping[str, Iterable[tuple[str, Label]]] = field(default_factory=dict)
    # Change keys whose value is the id of another target type ("household" → its 户号).
    references: Mapping[str, str] = field(default_factory=dict)


_targets: dict[str, AuditTarget] = {}


def audit_target_register(target_type: str, target: AuditTarget) -> None:
    """Say how the log names ``target_type``; the last registration of a type wins."""
    _targets[target_type] = target


def audit_target(target_type: str) -> AuditTarget | None:
    return _targets.get(target_type)


def _uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def target_names(target_type: str, ids: Collection[str]) -> dict[str, str]:
    """Target id → human name for the records of one type that still exist; one query."""
    target = _targets.get(target_type)
    if target is None:
        return {}
    if target.names is not None:
        uuids = [key for key in (_uuid(raw) for raw in ids) if key is not None]
        return {str(key): name for key, name in target.names(uuids).items()} if uuids else {}
    if target.model is None or target.name is None:
        return {}
    primary_key = target.model._meta.pk
    keys = []
    for raw in ids:
        try:
            keys.append(primary_key.to_python(raw) if primary_key is not None else raw)
        except ValidationError:
            continue
    if not keys:
        return {}
    rows = target.model._default_manager.filter(pk__in=keys)
    if target.related:
        rows = rows.select_related(*target.related)
    return {str(row.pk): target.name(row) for row in rows}


def field_label(target: AuditTarget | None, key: str) -> str:
    """The field's label: registered, else the model's verbose name, else a common one."""
    if target is not None:
        if key in target.labels:
            return str(target.labels[key])
        if target.model is not None:
            try:
                verbose_name = getattr(target.model._meta.get_field(key), "verbose_name", None)
            except FieldDoesNotExist:
                verbose_name = None
            if verbose_name:
                return str(verbose_name)
    return str(COMMON_LABELS.get(key, key))


def _choice_labels(target: AuditTarget | None, key: str) -> dict[str, str]:
    if target is None:
        return {}
    if key in target.choices:
        return {str(value): str(label) for value, label in target.choices[key]}
    if target.model is not None:
        try:
            model_field = target.model._meta.get_field(key)
        except FieldDoesNotExist:
            return {}
        return {
            str(value): str(label) for value, label in getattr(model_field, "choices", None) or ()
        }
    return {}


def value_text(target: AuditTarget | None, key: str, value: object) -> str:
    """A value as a reader sees it: a choice by its label, nothing as ∅."""
    if value is None or value == "" or value == []:
        return "∅"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    labels = _choice_labels(target, key)
    if isinstance(value, list):
        return "、".join(labels.get(str(item), str(item)) for item in value)
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        # Services record moments as ISO UTC (``core.clock.iso_utc``): shown in local time.
        moment = dt.datetime.fromisoformat(value)
        return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment.tzinfo else value
    return labels.get(str(value), str(value))


@dataclass(frozen=True)
class ChangeLine:
    label: str
    text: str  # "办理中 → 已批准", or the single value of a read's filter

    def __str__(self) -> str:
        return f"{self.label}：{self.text}"


def referenced_ids(target_type: str, changes: Mapping[str, object]) -> dict[str, str]:
    """Target type → id for the values of ``changes`` that point at other targets."""
    target = _targets.get(target_type)
    if target is None:
        return {}
    return {
        kind: str(changes[key])
        for key, kind in target.references.items()
        if isinstance(changes.get(key), str)
    }


def change_lines(
    target_type: str,
    changes: Mapping[str, object],
    *,
    is_update: bool,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[ChangeLine]:
    """The ``changes`` of one event in words, in the order they were recorded.

    Only an update's two-item lists are before and after (ADR 0002); a create's or a read's
    list is a list of values. ``names`` (target type → id → name) names referenced records.
    """
    target = _targets.get(target_type)
    references = target.references if target is not None else {}
    lines = []
    for key, value in changes.items():
        label = field_label(target, key)
        if key in HIDDEN:
            lines.append(ChangeLine(label, _("(已变更)")))
        elif key in references and str(value) in (names or {}).get(references[key], {}):
            lines.append(ChangeLine(label, (names or {})[references[key]][str(value)]))
        elif is_update and isinstance(value, list) and len(value) == 2:
            before, after = (value_text(target, key, one) for one in value)
            lines.append(ChangeLine(label, f"{before} → {after}"))
        else:
            lines.append(ChangeLine(label, value_text(target, key, value)))
    return lines
