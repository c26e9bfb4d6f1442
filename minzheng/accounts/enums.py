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
    # The bureau's own account for work nobody starts by hand (ADR 0033); never a person.
    SYSTEM = "system", _("系统")


class Capability(models.TextChoices):
    REGISTRY_VIEW = "registry.view", _("查看户籍与人员")
    REGISTRY_EDIT = "registry.edit", _("维护户籍与人员")
    IDENTIFIER_REVEAL = "identifier.reveal", _("查看完整证件号")
    AUDIT_VIEW = "audit.view", _("查阅审计日志")
    FEED_IMPORT = "feed.import", _("导入部门数据")
    LINK_REVIEW = "link.review", _("审核疑似匹配")
    CHECK_REPORT = "check.report", _("查看核对报告")
    ADDRESS_RESOLVE = "address.resolve", _("处理未匹配地址")
    PARAMETER_EDIT = "eligibility.parameter_edit", _("维护救助政策参数")
    POLICY_SIMULATE = "eligibility.simulate", _("政策测算")
    CALENDAR_EDIT = "calendar.edit", _("维护工作日历")
    APPLICATION_INTAKE = "application.intake", _("受理救助申请")
    APPLICATION_INVESTIGATE = "application.investigate", _("入户调查")
    APPLICATION_REVIEW = "application.review", _("镇街审核")
    APPLICATION_APPROVE = "application.approve", _("县级审批")
    PAYMENT_MANAGE = "payment.manage", _("管理救助发放")
    # The third signature on a payment batch: the bureau's 分管领导 or finance head.
    PAYMENT_APPROVE = "payment.approve", _("审批救助发放")
    STATEMENT_VIEW = "statement.view", _("查看幸福清单")
    PROFILE_VIEW = "profile.view", _("查看家庭画像")
    WARNING_HANDLE = "warning.handle", _("处置预警")
    VISIT_RECORD = "visit.record", _("探访记录")
    WISH_VIEW = "wish.view", _("查看微心愿")
    WISH_CLAIM = "wish.claim", _("认领微心愿")
    # Reading applications and payments without acting on any of them: the auditor's view of
    # the cases it audits (ADR 0031). Every write checks a stronger capability.
    CASE_READ = "case.read", _("查阅救助申请与资金发放(只读)")
    # Held by the system actor alone: ending every publicity whose 7 days are over.
    PUBLICITY_CLOSE = "publicity.close", _("公示期满结束公示")


# Rights only the system actor holds; no person's role includes them.
SYSTEM_ONLY: frozenset[Capability] = frozenset({Capability.PUBLICITY_CLOSE})


# Which role may do what. A role is granted a capability only inside the user's jurisdiction.
ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.COUNTY_ADMIN: frozenset(Capability) - SYSTEM_ONLY,
    Role.COUNTY_CASEWORKER: frozenset(
        {
            Capability.REGISTRY_VIEW,
            Capability.REGISTRY_EDIT,
            Capability.IDENTIFIER_REVEAL,
            Capability.FEED_IMPORT,
            Capability.LINK_REVIEW,
            Capability.CHECK_REPORT,
            Capability.ADDRESS_RESOLVE,
            Capability.POLICY_SIMULATE,
            Capability.APPLICATION_INTAKE,
            Capability.APPLICATION_APPROVE,
            Capability.PAYMENT_MANAGE,
            Capability.STATEMENT_VIEW,
            Capability.PROFILE_VIEW,
            Capability.WARNING_HANDLE,
            Capability.VISIT_RECORD,
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
            Capability.APPLICATION_INTAKE,
            Capability.APPLICATION_INVESTIGATE,
            Capability.APPLICATION_REVIEW,
            Capability.STATEMENT_VIEW,
            Capability.PROFILE_VIEW,
            Capability.WARNING_HANDLE,
            Capability.VISIT_RECORD,
        }
    ),
    # The 村社 worker takes applications on a family's behalf, confirms the 核对 values and
    # does the 入户调查, so it reads the 核对报告 of its own 村社 (ADR 0031).
    Role.VILLAGE_WORKER: frozenset(
        {
            Capability.REGISTRY_VIEW,
            Capability.CHECK_REPORT,
            Capability.APPLICATION_INTAKE,
            Capability.APPLICATION_INVESTIGATE,
            Capability.STATEMENT_VIEW,
            Capability.PROFILE_VIEW,
            Capability.WARNING_HANDLE,
            Capability.VISIT_RECORD,
        }
    ),
    Role.HOTLINE_OPERATOR: frozenset(),
    Role.SERVICE_PROVIDER: frozenset(),
    # Charity staff see 微心愿 without the family's identity and claim them, nothing else.
    Role.CHARITY_STAFF: frozenset({Capability.WISH_VIEW, Capability.WISH_CLAIM}),
    Role.AUDITOR: frozenset({Capability.AUDIT_VIEW, Capability.CASE_READ}),
    # The system imports the files departments leave in the inbox (and the 在册 roll) and
    # ends due publicities; every other nightly step records it as the actor but needs no right.
    Role.SYSTEM: frozenset({Capability.FEED_IMPORT, Capability.PUBLICITY_CLOSE}),
}


class ApiScope(models.TextChoices):
    """What an API token may be used for (ADR 0027). A token also never exceeds its user: every
    endpoint still checks the user's capabilities and jurisdiction, exactly as the pages do."""

    REGISTRY_READ = "registry:read", _("读取户籍")
    REGISTRY_WRITE = "registry:write", _("维护户籍(含查看完整证件号)")
    CASES_READ = "cases:read", _("读取救助申请与审批决定")
    CHECKS_WRITE = "checks:write", _("生成银行核对请求文件")
    PAYMENTS_READ = "payments:read", _("读取发放批次与明细")
    PAYMENTS_WRITE = "payments:write", _("上传银行回盘文件对账")
    FEEDS_READ = "feeds:read", _("读取部门数据导入")
    FEEDS_WRITE = "feeds:write", _("上传部门数据(含银行答复)")
    REVIEWS_READ = "reviews:read", _("读取疑似匹配")
    REVIEWS_WRITE = "reviews:write", _("审核疑似匹配")
    PROFILES_READ = "profiles:read", _("读取家庭画像")
    WARNINGS_READ = "warnings:read", _("读取预警")
    VISITS_READ = "visits:read", _("读取探访计划")
    AUDIT_READ = "audit:read", _("读取审计日志")


READ_SCOPES = frozenset(scope for scope in ApiScope if scope.value.endswith(":read"))

# The capabilities a scope is of use with: a token is issued a scope only if its user holds at
# least one of them, so that a scope can never promise more than the user may do.
SCOPE_CAPABILITIES: dict[ApiScope, frozenset[Capability]] = {
    ApiScope.REGISTRY_READ: frozenset({Capability.REGISTRY_VIEW}),
    ApiScope.REGISTRY_WRITE: frozenset({Capability.REGISTRY_EDIT, Capability.IDENTIFIER_REVEAL}),
    ApiScope.CASES_READ: frozenset(
        {
            Capability.APPLICATION_INTAKE,
            Capability.APPLICATION_INVESTIGATE,
            Capability.APPLICATION_REVIEW,
            Capability.APPLICATION_APPROVE,
            Capability.PAYMENT_MANAGE,
        }
    ),
    ApiScope.CHECKS_WRITE: frozenset({Capability.FEED_IMPORT}),
    ApiScope.PAYMENTS_READ: frozenset({Capability.PAYMENT_MANAGE}),
    ApiScope.PAYMENTS_WRITE: frozenset({Capability.PAYMENT_MANAGE}),
    ApiScope.FEEDS_READ: frozenset({Capability.FEED_IMPORT}),
    ApiScope.FEEDS_WRITE: frozenset({Capability.FEED_IMPORT}),
    ApiScope.REVIEWS_READ: frozenset({Capability.LINK_REVIEW}),
    ApiScope.REVIEWS_WRITE: frozenset({Capability.LINK_REVIEW}),
    ApiScope.PROFILES_READ: frozenset({Capability.PROFILE_VIEW}),
    ApiScope.WARNINGS_READ: frozenset({Capability.WARNING_HANDLE}),
    ApiScope.VISITS_READ: frozenset({Capability.VISIT_RECORD}),
    ApiScope.AUDIT_READ: frozenset({Capability.AUDIT_VIEW}),
}
