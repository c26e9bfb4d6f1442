from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    MONTHLY_CASH = "monthly_cash", _("按月发放")
    STATUS = "status", _("身份认定")
    ONE_OFF = "one_off", _("一次性发放")
    REFERRAL = "referral", _("转介")
    FEE_WAIVER = "fee_waiver", _("费用减免")


class OwningDepartment(models.TextChoices):
    CIVIL_AFFAIRS = "civil_affairs", _("民政")
    MEDICAL_INSURANCE = "medical_insurance", _("医保")
    EDUCATION = "education", _("教育")
    HOUSING = "housing", _("住建")
    ELECTRICITY = "electricity", _("电力")
    BROADCASTING = "broadcasting", _("广电")


class Channel(models.TextChoices):
    WINDOW = "window", _("窗口")
    ONLINE = "online", _("网上")
    VILLAGE_PROXY = "village_proxy", _("村社代办")
    # Decided before minzheng, under the provincial system, and brought in with its roll.
    MIGRATED = "migrated", _("在册迁移")


class ApplicationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("办理中")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("不予批准")


class StepKind(models.TextChoices):
    """The steps of an application, in workflow order."""

    INTAKE = "intake", _("受理")
    CHECK = "check", _("核对")
    PROPOSAL = "proposal", _("规则预审")
    INVESTIGATION = "investigation", _("入户调查")
    TOWNSHIP_REVIEW = "township_review", _("镇街审核")
    PUBLICITY = "publicity", _("公示")
    COUNTY_APPROVAL = "county_approval", _("县级审批")
    DECISION_NOTICE = "decision_notice", _("决定通知")


class StepOutcome(models.TextChoices):
    DONE = "done", _("完成")
    RETURNED = "returned", _("退回")
    APPROVED = "approved", _("批准")
    REFUSED = "refused", _("不予批准")


class ReviewDecision(models.TextChoices):
    """What the 镇街审核 may decide."""

    APPROVE = "approve", _("同意，进入公示")
    RETURN_CHECK = "return_check", _("退回核对")
    RETURN_INVESTIGATION = "return_investigation", _("退回入户调查")


class ProposalSource(models.TextChoices):
    RULES = "rules", _("规则预审")
    LINKED = "linked", _("随低保、特困、低边身份自动提出")
    WORKER = "worker", _("经办人提出")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class ObjectionOutcome(models.TextChoices):
    """What an upheld objection does to the application."""

    RETURN_CHECK = "return_check", _("退回核对")
    REFUSE = "refuse", _("不予批准")


class ScheduleStatus(models.TextChoices):
    ACTIVE = "active", _("发放中")
    STOPPED = "stopped", _("已停发")


class CasesErrorCode(models.TextChoices):
    """Codes beside the core ones (``conflict``, ``validation_error``) for this app's refusals."""

    OBJECTION_OPEN = "objection_open", _("有未处理的异议")
    RATE_LIMITED = "rate_limited", _("提交过于频繁")
    SEPARATION_OF_DUTIES = "separation_of_duties", _("职责分离")


class ReviewTrigger(models.TextChoices):
    """Why a running benefit is judged again (动态管理)."""

    PERIODIC = "periodic", _("定期复核")
    DEATH = "death", _("家庭成员死亡")
    COMPOSITION = "composition", _("家庭成员变动")
    INCOME = "income", _("收入变化")
    ASSETS = "assets", _("财产或支出变化")


class ReviewKind(models.TextChoices):
    CONTINUE = "continue", _("维持")
    INCREASE = "increase", _("增发")
    DECREASE = "decrease", _("减发")
    STOP = "stop", _("停发")
    GRACE_EXIT = "grace_exit", _("渐退")


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")


class CaseloadFinding(models.TextChoices):
    """Why a migrated benefit is put to a worker (复核), beside what the rules say."""

    AMOUNT_DIFFERS = "amount_differs", _("在册金额与规则测算不一致")
    INELIGIBLE = "ineligible", _("规则判定不符合条件")
    NOT_JUDGED = "not_judged", _("规则无法判定")
    # A later roll says another amount than the schedule migrated from the first one pays.
    ROLL_CHANGED = "roll_changed", _("名册金额与发放计划不一致")


class CaseloadReviewStatus(models.TextChoices):
    PENDING = "pending", _("待复核")
    KEPT = "kept", _("维持现状")
    REVIEWING = "reviewing", _("已转动态管理")
