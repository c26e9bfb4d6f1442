"""在册对象: the provincial roll's recipients become migrated cases, then meet the rules.

The roll comes in through the feed mechanism as the 在册对象 "department" (ADR 0008): upload,
column mapping, preview, per-row checks, linkage by ID number and staging are the feed's. When
such an import is merged, ``caseload_apply`` runs inside the merge's transaction (through
integration's ``feed_import_merged`` signal) and turns each linked row into a
``CaseloadEntry`` on a migrated (在册迁移) decided application of the person's household: one
per household for its running benefits, one per 临时救助 grant of the history (ADR 0021).

``caseload_compare`` then sets the migrated benefits beside the current rules run. A benefit
whose amount differs from the rules', or whom the rules find ineligible or cannot judge, becomes
a ``CaseloadReview`` for a worker. Nothing here changes what anyone is paid.
"""

import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Collection
from dataclasses import asdict, dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd
from django.db.models import Sum
from django.utils.translation import gettext as _

from minzheng.accounts.system import system_user
from minzheng.cases.enums import (
    ApplicationStatus,
    CaseloadFinding,
    CaseloadReviewStatus,
    Channel,
    ItemKind,
    ScheduleStatus,
)
from minzheng.cases.models import (
    Application,
    ApplicationItem,
    AssistanceItem,
    CaseloadEntry,
    CaseloadReview,
    PaymentSchedule,
)
from minzheng.cases.review_cases import review_months
from minzheng.cases.services.workflow import numbers_next
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.months import add_months, month_after
from minzheng.eligibility.contracts import JudgementFrame
from minzheng.eligibility.selectors import (
    current_judgement_frame,
    registry_snapshot,
    snapshot_case_prefills,
)
from minzheng.integration.departments import CASELOAD_PROGRAMMES, SPECS
from minzheng.integration.enums import Department
from minzheng.integration.selectors.imports import feed_import_matched_rows
from minzheng.registry.selectors import persons_current_households

logger = logging.getLogger(__name__)

CASELOAD_TARGET = "cases.caseload"
NUMBER_PREFIX = "ZC"  # 在册: ZC20261207-0001
ONE_OFF_CODE = "temporary"
# The roll's programme words → the catalogue item that carries them on.
ROLL_ITEM_CODES: dict[str, str] = {
    "低保": "dibao",
    "低保边缘": "dibao_edge",
    "特困": "tekun",
    "困难残疾人生活补贴": "disability_living",
    "重度残疾人护理补贴": "disability_care",
    "孤儿基本生活费": "orphan",
    "事实无人抚养儿童基本生活费": "unsupported_child",
    "临时救助": ONE_OFF_CODE,
}
assert set(ROLL_ITEM_CODES) == set(CASELOAD_PROGRAMMES)  # noqa: S101 - one list, two views
# The rules' programmes a migrated item is set beside; the first the household is eligible for
# counts (a 低保 recipient living alone is judged as 单人保, one with big medical bills as
# 支出型低保). Items the rules do not judge (残疾人两项补贴, 孤儿) are not compared.
RULES_PROGRAMMES: dict[str, tuple[str, ...]] = {
    "dibao": ("dibao", "dibao_single", "rigid_expenditure"),
    "dibao_edge": ("dibao_edge",),
    "tekun": ("tekun",),
}
_ITEM_KEYS = tuple(item.key for item in SPECS[Department.CASELOAD].items)


@dataclass(frozen=True)
class CaseloadApplied:
    created: int  # roll rows new to minzheng
    changed: int  # rows imported before whose content changed: the entry follows the roll
    unchanged: int
    unplaced: int  # linked persons with no current household in the registry
    applications: int  # migrated applications created
    reviews: int  # 复核 items opened by the comparison


def caseload_apply(*, feed_import_id: uuid.UUID, as_of: dt.date) -> CaseloadApplied:
    """Bring a merged roll's linked rows in as migrated cases; run inside the merge's transaction.

    Idempotent by the roll's record number: a row seen before with the same content changes
    nothing; with new content its entry follows the roll (a new account, say) but the payment
    schedule does not, and the difference is put to a worker by the comparison.
    """
    frame = _roll_frame(feed_import_id)
    if frame.empty:
        return CaseloadApplied(0, 0, 0, 0, 0, 0)
    placed = persons_current_households(person_ids=set(frame["person_id"]))
    frame["household_id"] = frame["person_id"].map({p: h for p, (h, _d) in placed.items()})
    frame["division_id"] = frame["person_id"].map({p: d for p, (_h, d) in placed.items()})
    unplaced = int(frame["household_id"].isna().sum())
    frame = frame[frame["household_id"].notna()]
    existing = pd.DataFrame.from_records(
        list(CaseloadEntry.objects.values_list("record_id", "id", "digest")),
        columns=["record_id", "entry_id", "known_digest"],
    )
    frame = frame.merge(existing, on="record_id", how="left")
    seen = frame["entry_id"].notna()
    changed = frame[seen & (frame["digest"] != frame["known_digest"])]
    new = frame[~seen]
    if not changed.empty:
        _entries_update(changed, feed_import_id)
    applications = _entries_create(new, feed_import_id, as_of) if not new.empty else 0
    households = set(frame["household_id"])
    reviews = caseload_compare(household_ids=households)
    counts = CaseloadApplied(
        created=len(new),
        changed=len(changed),
        unchanged=int(seen.sum()) - len(changed),
        unplaced=unplaced,
        applications=applications,
        reviews=reviews,
    )
    audit_record(
        actor=system_user(),
        action=AuditAction.CREATE,
        target_type=CASELOAD_TARGET,
        target_id=feed_import_id,
        changes=asdict(counts),
    )
    logger.info("cases.caseload.applied", extra={f"roll_{k}": v for k, v in asdict(counts).items()})
    return counts


def _roll_frame(feed_import_id: uuid.UUID) -> pd.DataFrame:
    rows = feed_import_matched_rows(feed_import_id=feed_import_id)
    frame = pd.DataFrame.from_records(rows.items, columns=list(_ITEM_KEYS))
    frame = frame.reindex(columns=list(_ITEM_KEYS)).fillna("")
    frame["record_id"] = rows.record_id
    frame["person_id"] = rows.person_id
    frame["digest"] = [
        hashlib.sha1(
            json.dumps([str(person), items], ensure_ascii=False, sort_keys=True).encode(),
            usedforsecurity=False,
        ).hexdigest()
        for person, items in zip(rows.person_id, rows.items, strict=True)
    ]
    frame["amount_fen"] = _fen(frame["monthly_amount"])
    frame["care_fen"] = _fen(frame["care_amount"])
    frame["item_code"] = frame["programme"].map(ROLL_ITEM_CODES)
    return frame


def _fen(texts: pd.Series) -> npt.NDArray[np.int64]:
    """Money strings with two decimals (as the feed checks wrote them) as whole fen."""
    values = pd.to_numeric(texts.replace("", "0")).to_numpy(dtype=np.float64)
    fen: npt.NDArray[np.int64] = np.rint(values * 100).astype(np.int64)
    return fen


def _yuan(fen: object) -> Decimal:
    return Decimal(int(fen)) / 100  # type: ignore[call-overload]


# What a changed roll row rewrites on its entry; its household and migrated item stay.
_ENTRY_FIELDS = (
    "feed_import_id",
    "person_id",
    "roll_household",
    "amount",
    "care_amount",
    "care_tier",
    "start_date",
    "approving_authority",
    "account_kind",
    "bank",
    "account_number",
    "account_holder",
    "digest",
    "updated_at",
)


def _entries_update(changed: pd.DataFrame, feed_import_id: uuid.UUID) -> None:
    stamp = now()
    entries = []
    for row in changed.to_dict("records"):
        entries.append(
            CaseloadEntry(
                id=row["entry_id"],
                feed_import_id=feed_import_id,
                person_id=row["person_id"],
                roll_household=row["roll_household"],
                amount=_yuan(row["amount_fen"]),
                care_amount=_yuan(row["care_fen"]) if row["care_amount"] else None,
                care_tier=row["care_tier"],
                start_date=dt.date.fromisoformat(row["start_date"]),
                approving_authority=row["approving_authority"],
                account_kind=row["account_kind"],
                bank=row["bank"],
                account_number=row["account_number"],
                account_holder=row["account_holder"],
                digest=row["digest"],
                updated_at=stamp,
            )
        )
    CaseloadEntry.objects.bulk_update(entries, list(_ENTRY_FIELDS), batch_size=1_000)


def _entries_create(new: pd.DataFrame, feed_import_id: uuid.UUID, as_of: dt.date) -> int:
    """Migrated applications, items and schedules for rows new to minzheng, then the entries."""
    catalogue = {
        code: (item_id, kind)
        for item_id, code, kind in AssistanceItem.objects.filter(
            code__in=set(ROLL_ITEM_CODES.values())
        ).values_list("id", "code", "kind")
    }
    missing = set(new["item_code"]) - set(catalogue)
    if missing:
        raise ApplicationError(
            _("救助事项目录缺少 %(codes)s，无法导入在册对象；请联系系统管理员。")
            % {"codes": "、".join(sorted(missing))}
        )
    new = new.assign(
        item_id=new["item_code"].map({code: ids[0] for code, ids in catalogue.items()}),
        kind=new["item_code"].map({code: ids[1] for code, ids in catalogue.items()}),
        start_month=pd.to_datetime(new["start_date"]).dt.to_period("M").dt.to_timestamp(),
    )
    one_off = new["kind"] == ItemKind.ONE_OFF
    # A household's running benefits share one migrated application; a grant of the history
    # is a case of its own.
    new["group"] = np.where(one_off, "r" + new["record_id"], "h" + new["household_id"].astype(str))
    known_items = _migrated_items(set(new.loc[~one_off, "household_id"]))
    new = new.merge(known_items, on=["household_id", "item_id"], how="left")
    known_apps = known_items.drop_duplicates("household_id").set_index("household_id")[
        "application_id"
    ]
    new["application_id"] = new["application_id"].where(
        new["application_id"].notna(), new["household_id"].map(known_apps).where(~one_off)
    )
    created = _applications_create(new[new["application_id"].isna()], as_of)
    new["application_id"] = new["application_id"].where(
        new["application_id"].notna(), new["group"].map(created)
    )
    items = _items_create(new[new["application_item_id"].isna()], as_of)
    new["application_item_id"] = new["application_item_id"].where(
        new["application_item_id"].notna(),
        pd.Series(list(zip(new["application_id"], new["item_id"], strict=True))).map(items),
    )
    _entries_write(new, feed_import_id)
    return len(created)


def _migrated_items(household_ids: Collection[object]) -> pd.DataFrame:
    """The running (not one-off) items of earlier migrations of these households."""
    rows = list(
        ApplicationItem.objects.filter(
            application__channel=Channel.MIGRATED,
            application__household_id__in=list(household_ids),
        )
        .exclude(item__kind=ItemKind.ONE_OFF)
        .values_list("application__household_id", "item_id", "application_id", "id")
    )
    return pd.DataFrame.from_records(
        rows, columns=["household_id", "item_id", "application_id", "application_item_id"]
    )


def _applications_create(rows: pd.DataFrame, as_of: dt.date) -> dict[str, uuid.UUID]:
    """One decided application per group; returns the group → application id."""
    groups = (
        rows.assign(is_one_off=rows["kind"] == ItemKind.ONE_OFF)
        .groupby("group", sort=True)
        .agg(
            household_id=("household_id", "first"),
            division_id=("division_id", "first"),
            start_month=("start_month", "min"),
            one_off=("is_one_off", "all"),
        )
    )
    if groups.empty:
        return {}
    running = set(groups.loc[~groups["one_off"], "household_id"])
    prefills = snapshot_case_prefills(
        snapshot=registry_snapshot(as_of=as_of, household_ids=running),
        as_of=as_of,
        household_ids=running,
    )
    count = len(groups)
    keys = [uuid.uuid4() for _ in range(count)]
    cases = [
        None if one_off else prefills.get(household_id)
        for household_id, one_off in zip(groups["household_id"], groups["one_off"], strict=True)
    ]
    reason = _(
        "在册迁移：自省社会救助系统在册名册导入（数据截止 %(date)s），原审批结果照旧执行。"
    ) % {"date": f"{as_of:%Y-%m-%d}"}
    stamp = Constant(now())
    empty = ["{}"] * count
    write_table(
        TableLoad(
            Application,
            count,
            {
                "id": [key.hex for key in keys],
                "created_at": stamp,
                "updated_at": stamp,
                "number": numbers_next(prefix=NUMBER_PREFIX, count=count),
                "household_id": [value.hex for value in groups["household_id"]],
                "division_id": groups["division_id"].astype(np.int64).to_numpy(),
                "channel": Constant(Channel.MIGRATED.value),
                "has_consent": Constant(False),
                "consent_date": Constant(None),
                "consent_signed_by": Constant(""),
                "consent_document": Constant(""),
                "as_of": Constant(as_of),
                "status": Constant(ApplicationStatus.APPROVED.value),
                "current_step": Constant(""),
                "taken_by_id": Constant(None),
                "prefill": empty,
                "case": [_json(case.case if case else {}) for case in cases],
                "case_sources": [_json(case.sources if case else {}) for case in cases],
                "rules_result": empty,
                "rules_version": Constant(""),
                "publicity_starts_on": Constant(None),
                "publicity_ends_on": Constant(None),
                "decision_number": Constant(""),
                "decided_at": stamp,
                "decided_by_id": Constant(None),
                "decision_reason": Constant(reason),
                "start_month": groups["start_month"].dt.strftime("%Y-%m-%d").tolist(),
            },
        ),
        progress=False,
    )
    return dict(zip(groups.index, keys, strict=True))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _items_create(rows: pd.DataFrame, as_of: dt.date) -> dict[tuple[object, object], uuid.UUID]:
    """An approved item (and a schedule for cash) per (application, item) of the new rows."""
    if rows.empty:
        return {}
    groups = (
        rows.groupby(["application_id", "item_id"], sort=False)
        .agg(
            household_id=("household_id", "first"),
            kind=("kind", "first"),
            amount_fen=("amount_fen", "sum"),
            start_month=("start_month", "min"),
            start_date=("start_date", "min"),
            authority=("approving_authority", "first"),
        )
        .reset_index()
    )
    count = len(groups)
    keys = [uuid.uuid4() for _ in range(count)]
    amounts = [str(_yuan(fen)) for fen in groups["amount_fen"]]
    unnamed = _("未注明")
    stamp = Constant(now())
    write_table(
        TableLoad(
            ApplicationItem,
            count,
            {
                "id": [key.hex for key in keys],
                "created_at": stamp,
                "updated_at": stamp,
                "application_id": [value.hex for value in groups["application_id"]],
                "item_id": [value.hex for value in groups["item_id"]],
                "requested": Constant(True),
                "proposal_source": Constant(""),
                "eligible": Constant(None),
                "proposed_amount": Constant(None),
                "reasons": ["[]"] * count,
                "explanation": ["[]"] * count,
                "proposal_note": Constant(""),
                "parameters": ["{}"] * count,
                "rules_version": Constant(""),
                "granted_first_at": Constant(None),
                "granted": Constant(True),
                "granted_amount": amounts,
                "decision_reason": [
                    _("原审批机关：%(authority)s；起始日期：%(date)s")
                    % {"authority": authority or unnamed, "date": day}
                    for authority, day in zip(
                        groups["authority"], groups["start_date"], strict=True
                    )
                ],
            },
        ),
        progress=False,
    )
    _schedules_create(groups.assign(item_key=keys, amount=amounts), as_of)
    return {
        (application_id, item_id): key
        for application_id, item_id, key in zip(
            groups["application_id"], groups["item_id"], keys, strict=True
        )
    }


def _schedules_create(groups: pd.DataFrame, as_of: dt.date) -> None:
    """Cash items are paid on as decided: monthly from their start, a grant in its month."""
    cash = groups[groups["kind"].isin([ItemKind.MONTHLY_CASH, ItemKind.ONE_OFF])]
    one_off = (cash["kind"] == ItemKind.ONE_OFF).to_numpy()
    starts = cash["start_month"].dt.strftime("%Y-%m-%d").tolist()
    cases = dict(
        Application.objects.filter(pk__in=set(cash["application_id"])).values_list("pk", "case")
    )
    next_month = month_after(as_of)
    stamp = Constant(now())
    count = len(cash)
    write_table(
        TableLoad(
            PaymentSchedule,
            count,
            {
                "id": [uuid.uuid4().hex for _ in range(count)],
                "created_at": stamp,
                "updated_at": stamp,
                "household_id": [value.hex for value in cash["household_id"]],
                "application_item_id": [value.hex for value in cash["item_key"]],
                "item_id": [value.hex for value in cash["item_id"]],
                "monthly_amount": cash["amount"].tolist(),
                "start_month": starts,
                "end_month": [
                    start if once else None for start, once in zip(starts, one_off, strict=True)
                ],
                "status": Constant(ScheduleStatus.ACTIVE.value),
                # The provincial system paid every month up to the roll's: the payment backbone
                # pays from the next one (a past 临时救助 grant is thus never owed again).
                "payable_from": Constant(next_month),
                # The first periodic review one cycle after the migration, not at once for
                # every benefit granted years ago.
                "next_review_on": [
                    None
                    if once
                    else add_months(next_month, review_months(cases[app], as_of)).isoformat()
                    for app, once in zip(cash["application_id"], one_off, strict=True)
                ],
            },
        ),
        progress=False,
    )


def _entries_write(rows: pd.DataFrame, feed_import_id: uuid.UUID) -> None:
    stamp = Constant(now())
    count = len(rows)
    write_table(
        TableLoad(
            CaseloadEntry,
            count,
            {
                "id": [uuid.uuid4().hex for _ in range(count)],
                "created_at": stamp,
                "updated_at": stamp,
                "record_id": rows["record_id"].tolist(),
                "feed_import_id": Constant(feed_import_id.hex),
                "person_id": [value.hex for value in rows["person_id"]],
                "household_id": [value.hex for value in rows["household_id"]],
                "application_item_id": [value.hex for value in rows["application_item_id"]],
                "roll_household": rows["roll_household"].tolist(),
                "amount": [str(_yuan(fen)) for fen in rows["amount_fen"]],
                "care_amount": [
                    str(_yuan(fen)) if text else None
                    for fen, text in zip(rows["care_fen"], rows["care_amount"], strict=True)
                ],
                "care_tier": rows["care_tier"].tolist(),
                "start_date": rows["start_date"].tolist(),
                "approving_authority": rows["approving_authority"].tolist(),
                "account_kind": rows["account_kind"].tolist(),
                "bank": rows["bank"].tolist(),
                "account_number": rows["account_number"].tolist(),
                "account_holder": rows["account_holder"].tolist(),
                "digest": rows["digest"].tolist(),
            },
        ),
        progress=False,
    )


# ---------------------------------------------------------------------------------------------
# Comparing with the rules


def caseload_compare(*, household_ids: Collection[uuid.UUID] | None = None) -> int:
    """Open a 复核 item for each migrated benefit the current rules run judges differently.

    All migrated benefits the rules judge, or those of ``household_ids``. An item already
    pending, or resolved with the same findings and amounts, is not opened again. Without a
    current run nothing is compared (the nightly chain compares after the next run). Returns
    the items opened.
    """
    benefits = _compared_benefits(household_ids)
    if benefits.empty:
        return 0
    judged = current_judgement_frame(household_ids=set(benefits["household_id"]))
    if judged is None:
        return 0
    findings = _findings(benefits, judged)
    flagged = findings[findings["findings"].str.len() > 0]
    flagged = _not_asked_before(flagged)
    if flagged.empty:
        return 0
    count = len(flagged)
    stamp = Constant(now())
    write_table(
        TableLoad(
            CaseloadReview,
            count,
            {
                "id": [uuid.uuid4().hex for _ in range(count)],
                "created_at": stamp,
                "updated_at": stamp,
                "household_id": [value.hex for value in flagged["household_id"]],
                "application_item_id": [value.hex for value in flagged["application_item_id"]],
                "findings": [_json([str(code) for code in codes]) for codes in flagged["findings"]],
                "roll_amount": [str(_yuan(fen)) for fen in flagged["compared_fen"]],
                "rules_eligible": [
                    None if np.isnan(value) else bool(value) for value in flagged["rules_eligible"]
                ],
                "rules_amount": [
                    None if np.isnan(fen) else str(_yuan(fen)) for fen in flagged["rules_fen"]
                ],
                "rules_programme": flagged["rules_programme"].tolist(),
                "rules_as_of": Constant(judged.as_of),
                "status": Constant(CaseloadReviewStatus.PENDING.value),
                "resolved_by_id": Constant(None),
                "resolved_at": Constant(None),
                "resolution_reason": Constant(""),
                "benefit_review_id": Constant(None),
            },
        ),
        progress=False,
    )
    return len(flagged)


def _compared_benefits(household_ids: Collection[uuid.UUID] | None) -> pd.DataFrame:
    """Migrated items the rules judge, still running, with what is paid and the roll's care part."""
    items = ApplicationItem.objects.filter(
        application__channel=Channel.MIGRATED,
        application__status=ApplicationStatus.APPROVED,
        item__programme__in=list(RULES_PROGRAMMES),
    ).exclude(schedule__status=ScheduleStatus.STOPPED)
    if household_ids is not None:
        items = items.filter(application__household_id__in=list(household_ids))
    rows = list(
        items.annotate(
            care=Sum("caseload_entries__care_amount"), roll=Sum("caseload_entries__amount")
        ).values_list(
            "id",
            "application__household_id",
            "item__programme",
            "schedule__monthly_amount",
            "care",
            "roll",
        )
    )
    frame = pd.DataFrame.from_records(
        rows,
        columns=["application_item_id", "household_id", "programme", "paid", "care", "roll"],
    )
    for column in ("paid", "care", "roll"):
        frame[column] = _fen(frame[column].fillna(Decimal(0)).astype(str))
    # The rules know 特困 basic living only: the care allowance by tier is not theirs to judge.
    frame["compared_fen"] = frame["paid"] - frame["care"]
    return frame


def _findings(benefits: pd.DataFrame, judged: JudgementFrame) -> pd.DataFrame:
    frame = benefits.copy()
    frame["rules_programme"] = ""
    frame["rules_eligible"] = np.nan  # 1.0 eligible, 0.0 not, NaN not judged
    frame["rules_fen"] = np.nan
    verdicts = judged.frame.set_index("household_id")
    found = frame["household_id"].isin(verdicts.index)
    for programme, candidates in RULES_PROGRAMMES.items():
        mine = found & (frame["programme"] == programme)
        households = frame.loc[mine, "household_id"]
        chosen = pd.Series(candidates[0], index=households.index)
        for candidate in reversed(candidates):
            eligible = households.map(verdicts[f"{candidate}_eligible"]).astype(bool)
            chosen = chosen.where(~eligible, candidate)
        frame.loc[mine, "rules_programme"] = chosen
        for candidate in candidates:
            rows = mine & (frame["rules_programme"] == candidate)
            ids = frame.loc[rows, "household_id"]
            frame.loc[rows, "rules_eligible"] = ids.map(verdicts[f"{candidate}_eligible"]).astype(
                float
            )
            frame.loc[rows, "rules_fen"] = (
                ids.map(verdicts[f"{candidate}_amount"]).astype(float) * 100
            )
    not_judged = frame["rules_eligible"].isna()
    ineligible = frame["rules_eligible"] == 0
    # 低保边缘 is a status: nothing is paid, so only eligibility is compared.
    cash = frame["programme"] != "dibao_edge"
    differs = ~not_judged & ~ineligible & cash & (frame["rules_fen"] != frame["compared_fen"])
    codes = np.select(
        [not_judged, ineligible, differs],
        [CaseloadFinding.NOT_JUDGED, CaseloadFinding.INELIGIBLE, CaseloadFinding.AMOUNT_DIFFERS],
        default="",
    )
    roll_changed = frame["roll"] != frame["paid"]
    frame["findings"] = [[code] if code else [] for code in codes]
    frame.loc[roll_changed & cash, "findings"] = frame.loc[roll_changed & cash, "findings"].map(
        lambda found: [*found, CaseloadFinding.ROLL_CHANGED]
    )
    return frame


def _not_asked_before(flagged: pd.DataFrame) -> pd.DataFrame:
    """Leave out items with a pending review, or one resolved on the same findings."""
    earlier = CaseloadReview.objects.filter(
        application_item_id__in=list(flagged["application_item_id"])
    ).values_list("application_item_id", "status", "findings", "rules_amount")
    asked: set[tuple[uuid.UUID, object]] = set()
    for item_id, status, findings, rules_amount in earlier:
        if status == CaseloadReviewStatus.PENDING:
            asked.add((item_id, None))
        asked.add((item_id, (tuple(findings), rules_amount)))
    keep = [
        (row.application_item_id, None) not in asked
        and (
            row.application_item_id,
            (tuple(row.findings), None if np.isnan(row.rules_fen) else _yuan(row.rules_fen)),
        )
        not in asked
        for row in flagged.itertuples(index=False)
    ]
    return flagged[keep]


def caseload_merged(
    sender: object, *, department: str, feed_import_id: uuid.UUID, as_of: dt.date, **kwargs: object
) -> None:
    """Receiver of integration's ``feed_import_merged``: a merged roll becomes migrated cases."""
    del sender, kwargs
    if department == Department.CASELOAD:
        caseload_apply(feed_import_id=feed_import_id, as_of=as_of)
