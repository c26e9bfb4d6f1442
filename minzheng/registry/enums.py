from django.db import models
from django.utils.translation import gettext_lazy as _


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他证件")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")
    UNKNOWN = "unknown", _("未知")


class PersonStatus(models.TextChoices):
    ALIVE = "alive", _("在世")
    DECEASED = "deceased", _("已故")
    MOVED_OUT = "moved_out", _("已迁出")


class HouseholdStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    DISSOLVED = "dissolved", _("已注销")


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    GRANDCHILD = "grandchild", _("孙子女")
    GRANDPARENT = "grandparent", _("祖父母")
    SIBLING = "sibling", _("兄弟姐妹")
    CHILD_IN_LAW = "child_in_law", _("儿媳女婿")
    OTHER = "other", _("其他")


class SearchField(models.TextChoices):
    AUTO = "auto", _("自动识别")
    NAME = "name", _("姓名")
    INITIALS = "initials", _("拼音首字母")
    ID_NUMBER = "id_number", _("证件号")
    PHONE = "phone", _("电话")
    ADDRESS = "address", _("地址")


class RegistryErrorCode(models.TextChoices):
    DUPLICATE_ID_NUMBER = "duplicate_id_number", _("证件号已存在")
