"""Reading stored determinations: counts per programme, one household's suggestions."""

import datetime as dt
import uuid
from collections.abc import Collection

import numpy as np
import pandas as pd
from django.db.models import Count, Q, Sum

from minzheng.eligibility.contracts import EligibleHousehold, JudgementFrame, Suggestion
from minzheng.eligibility.enums import Programme
from minzheng.eligibility.explain import result_sentences
from minzheng.eligibility.models import Determination, DeterminationRun
from minzheng.eligibility.rules.evaluation import PROGRAMMES
from minzheng.eligibility.rules.reasons import decode
from minzheng.eligibility.selectors.snapshot import region_of


def _bit(programme: str) -> int:
    return 1 << PROGRAMMES.index(programme)


def determination_counts(*, run_id: uuid.UUID) -> list[tuple[str, int, int]]:
    """(programme label, households eligible, their monthly amount) per programme, one query."""
    aggregates: dict[str, Count | Sum] = {}
    for name in PROGRAMMES:
        eligible = Q(eligible_bits__in=_bits_with(name))
        aggregates[f"{name}_n"] = Count("id", filter=eligible)
        aggregates[f"{name}_sum"] = Sum(f"{name}_amount", filter=eligible, default=0)
    row = Determination.objects.filter(run_id=run_id).aggregate(**aggregates)
    return [
        (str(Programme(name).label), row[f"{name}_n"], row[f"{name}_sum"]) for name in PROGRAMMES
    ]


def _bits_with(programme: str) -> list[int]:
    """Every eligibility bit set that includes ``programme`` (portable: no bitwise SQL)."""
    bit = _bit(programme)
    return [value for value in range(1 << len(PROGRAMMES)) if value & bit]


def determination_result(determination: Determination, run: DeterminationRun) -> dict[str, object]:
    """A stored determination in the shape of ``evaluate``'s results (for explanations)."""
    region = region_of(determination.division_code) or ""
    parameters = run.parameters.get(region, {})
    programmes: dict[str, object] = {}
    for name in PROGRAMMES:
        programmes[name] = {
            "eligible": bool(determination.eligible_bits & _bit(name)),
            "monthly_amount": getattr(determination, f"{name}_amount"),
            "reasons": decode(getattr(determination, f"{name}_reasons")),
        }
    return {
        "case_id": str(determination.household_id),
        "per_capita_income": determination.per_capita_income_cents / 100,
        "programmes": programmes,
        "parameters": {name: held["value"] for name, held in parameters.items()},
        "parameter_sources": {name: held["label"] for name, held in parameters.items()},
    }


def household_suggestions(*, household_id: uuid.UUID) -> list[Suggestion]:
    """Programmes the current run finds the household eligible for, with the reasons.

    The caller removes what the household already receives. Nothing when no run is current or
    the run did not judge the household (two queries).
    """
    run = DeterminationRun.objects.filter(is_current=True).first()
    if run is None:
        return []
    determination = Determination.objects.filter(run=run, household_id=household_id).first()
    if determination is None:
        return []
    result = determination_result(determination, run)
    sentences = result_sentences(result)
    return [
        Suggestion(
            programme=name,
            programme_label=str(Programme(name).label),
            monthly_amount=getattr(determination, f"{name}_amount"),
            sentences=sentences[name],
            as_of=run.as_of,
        )
        for name in PROGRAMMES
        if determination.eligible_bits & _bit(name)
    ]


def current_judgement_frame(
    *, household_ids: Collection[uuid.UUID] | None = None
) -> JudgementFrame | None:
    """The current run's verdict on each of ``household_ids`` (or every household) it judged.

    None with no current run. For comparing many households at once (the 在册对象 roll against
    the rules): one query per 10,000 households into a frame with ``household_id`` and, per
    programme, ``<programme>_eligible`` and ``<programme>_amount`` (whole yuan a month).
    """
    run = DeterminationRun.objects.filter(is_current=True).first()
    if run is None:
        return None
    amounts = [f"{name}_amount" for name in PROGRAMMES]
    judged = Determination.objects.filter(run=run)
    rows: list[tuple[object, ...]] = []
    if household_ids is None:
        rows = list(judged.values_list("household_id", "eligible_bits", *amounts))
    wanted = list(household_ids or ())
    for start in range(0, len(wanted), 10_000):
        rows += judged.filter(household_id__in=wanted[start : start + 10_000]).values_list(
            "household_id", "eligible_bits", *amounts
        )
    frame = pd.DataFrame.from_records(rows, columns=["household_id", "bits", *amounts])
    bits = frame["bits"].to_numpy(dtype=np.int64)
    for name in PROGRAMMES:
        frame[f"{name}_eligible"] = (bits & _bit(name)) != 0
    return JudgementFrame(as_of=run.as_of, frame=frame.drop(columns="bits"))


def current_judgement_sentences(
    *, household_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, dict[str, list[str]]]:
    """The current run's reasons for each of ``household_ids``, in sentences per programme."""
    run = DeterminationRun.objects.filter(is_current=True).first()
    if run is None:
        return {}
    wanted = list(household_ids)
    sentences: dict[uuid.UUID, dict[str, list[str]]] = {}
    for start in range(0, len(wanted), 10_000):
        chunk = Determination.objects.filter(
            run=run, household_id__in=wanted[start : start + 10_000]
        )
        for determination in chunk.iterator(chunk_size=2_000):
            result = determination_result(determination, run)
            sentences[determination.household_id] = result_sentences(result)
    return sentences


def current_eligible_households(
    *, low: int, high: int, excluding: Q, start: int, stop: int
) -> tuple[dt.date | None, list[EligibleHousehold]]:
    """The current run's date and the households in [low, high] it finds eligible for some
    programme, rows ``start`` to ``stop`` in 村社 and household order; ``excluding`` (a filter
    on ``household_id``) leaves some out. (None, []) when no run is current; two queries."""
    run = DeterminationRun.objects.filter(is_current=True).first()
    if run is None:
        return None, []
    rows = (
        Determination.objects.filter(run=run, eligible_bits__gt=0, division_code__range=(low, high))
        .exclude(excluding)
        .order_by("division_code", "household_id")
        .values_list("household_id", "household__number", "division_code", "eligible_bits")
    )
    return run.as_of, [
        EligibleHousehold(
            household_id=household_id,
            household_number=number,
            division_code=division_code,
            programmes=[str(Programme(name).label) for name in PROGRAMMES if bits & _bit(name)],
        )
        for household_id, number, division_code, bits in rows[start:stop]
    ]
