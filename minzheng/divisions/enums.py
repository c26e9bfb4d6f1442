from django.db import models
from django.utils.translation import gettext_lazy as _


class DivisionLevel(models.IntegerChoices):
    """The value is how many leading digits of the 12-digit code the level fixes."""

    PROVINCE = 2, _("省")
    CITY = 4, _("市")
    COUNTY = 6, _("县(市、区)")
    TOWNSHIP = 9, _("镇(街道)")
    VILLAGE = 12, _("村(社区)")
