from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("县级管理员")
    COUNTY_CASEWORKER = "county_caseworker", _("县级经办人")
    TOWNSHIP_WORKER = "township_worker", _("镇街工作人员")
    VILLAGE_WORKER = "village_worker", _("村社工作人员")
    HOTLINE_OPERATOR = "hotline_operator", _("热线话务员")
    SERVICE_PROVIDER = "service_provider", _("服务商")
    CHARITY_STAFF = "charity_staff", _("慈善组织人员")
    AUDITOR = "auditor", _("审计员(只读)")


class Capability(models.TextChoices):
    REGISTRY_VIEW = "registry.view", _("查看户籍与人员")
    REGISTRY_EDIT = "registry.edit", _("维护户籍与人员")
    IDENTIFIER_REVEAL = "identifier.reveal", _("查看完整证件号")
    AUDIT_VIEW = "audit.view", _("查阅审计日志")
    FEED_IMPORT = "feed.import", _("导入部门数据")
    LINK_REVIEW = "link.review", _("审核疑似匹配")
    CHECK_REPORT = "check.report", _("查看核对报告")
    ADDRESS_RESOLVE = "address.resolve", _("处理未匹配地址")


# Which role may do what. A role is granted a capability only inside the user's jurisdiction.
ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.COUNTY_ADMIN: frozenset(Capability),
    Role.COUNTY_CASEWORKER: frozenset(
        {
            Capability.REGISTRY_VIEW,
            Capability.REGISTRY_EDIT,
            Capability.IDENTIFIER_REVEAL,
            Capability.FEED_IMPORT,
            Capability.LINK_REVIEW,
            Capability.CHECK_REPORT,
            Capability.ADDRESS_RESOLVE,
        }
    ),
    # Feeds arrive county-wide, so importing them is county work; a township reviews the
    # uncertain pairs, reads the 核对报告 and resolves the addresses of its own 村社.
    Role.TOWNSHIP_WORKER: frozenset(
        {
            Capability.REGISTRY_VIEW,
            Capability.REGISTRY_EDIT,
            Capability.IDENTIFIER_REVEAL,
            Capability.LINK_REVIEW,
            Capability.CHECK_REPORT,
            Capability.ADDRESS_RESOLVE,
        }
    ),
    Role.VILLAGE_WORKER: frozenset({Capability.REGISTRY_VIEW}),
    Role.HOTLINE_OPERATOR: frozenset(),
    Role.SERVICE_PROVIDER: frozenset(),
    Role.CHARITY_STAFF: frozenset(),
    Role.AUDITOR: frozenset({Capability.AUDIT_VIEW}),
}
