"""Every periodic job, declared in one place.

``minzheng scheduler`` (started by ``make run``) imports this module; each ``cron`` line enqueues
the task on its schedule and the worker (``minzheng db_worker``) runs it. Capability issues add
their sweeps (SLA timers, monitoring alerts, statement batches) here.
"""

from crontask import cron

from minzheng.cases.tasks import benefit_reviews_propose_task, publicity_complete_due_task
from minzheng.core.tasks import expired_sessions_clear_task
from minzheng.dashboard.tasks import loop_tallies_refresh_task
from minzheng.monitoring.tasks import warnings_escalate_task, warnings_from_events_task
from minzheng.nightly.tasks import nightly_chain_task
from minzheng.statements.tasks import sign_in_codes_purge_task

# Nightly at 03:17 local time, away from the hour when other jobs cluster.
cron("17 3 * * *")(expired_sessions_clear_task)

# The nightly chain (minzheng.nightly): feeds due → rules run → 在册 comparison → profiles →
# visit plans → tallies, each step a task that queues the next or retries; at 01:30, so the
# departments' files of the evening are in and the chain is done before the sweeps below.
cron("30 1 * * *")(nightly_chain_task)

# 公示 that ran its 7 days without an open objection go on to county approval; hourly, so a
# publicity ending at midnight does not wait a day.
cron("7 * * * *")(publicity_complete_due_task)

# 动态管理: running benefits judged again after the night's feeds, before the working day.
cron("37 4 * * *")(benefit_reviews_propose_task)

# Citizens' sign-in code requests are kept a day (the rate limits look back an hour).
cron("23 3 * * *")(sign_in_codes_purge_task)

# 预警: events that arrived with the night's feeds become warnings; hourly in the day too, so an
# event imported at noon is not left until the next night.
cron("15 * * * *")(warnings_from_events_task)

# 数据看板: the 预警 and 探访 tallies, recomputed hourly after the sweep above raised its warnings.
cron("25 * * * *")(loop_tallies_refresh_task)

# 预警: open warnings past their due date move up a level (村社 → 镇街 → 县) before work starts.
cron("47 5 * * *")(warnings_escalate_task)
