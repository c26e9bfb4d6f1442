"""Assertions shared by the cases tests."""

from contextlib import contextmanager

from minzheng.cases.models import (
    Application,
    ApplicationItem,
    ApplicationStep,
    BenefitReview,
    CaseloadReview,
    FactAttestation,
    Investigation,
    Objection,
    PaymentSchedule,
)
from minzheng.core.models import AuditEvent

TABLES = (
    Application,
    ApplicationItem,
    ApplicationStep,
    FactAttestation,
    Investigation,
    Objection,
    PaymentSchedule,
    BenefitReview,
    CaseloadReview,
    AuditEvent,
)


def _snapshot(application=None):
    counts = {model.__name__: model.objects.count() for model in TABLES}
    if application is not None:
        application.refresh_from_db()
        counts["state"] = (
            application.status,
            application.current_step,
            application.case,
            application.updated_at,
        )
    return counts


@contextmanager
def nothing_written(application=None):
    """Assert that the block wrote no row and no audit event (and left ``application`` as is)."""
    before = _snapshot(application)
    yield
    assert _snapshot(application) == before


def steps_of(application):
    return list(application.steps.order_by("position").values_list("kind", "outcome", "due_on"))


def confirm_check(application, actor):
    from minzheng.cases.services.check import application_check_confirm

    application_check_confirm(actor=actor, application_id=application.pk, values={}, sources={})


def record_visit(application, actor, *, confirmed=True):
    import datetime as dt

    from minzheng.cases.services.investigation import application_investigation_record

    return application_investigation_record(
        actor=actor,
        application_id=application.pk,
        visited_on=dt.date(2026, 11, 20),
        present="申请人本人、村社工作人员2名",
        living_conditions="独居，平房一间，家电简单。",
        composition_confirmed=True,
        facts_confirmed=confirmed,
        notes="",
    )


def approve_review(application, actor):
    from minzheng.cases.services.investigation import application_township_review

    application_township_review(
        actor=actor, application_id=application.pk, decision="approve", reason="情况属实"
    )


def to_publicity(application, village_worker, township_worker):
    """From 核对 to 公示 through the real services."""
    confirm_check(application, village_worker)
    record_visit(application, village_worker)
    approve_review(application, township_worker)
    application.refresh_from_db()
    return application
