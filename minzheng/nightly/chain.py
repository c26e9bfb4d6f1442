"""The steps of the night, in order; each needs the one before it (ADR 0022).

The departments' files come in first, so the rules judge the registry with the night's data;
the migrated caseload is set beside the new run; profiles are computed from the run; visits are
planned by the profiles' colours; the dashboard's tallies count the day's warnings and visits.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.accounts.system import system_user
from minzheng.cases.services.caseload import caseload_compare
from minzheng.core.exceptions import ApplicationError
from minzheng.core.jobs import NIGHTLY_JOB, JobStep, job_step_run
from minzheng.dashboard.services import loop_tallies_refresh
from minzheng.eligibility.services import determinations_run
from minzheng.integration.services.feed_inbox import feeds_import_due
from minzheng.profiling.services import profiles_run
from minzheng.visits.services.planning import visit_plans_refresh


def _feeds(as_of: dt.date) -> str:
    due = feeds_import_due(inbox=settings.MINZHENG_FEED_INBOX)
    return _("导入 %(imported)d 个文件，重复 %(repeated)d 个，失败 %(failed)d 个") % {
        "imported": due.imported,
        "repeated": due.repeated,
        "failed": due.failed,
    }


def _rules(as_of: dt.date) -> str:
    run = determinations_run(actor=system_user(), as_of=as_of)
    return _("判定 %(households)d 户") % {"households": run.household_count}


def _caseload(as_of: dt.date) -> str:
    return _("新增在册复核 %(opened)d 项") % {"opened": caseload_compare()}


def _profiles(as_of: dt.date) -> str:
    return _("困难家庭 %(profiled)d 户") % {
        "profiled": profiles_run(as_of=as_of, actor=system_user()).profiled
    }


def _visits(as_of: dt.date) -> str:
    plans = visit_plans_refresh(as_of=as_of)
    return _("探访计划 %(plans)d 户") % {"plans": sum(plans.by_colour.values())}


def _tallies(as_of: dt.date) -> str:
    tallies = loop_tallies_refresh(as_of=as_of)
    return _("统计 %(divisions)d 个村社") % {"divisions": tallies.divisions}


NIGHTLY_STEPS: tuple[JobStep, ...] = (
    JobStep("feeds", gettext_lazy("部门数据导入"), _feeds),
    JobStep("rules", gettext_lazy("批量判定"), _rules),
    JobStep("caseload", gettext_lazy("在册对象比对"), _caseload),
    JobStep("profiles", gettext_lazy("精准画像"), _profiles),
    JobStep("visits", gettext_lazy("探访计划"), _visits),
    JobStep("tallies", gettext_lazy("看板统计"), _tallies),
)
STEP_LABELS = {step.key: step.label for step in NIGHTLY_STEPS}


def nightly_step(position: int, *, as_of: dt.date, attempt: int) -> bool:
    """One attempt at the step at ``position``; True when it succeeded."""
    return job_step_run(
        job=NIGHTLY_JOB,
        step=NIGHTLY_STEPS[position],
        as_of=as_of,
        attempt=attempt,
        will_retry=attempt < settings.MINZHENG_NIGHTLY_ATTEMPTS,
    )


def nightly_chain_run(*, as_of: dt.date, start: str = "feeds") -> None:
    """Every step from ``start`` in this process, one attempt each (the demo seed's way).

    Raises:
        ApplicationError: a step failed; the steps after it did not run.
    """
    keys = [step.key for step in NIGHTLY_STEPS]
    for position in range(keys.index(start), len(keys)):
        if not nightly_step(position, as_of=as_of, attempt=1):
            raise ApplicationError(
                _("夜间任务“%(step)s”失败，后续步骤未运行；详情见服务器日志。")
                % {"step": NIGHTLY_STEPS[position].label}
            )
