"""The demo county's roll of current recipients (在册对象), as the provincial system exports it.

A county that starts on minzheng already pays a few percent of its households. The demo draws
them from the rules' first run: most households the rules find eligible for 低保 or 特困 are on
the roll with the rules' amount; some are paid another amount, some households the rules find
well off are still on it, and a few are 低保边缘. Beside them: 残疾人两项补贴, 孤儿基本生活费 and a
year of 临时救助 grants. The file is written with the provincial system's Chinese headers and
imported through ``caseload_roll_import``, the path a county's file takes, so the 在册复核
worklist has work on the first login. Amounts of the programmes the rules do not judge are
demo values (标注为演示值), not a county's published standards.
"""

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from minzheng.accounts.system import system_user
from minzheng.cases.services.caseload_import import RollImport, caseload_roll_import
from minzheng.eligibility.selectors import current_judgement_frame
from minzheng.registry.enums import PersonStatus, Relation
from minzheng.registry.models import Membership

HEADER = (
    "记录编号",
    "姓名",
    "身份证号",
    "户编号",
    "救助类别",
    "照料护理等级",
    "保障金额",
    "照料护理费",
    "起始日期",
    "审批机关",
    "账户类型",
    "开户银行",
    "银行账号",
    "账户户名",
)
AUTHORITY = "平湖市民政局"
ON_ROLL = 0.85  # of the households the rules find eligible for 低保 or 特困
OTHER_EVERY = 12  # of the 低保 households on the roll, one in so many is paid another amount
WELL_OFF = 0.004  # of the households the rules find ineligible: still on the roll as 低保
WELL_OFF_MIN = 2  # and at least these, so a small demo county has them too
EDGE_ON_ROLL = 0.5  # of the 低保边缘 households
# 特困 care tiers and their monthly care allowance: demo values (演示值).
CARE = {"全自理": 0, "半护理": 585, "全护理": 1170}
# (programme, share of persons, monthly amount): demo values (演示值).
PERSON_PROGRAMMES = (
    ("困难残疾人生活补贴", 0.004, 330),
    ("重度残疾人护理补贴", 0.006, 330),
)
ORPHANS = 6
ORPHAN_AMOUNT = 2250  # 演示值
GRANTS = 0.15  # of the roll's 低保 and 特困 households: one 临时救助 in the last year
BANKS = ("平湖农商银行", "中国农业银行平湖支行", "中国工商银行平湖支行")


@dataclass(frozen=True)
class DemoRoll:
    rows: int
    imported: RollImport


def _heads() -> pd.DataFrame:
    rows = (
        Membership.objects.current()
        .filter(person__status=PersonStatus.ALIVE)
        .exclude(person__id_number="")
        .order_by("household__number", "person__id_number")
        .values_list(
            "household_id",
            "household__number",
            "relation",
            "person__name",
            "person__id_number",
            "person__birth_date",
        )
    )
    return pd.DataFrame.from_records(
        list(rows), columns=["household_id", "number", "relation", "name", "id_number", "born"]
    )


def demo_roll_csv(*, as_of: dt.date, seed: int) -> bytes:
    """The roll as the provincial system would export it on ``as_of``; empty without a run."""
    judged = current_judgement_frame()
    if judged is None:
        return b""
    rng = np.random.default_rng(seed)
    people = _heads()
    heads = people[people["relation"] == Relation.HEAD].set_index("household_id")
    verdicts = judged.frame.set_index("household_id").reindex(heads.index).dropna()
    rows: list[dict[str, object]] = []

    def add(person: pd.Series, programme: str, amount: int, **extra: object) -> None:
        rows.append({"person": person, "programme": programme, "amount": amount, **extra})

    well_off = 0
    dibao = 0
    for household_id, verdict in verdicts.iterrows():
        head = heads.loc[household_id]
        draw = rng.random()
        if verdict["tekun_eligible"] and draw < ON_ROLL:
            tier = str(rng.choice(list(CARE), p=[0.6, 0.3, 0.1]))
            amount = int(verdict["tekun_amount"]) + CARE[tier]
            add(head, "特困", amount, tier=tier, care=CARE[tier])
        elif verdict["dibao_eligible"] or verdict["dibao_single_eligible"]:
            if draw < ON_ROLL:
                rules = int(max(verdict["dibao_amount"], verdict["dibao_single_amount"]))
                # Every OTHER_EVERY-th 低保 household is paid another amount than the rules say.
                other = dibao % OTHER_EVERY == 0
                add(head, "低保", rules + int(rng.integers(5, 30)) * 10 if other else rules)
                dibao += 1
        elif verdict["dibao_edge_eligible"] and draw < EDGE_ON_ROLL:
            add(head, "低保边缘", 0)
        elif well_off < WELL_OFF_MIN or draw < WELL_OFF:
            add(head, "低保", int(rng.integers(20, 60)) * 10)
            well_off += 1
    paid = [row for row in rows if row["programme"] in ("低保", "特困")]
    for row in paid:
        if rng.random() < GRANTS:
            add(row["person"], "临时救助", int(rng.integers(5, 40)) * 100, grant=True)
    for programme, share, amount in PERSON_PROGRAMMES:
        for index in np.flatnonzero(rng.random(len(people)) < share):
            add(people.iloc[index], programme, amount)
    children = people[people["born"] > as_of.replace(year=as_of.year - 16)]
    for index in rng.choice(len(children), size=min(ORPHANS, len(children)), replace=False):
        add(children.iloc[index], "孤儿基本生活费", ORPHAN_AMOUNT)
    return _csv(rows, as_of=as_of, rng=rng)


def _csv(rows: list[dict[str, object]], *, as_of: dt.date, rng: np.random.Generator) -> bytes:
    lines = []
    for number, row in enumerate(rows, start=1):
        person: pd.Series = row["person"]
        days = int(rng.integers(20, 360)) if row.get("grant") else int(rng.integers(60, 3000))
        account = "62309100" + "".join(str(d) for d in rng.integers(0, 10, 11))
        lines.append(
            {
                "记录编号": f"ZC{as_of:%Y}{number:06d}",
                "姓名": person["name"],
                "身份证号": person["id_number"],
                "户编号": person["number"],
                "救助类别": row["programme"],
                "照料护理等级": row.get("tier", ""),
                "保障金额": row["amount"],
                "照料护理费": row.get("care", ""),
                "起始日期": (as_of - dt.timedelta(days=days)).isoformat(),
                "审批机关": AUTHORITY,
                "账户类型": "社保卡" if rng.random() < 0.8 else "惠民惠农一卡通",
                "开户银行": str(rng.choice(BANKS)),
                "银行账号": account,
                "账户户名": person["name"],
            }
        )
    buffer = io.StringIO()
    pd.DataFrame(lines, columns=list(HEADER)).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def demo_roll_import(*, directory: Path, as_of: dt.date, seed: int) -> DemoRoll | None:
    """Write the roll under ``directory`` and import it as a county would; None without a run."""
    data = demo_roll_csv(as_of=as_of, seed=seed)
    if not data:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"caseload-{as_of:%Y%m%d}.csv"
    path.write_bytes(data)
    imported = caseload_roll_import(
        actor=system_user(), file_name=path.name, data=data, as_of=as_of
    )
    return DemoRoll(rows=imported.feed_import.row_count, imported=imported)
