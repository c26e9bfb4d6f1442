from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User

# Module links, each shown only to users whose role grants the capability it needs (or one
# of several).
MODULES: tuple[tuple[str, object, Capability | tuple[Capability, ...]], ...] = (
    ("registry:household_search", _("户籍查询"), Capability.REGISTRY_VIEW),
    ("registry:person_import", _("批量登记"), Capability.REGISTRY_EDIT),
    ("integration:import_list", _("数据导入"), Capability.FEED_IMPORT),
    ("integration:review_queue", _("疑似匹配审核"), Capability.LINK_REVIEW),
    ("addresses:worklist", _("未匹配地址"), Capability.ADDRESS_RESOLVE),
    ("dashboard:index", _("数据看板"), Capability.PROFILE_VIEW),
    (
        "cases:application_list",
        _("救助申请"),
        (Capability.APPLICATION_INTAKE, Capability.CASE_READ),
    ),
    ("monitoring:warning_list", _("预警"), Capability.WARNING_HANDLE),
    ("monitoring:discovery", _("主动发现"), Capability.WARNING_HANDLE),
    ("visits:due_list", _("探访"), Capability.VISIT_RECORD),
    ("visits:wish_list", _("微心愿"), (Capability.WISH_VIEW, Capability.VISIT_RECORD)),
    ("cases:review_list", _("动态管理"), Capability.APPLICATION_APPROVE),
    ("payments:batch_list", _("资金发放"), (Capability.PAYMENT_MANAGE, Capability.CASE_READ)),
    (
        "cases:caseload_worklist",
        _("在册复核"),
        (Capability.APPLICATION_REVIEW, Capability.APPLICATION_APPROVE),
    ),
    ("eligibility:whatif_start", _("政策测算"), Capability.POLICY_SIMULATE),
    ("eligibility:parameter_list", _("政策参数"), Capability.PARAMETER_EDIT),
    ("cases:catalogue", _("救助事项"), Capability.PARAMETER_EDIT),
    ("cases:duty_rules", _("职责分离"), Capability.PARAMETER_EDIT),
    ("cases:remedies", _("救济途径"), Capability.PARAMETER_EDIT),
    ("profiling:model", _("画像模型"), Capability.PARAMETER_EDIT),
    ("monitoring:rules", _("预警规则"), Capability.PARAMETER_EDIT),
    ("visits:cadence", _("探访频次"), Capability.PARAMETER_EDIT),
    ("payments:settings", _("发放规则"), Capability.PARAMETER_EDIT),
    ("workdays:calendar_current_year", _("工作日历"), Capability.CALENDAR_EDIT),
    ("workbench:audit_list", _("审计日志"), Capability.AUDIT_VIEW),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"nav_modules": []}
    path = request.path
    modules = []
    for url_name, label, capability in MODULES:
        needed = capability if isinstance(capability, tuple) else (capability,)
        if any(user.has_capability(one) for one in needed):
            url = reverse(url_name)
            modules.append({"url": url, "label": label, "active": path.startswith(url)})
    return {"nav_modules": modules}
