"""The dashboard's own aggregates of 预警 and 探访, rewritten by each refresh.

The dashboard never scans the registry, warnings or visits when a page is drawn: the refresh
(``services.loop_tallies_refresh``, hourly) writes one ``LoopTally`` per 村社 and a histogram of
lead days per 村社, and the page sums these few thousand rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoopTally(models.Model):
    """预警 and 探访 figures of one 村社, as of ``computed_on``.

    Warnings:

    - ``warnings_open``: open warnings; ``warnings_overdue``: those of them whose (current) due
      date is before ``computed_on``.
    - ``closed_*``: warnings closed in the ``CLOSED_PERIOD_DAYS`` days ending ``computed_on``,
      one column per ``monitoring.enums.Outcome``; ``warnings_closed`` is their total.
    - ``closed_on_time``: of those, the warnings closed (local calendar day) on or before their
      first due date (``first_due_on``, before any escalation moved it): the loop's on-time
      measure, as ``monitoring.loop`` defines it.

    Visit completion (探访按期):

    - ``visit_plans``: households with a visit plan (every profiled household has one).
    - ``visits_overdue``: plans whose last on-time day (``VisitPlan.due_on``) is before
      ``computed_on``: the household was not visited within its colour's interval.
    - ``visits_recent``: visits recorded in the ``VISIT_PERIOD_DAYS`` days ending
      ``computed_on``.

    The completion share shown is (visit_plans − visits_overdue) / visit_plans: the share of
    planned households whose visits are up to date.
    """

    id = models.BigAutoField(primary_key=True)
    division_code = models.BigIntegerField(_("村(社区)代码"))
    warnings_open = models.PositiveIntegerField(_("待处置预警"), default=0)
    warnings_overdue = models.PositiveIntegerField(_("逾期预警"), default=0)
    warnings_closed = models.PositiveIntegerField(_("已办结预警"), default=0)
    closed_not_in_difficulty = models.PositiveIntegerField(_("核实不困难"), default=0)
    closed_assisted = models.PositiveIntegerField(_("纳入救助"), default=0)
    closed_referred = models.PositiveIntegerField(_("转介"), default=0)
    closed_charity = models.PositiveIntegerField(_("慈善链接"), default=0)
    closed_benefit_review = models.PositiveIntegerField(_("停发/减员"), default=0)
    closed_on_time = models.PositiveIntegerField(_("按期办结"), default=0)
    visit_plans = models.PositiveIntegerField(_("探访计划户数"), default=0)
    visits_overdue = models.PositiveIntegerField(_("逾期未探访"), default=0)
    visits_recent = models.PositiveIntegerField(_("近期探访次数"), default=0)
    computed_on = models.DateField(_("统计日期"))
    computed_at = models.DateTimeField(_("统计时间"))

    class Meta:
        verbose_name = _("预警探访统计")
        verbose_name_plural = _("预警探访统计")
        indexes = [models.Index(fields=["division_code"], name="loop_tally_division_idx")]

    def __str__(self) -> str:
        return f"{self.division_code}:{self.computed_on}"


class LeadTimeTally(models.Model):
    """How many warnings of one 村社 took ``days`` from their event to the assistance decision.

    Over warnings closed as 纳入救助 in the closed period whose application is decided; days
    are local calendar days from the earliest event of the warning to the decision. A histogram
    by the day, so the median over any set of 村社 is exact.
    """

    id = models.BigAutoField(primary_key=True)
    division_code = models.BigIntegerField(_("村(社区)代码"))
    days = models.IntegerField(_("天数"))
    warnings = models.PositiveIntegerField(_("预警数"))
    computed_on = models.DateField(_("统计日期"))

    class Meta:
        verbose_name = _("办理时长统计")
        verbose_name_plural = _("办理时长统计")
        indexes = [models.Index(fields=["division_code"], name="lead_tally_division_idx")]

    def __str__(self) -> str:
        return f"{self.division_code}:{self.days}"
