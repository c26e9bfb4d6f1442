"""Door-plate address matching: precision, recall and throughput on a messy query set.

    .venv/bin/python bench/address_bench.py [--reference 6000] [--queries 2500] [--seed 7]

Builds a reference of canonical 平湖市 addresses on the real village and community names in
``divisions.json`` (the demo seeder's address layout, no database), then queries written the
way clerks and other registries write them: with or without province/city/county, township and
village, Chinese or full-width numerals, 栋/号楼/# for 幢, 3-2-301 and 3幢301, 队 for 组,
traditional characters, one homophone typo in a name, stray spaces and 附近. About 10% of the
queries are addresses that are NOT in the reference (another door number, room or building):
their right answer is no match. Prints one JSON line.
"""

import argparse
import json
import os
import random
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import django
import numpy as np
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Composing canonical addresses uses the addresses app, whose modules load Django models.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
django.setup()

from minzheng_pipeline.addresses import AddressMatcher  # noqa: E402
from minzheng_pipeline.addresses.normalise import _SIMPLIFIED, _TRADITIONAL  # noqa: E402

from minzheng.addresses.services import address_compose  # noqa: E402
from minzheng.demo.addressing import village_addresses  # noqa: E402
from minzheng.demo.generator import VillageRef  # noqa: E402

COUNTY = "330482"
_CN = "零一二三四五六七八九"
_S2T = {s: t for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if s not in "号"} | {
    "号": "號"
}


@dataclass(frozen=True)
class Parts:
    township: str
    village: str
    road: str
    door: str
    estate: str
    building: str
    unit: str
    room: str
    group: str

    def canonical(self) -> str:
        return address_compose(
            township=self.township,
            village=self.village,
            road=self.road,
            door_number=self.door,
            estate=self.estate,
            building=self.building,
            unit=self.unit,
            room=self.room,
            group=self.group,
        )


def _villages() -> list[VillageRef]:
    rows = json.loads((ROOT / "minzheng/divisions/data/divisions.json").read_text("utf-8"))
    townships = {r["code"]: r["name"] for r in rows if r["level"] == "township"}
    return [
        VillageRef(int(r["code"]), r["name"], int(r["parent"]), townships[r["parent"]])
        for r in rows
        if r["level"] == "village" and r["code"].startswith(COUNTY) and r["parent"] in townships
    ]


def reference_parts(count: int, seed: int) -> list[Parts]:
    villages = _villages()
    rng = np.random.default_rng(seed)
    index = np.sort(rng.integers(0, len(villages), size=count)).astype(np.int64)
    columns = village_addresses(rng, index, villages)
    by_code = {v.code: v for v in villages}
    return [
        Parts(
            by_code[code].township_name,
            by_code[code].name,
            *row,
        )
        for code, *row in zip(
            columns.division_id,
            columns.road,
            columns.door_number,
            columns.estate,
            columns.building,
            columns.unit,
            columns.room,
            columns.group,
            strict=True,
        )
    ]


def _homophones() -> dict[str, list[str]]:
    """Common characters (GB2312 level 1) grouped by toneless pinyin."""
    groups: dict[str, list[str]] = {}
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                char = bytes((high, low)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            groups.setdefault(lazy_pinyin(char, style=Style.NORMAL)[0], []).append(char)
    return groups


class Messer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.homophones = _homophones()

    def number(self, value: str, *, digits: bool = False) -> str:
        form = self.rng.random()
        if form < 0.6:
            return value
        if form < 0.75:
            return unicodedata.normalize("NFKC", value).translate(
                {ord(c): 0xFF10 + int(c) for c in "0123456789"}
            )
        if digits or self.rng.random() < 0.3:
            return "".join(
                self.rng.choice([_CN[int(c)], "〇" if c == "0" else _CN[int(c)]]) for c in value
            )
        return _positional(int(value))

    def typo(self, name: str) -> str:
        """One character of the name's stem replaced by a homophone."""
        stem_len = len(name) - (2 if name.endswith(("社区", "街道")) else 1)
        positions = list(range(max(1, stem_len)))
        self.rng.shuffle(positions)
        for i in positions:
            reading = lazy_pinyin(name[i], style=Style.NORMAL)[0]
            others = [c for c in self.homophones.get(reading, []) if c != name[i]]
            if others:
                return name[:i] + self.rng.choice(others) + name[i + 1 :]
        return name

    def mess(self, p: Parts, *, keep_door: bool = False) -> str:
        """A messy spelling; ``keep_door`` keeps road and door number in a flat's address."""
        r = self.rng
        township, village, road, estate = p.township, p.village, p.road, p.estate
        typo_target = r.choice(["village", "road", "estate"]) if r.random() < 0.3 else ""
        if typo_target == "village":
            village = self.typo(village)
        elif typo_target == "road":
            road = self.typo(road)
        elif typo_target == "estate" and estate:
            estate = self.typo(estate)
        prefix = r.choice(["", "", "", "浙江省嘉兴市平湖市", "平湖市", "嘉兴平湖", "浙江平湖市"])
        head = township if r.random() < 0.6 else ""
        if r.random() < 0.1:
            village = village.removesuffix("社区").removesuffix("村")
        if p.estate and r.random() < 0.3:
            head = ""
            village = ""
        head += village
        text = prefix + head
        if p.group:
            text += self.number(p.group) + r.choice(["组", "组", "队"])
        if p.estate and not keep_door and r.random() < 0.2:
            pass  # road and door number left out: the estate carries the address
        else:
            text += road + self.number(p.door) + "号"
        if p.estate:
            text += estate + ("小区" if r.random() < 0.1 and estate.endswith("苑") else "")
            text += self.flat(p)
        if r.random() < 0.15:
            text = "".join(_S2T.get(c, c) for c in text)
        if r.random() < 0.15:
            cut = r.randrange(1, len(text))
            text = text[:cut] + r.choice([" ", "  ", "\u3000"]) + text[cut:]
        if r.random() < 0.1:
            text += r.choice(["附近", " 附近", "旁边"])
        return text

    def flat(self, p: Parts) -> str:
        r = self.rng
        form = r.random()
        building = self.number(p.building)
        if form < 0.3:
            return f"{p.building}-{p.unit}-{p.room}" if p.unit else f"{p.building}-{p.room}"
        marker = r.choice(["幢", "幢", "栋", "号楼", "#"])
        unit = self.number(p.unit) + "单元" if p.unit else ""
        room = self.number(p.room, digits=True) + ("室" if r.random() < 0.6 else "")
        return building + marker + unit + room


def _positional(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _CN[hundreds] + "百"
    if rest < 10:
        return _CN[hundreds] + "百零" + _CN[rest]
    return _CN[hundreds] + "百" + _CN[rest // 10] + "十" + (_CN[rest % 10] if rest % 10 else "")


def absent_variant(p: Parts, known: set[str], rng: random.Random) -> Parts | None:
    """The same address with another door number, room or building, not in the reference."""
    for _ in range(20):
        field = rng.choice(["room", "room", "building", "door"]) if p.room else "door"
        value = int(getattr(p, field))
        if field == "room":
            floor, number = divmod(value, 100)
            new = str(floor * 100 + number + rng.choice([1, 2, 3]))
        else:
            new = str(max(1, value + rng.choice([-2, -1, 1, 2, 3])))
        variant = Parts(**{**p.__dict__, field: new})
        if variant.canonical() not in known:
            return variant
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", type=int, default=6000)
    parser.add_argument("--queries", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()

    parts = reference_parts(args.reference, args.seed)
    reference = [(f"A{i:06d}", p.canonical()) for i, p in enumerate(parts)]
    known = {text for _, text in reference}
    rng = random.Random(args.seed)
    messer = Messer(rng)
    queries: list[tuple[str, str | None]] = []
    while len(queries) < args.queries:
        i = rng.randrange(len(parts))
        if rng.random() < 0.1:
            variant = absent_variant(parts[i], known, rng)
            if variant is not None:
                queries.append((messer.mess(variant, keep_door=True), None))
        else:
            queries.append((messer.mess(parts[i]), reference[i][0]))

    started = time.perf_counter()
    matcher = AddressMatcher.from_reference(reference)
    build_seconds = time.perf_counter() - started
    texts = [text for text, _ in queries]
    started = time.perf_counter()
    results = list(matcher.match_many(texts))
    elapsed = time.perf_counter() - started

    returned = correct = positives = 0
    errors = []
    for (text, truth), result in zip(queries, results, strict=True):
        positives += truth is not None
        if result is not None:
            returned += 1
            correct += result.address_id == truth
        if (result.address_id if result else None) != truth:
            errors.append((text, truth, result))
    for text, truth, result in errors[: args.show_errors]:
        truth_text = dict(reference).get(truth or "", "-")
        print(f"# {text} | truth {truth_text} | got {result}", file=sys.stderr)
    print(
        json.dumps(
            {
                "bench": "address_match",
                "reference": len(reference),
                "queries": len(queries),
                "absent_queries": len(queries) - positives,
                "precision": round(correct / max(returned, 1), 4),
                "recall": round(correct / max(positives, 1), 4),
                "addresses_per_s": round(len(queries) / elapsed),
                "build_s": round(build_seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
