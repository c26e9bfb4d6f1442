"""Dated, region-scoped numbers a county admin adds to a shipped model (add-only, audited).

The 五型三色 model, the warning rules and the visit cadence ship defaults in code and let the
county admin add a value for one number, in one region, from a date. Values are only ever
added, so a past profile, warning or plan is explained by the model of its day. Each app
declares a ``SettingsSpec`` (its table, names, validation and how its model reads the values);
this module does the rest for all of them: the values in force on a day, the validated and
audited add, and the rows the settings page shows.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message, PermissionDenied
from minzheng.core.rule_values import ASSUMPTION_MARK, ShippedValues, is_assumption

if TYPE_CHECKING:
    from minzheng.accounts.models import User


class DatedSetting(models.Model):
    """One value of one number of a shipped model, in force in ``region`` from ``start``."""

    id = models.BigAutoField(primary_key=True)
    name = models.CharField(gettext_lazy("参数"), max_length=64)
    region = models.CharField(gettext_lazy("行政区划"), max_length=6)
    start = models.DateField(gettext_lazy("生效日期"))
    value = models.DecimalField(gettext_lazy("取值"), max_digits=12, decimal_places=2)
    reference = models.CharField(gettext_lazy("依据"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("录入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("录入时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["name", "region", "start"]  # noqa: RUF012 (Django reads it as a list)

    def __str__(self) -> str:
        return f"{self.name}@{self.region}:{self.start}"


class DatedWording(DatedSetting):
    """A dated value that is words, not a number: e.g. the body a notice names for 行政复议."""

    # The one field a wording changes; the stubs type a field by its first declaration.
    value = models.CharField(gettext_lazy("取值"), max_length=100)  # type: ignore[assignment]

    class Meta(DatedSetting.Meta):
        abstract = True


Number = Decimal | float
Value = Number | str


@dataclass(frozen=True)
class SettingsSpec[Setting: DatedSetting]:
    """What an app declares about one settable model.

    ``numbers(region, day)``: every number of the model in force in ``region`` on ``day``
    (``region`` None: the shipped values). ``valid(name, value)``: a message when ``value`` (a
    ``Decimal``, or the stripped text when ``words``) is wrong for ``name``. ``may_edit(user)``:
    whether the user may add values. ``label(name)``: what pages call the number (the name is
    a key, never the only label). ``shipped``: the release's own values with their start and
    reference (the app's ``rule_values.yaml``, ADR 0034). ``words``: the model is a
    ``DatedWording``.
    """

    model: type[Setting]
    names: Callable[[], Sequence[str]]
    label: Callable[[str], str]
    regions: Mapping[str, str]
    numbers: Callable[[str | None, dt.date], Mapping[str, Value]]
    # Any: a Decimal for a model of numbers, a str for one of words (``words``).
    valid: Callable[[str, Any], Message | None]
    may_edit: Callable[["User"], bool]
    audit_target: str
    shipped: ShippedValues
    words: bool = False


@dataclass(frozen=True)
class SettingRow:
    """One number of a model: its shipped value and the value in force per region."""

    name: str
    label: str
    shipped: Value
    in_force: Mapping[str, Value]  # region → value on the day
    reference: str  # what the shipped value rests on (the MODEL： mark is ``assumption``)
    assumption: bool  # no document gives it: the county admin confirms or replaces it


def values_in_force(
    model: type[DatedSetting], *, region: str, day: dt.date
) -> tuple[dict[str, Decimal], dt.date | None]:
    """The latest added value of each number on or before ``day``, and the latest start."""
    values: dict[str, Decimal] = {}
    latest: dt.date | None = None
    for name, value, start in (
        model._default_manager.filter(region=region, start__lte=day)
        .order_by("start", "id")
        .values_list("name", "value", "start")
    ):
        values[name] = value
        latest = start
    return values, latest


def setting_rows(spec: SettingsSpec[DatedSetting], *, day: dt.date) -> list[SettingRow]:
    """Every number of the model: the shipped value and the one in force per region."""
    shipped = spec.numbers(None, day)
    in_force = {region: spec.numbers(region, day) for region in spec.regions}
    rows = []
    for name in spec.names():
        reference = spec.shipped.reference(name)
        rows.append(
            SettingRow(
                name,
                spec.label(name),
                shipped[name],
                {region: numbers[name] for region, numbers in in_force.items()},
                reference.removeprefix(f"{ASSUMPTION_MARK}："),
                is_assumption(reference),
            )
        )
    return rows


def settings_added[Setting: DatedSetting](spec: SettingsSpec[Setting]) -> list[Setting]:
    """Every value the admins added, newest first."""
    return list(spec.model._default_manager.select_related("created_by").order_by("-start", "-id"))


@transaction.atomic
def setting_add[Setting: DatedSetting](
    spec: SettingsSpec[Setting],
    *,
    actor: "User",
    name: str,
    region: str,
    start: dt.date,
    value: str,
    reference: str,
) -> Setting:
    """Validate and add one dated value of ``spec``'s model.

    Raises:
        PermissionDenied: the actor may not edit this model.
        ApplicationError: an unknown name or region, a bad value, no reference (nothing is
            written), or a value already added for that name, region and date (CONFLICT).
    """
    if not spec.may_edit(actor):
        raise PermissionDenied
    errors: dict[str, Message] = {}
    if name not in spec.names():
        errors["name"] = _("没有这个参数。")
    if region not in spec.regions:
        errors["region"] = _("没有这个行政区划。")
    number: Decimal | str
    if spec.words:
        number = value.strip()
        problem = spec.valid(name, number) if number else _("请填写取值。")
    else:
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = Decimal("NaN")
        problem = spec.valid(name, number) if number.is_finite() else _("取值应为数字。")
    if problem:
        errors["value"] = problem
    if not reference.strip():
        errors["reference"] = _("请填写依据。")
    if errors:
        raise ApplicationError(_("参数取值未保存。"), fields=errors)
    try:
        with transaction.atomic():
            setting = spec.model._default_manager.create(
                name=name,
                region=region,
                start=start,
                value=number,
                reference=reference.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise ApplicationError(
            _("该参数在该日期已有取值；历史取值不能改写，请从另一个生效日期开始。"),
            code=ErrorCode.CONFLICT,
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type=spec.audit_target,
        target_id=setting.pk,
        changes={"name": name, "region": region, "start": start.isoformat(), "value": str(number)},
    )
    return setting
