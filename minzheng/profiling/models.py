from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.dated_settings import DatedSetting


class HouseholdProfile(models.Model):
    """A household's current 五型三色 profile; households in no difficulty have none.

    Types and reasons are bit sets in ``classify.TYPES`` / ``classify.INDICATORS`` order, the
    form the bulk computation produces; ``selectors`` turn them into labels.
    """

    id = models.BigAutoField(primary_key=True)
    household = models.OneToOneField(
        "registry.Household", verbose_name=_("户"), on_delete=models.CASCADE, related_name="+"
    )
    division_code = models.BigIntegerField(_("村(社区)代码"), db_index=True)
    types = models.SmallIntegerField(_("类型"))
    primary = models.SmallIntegerField(_("主要类型"))
    colour = models.SmallIntegerField(_("风险颜色"), db_index=True)
    score = models.SmallIntegerField(_("风险分"))
    reasons = models.IntegerField(_("画像依据"))
    model_version = models.CharField(_("模型版本"), max_length=16)
    computed_on = models.DateField(_("画像日期"))

    class Meta:
        verbose_name = _("家庭画像")
        verbose_name_plural = _("家庭画像")

    def __str__(self) -> str:
        return f"{self.household_id}"


class ProfileChange(models.Model):
    """One change of a household's types or colour: the timeline its page shows."""

    id = models.BigAutoField(primary_key=True)
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.CASCADE, related_name="+"
    )
    division_code = models.BigIntegerField(_("村(社区)代码"))
    changed_on = models.DateField(_("变化日期"))
    types_before = models.SmallIntegerField(_("原类型"))
    types_after = models.SmallIntegerField(_("新类型"))
    colour_before = models.SmallIntegerField(_("原颜色"))  # -1: no profile before
    colour_after = models.SmallIntegerField(_("新颜色"))  # -1: no longer in difficulty
    score_after = models.SmallIntegerField(_("新风险分"))
    reasons_after = models.IntegerField(_("新画像依据"))
    model_version = models.CharField(_("模型版本"), max_length=16)

    class Meta:
        verbose_name = _("画像变化")
        verbose_name_plural = _("画像变化")
        indexes = [models.Index(fields=["household", "changed_on"], name="profile_change_idx")]

    def __str__(self) -> str:
        return f"{self.household_id}:{self.changed_on}"


class ProfileSetting(DatedSetting):
    """A dated, region-scoped value of the 五型三色 model the county admin added.

    It overrides the shipped ``rule_values.yaml`` from ``start`` in ``region``; values are
    only added, never changed, so a past profile can be explained by the model of its day.
    """

    class Meta(DatedSetting.Meta):
        verbose_name = _("画像模型参数")
        verbose_name_plural = _("画像模型参数")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="profile_setting_one_per_date"
            ),
        ]


class ProfileTally(models.Model):
    """Households per 村社, primary type and colour, written with each profile run.

    The dashboard reads these few thousand rows, never the profiles themselves.
    """

    id = models.BigAutoField(primary_key=True)
    division_code = models.BigIntegerField(_("村(社区)代码"))
    primary = models.SmallIntegerField(_("主要类型"))
    colour = models.SmallIntegerField(_("风险颜色"))
    households = models.PositiveIntegerField(_("户数"))
    computed_on = models.DateField(_("画像日期"))

    class Meta:
        verbose_name = _("画像统计")
        verbose_name_plural = _("画像统计")
        indexes = [models.Index(fields=["division_code"], name="profile_tally_division_idx")]

    def __str__(self) -> str:
        return f"{self.division_code}:{self.primary}:{self.colour}"
