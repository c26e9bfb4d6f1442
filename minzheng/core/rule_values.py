"""Every shipped rule value in one format: dated, cited, assumptions marked (ADR 0034).

A rule value the release ships (a warning threshold, a due day, a visit interval, a weight of
the 五型三色 model, a step's time limit, how old a department's data may be) lives in its app's
``rule_values.yaml``, next to the code that reads it, in the shape the eligibility parameters
already have (OpenFisca's YAML) and a county admin's ``DatedSetting`` row repeats: a name,
values keyed by the date they start, each with a ``reference``::

    interval_days.red:
      label: 红色对象探访间隔(天)
      2024-01-01:
        value: 7
        reference: 《关于…的意见》（某厅，2022-06）：高风险对象至少每周探访一次
    review_body:
      "330482":               # a region's own value (a 6-digit region code), else every region
        2024-01-01: {value: 平湖市人民政府, reference: "MODEL：…"}

A ``reference`` is either a citation of a document of ``rule_sources.yaml`` (its exact
``《title》（issuer，number，date）`` prefix, then what of it the value rests on) or, for a value
no document backs, ``MODEL：`` and why it was chosen: an assumption a county admin must confirm
(``is_assumption``; the eligibility parameters' confirmation, ADR 0019, reads the same mark). It
never points at a folder of this repository: someone who installs the release has no research
notes beside it. ``reference_problems`` says what is wrong with one; the walker test runs it
over every file.

No Django here: the OpenFisca country package (``eligibility.rules``) reads this module too.
"""

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

RULE_FILE_NAME = "rule_values.yaml"
SOURCES_FILE = Path(__file__).with_name("rule_sources.yaml")
PACKAGE_ROOT = Path(__file__).parent.parent
ASSUMPTION_MARK = "MODEL"
_REGION = re.compile(r"^\d{6}$")
# What a pointer into this repository or its research notes looks like (a seed article, the
# domain spec's sections, a path): none of it exists for a reader of the release.
_REPOSITORY_POINTERS = re.compile(
    r"seed\s*\d|seeds/|shared/|\.\./|docs/|domain\s*§|spec\s*§|\.md\b|\.txt\b|\.ya?ml\b",
    re.IGNORECASE,
)

Value = Decimal | str


@dataclass(frozen=True)
class Document:
    """A public document a shipped value rests on: who issued it, when, where to read it."""

    key: str
    title: str
    issuer: str
    date: str  # ISO date, or the year and month when the day is not known
    number: str = ""  # 文号, e.g. 国务院令第649号
    url: str = ""

    @property
    def citation(self) -> str:
        """The prefix a reference starts with: 《社会救助暂行办法》（国务院，…）."""
        parts = "，".join(part for part in (self.issuer, self.number, self.date) if part)
        return f"《{self.title}》（{parts}）"


@dataclass(frozen=True)
class Shipped:
    """One shipped value of one rule number, in force from ``start`` (in ``region``, or all)."""

    name: str
    label: str
    region: str | None
    start: dt.date
    value: Value
    reference: str

    @property
    def assumption(self) -> bool:
        return is_assumption(self.reference)


def is_assumption(reference: str) -> bool:
    """A value no document backs: a county admin must confirm it (ADR 0019, ADR 0034)."""
    return reference.lstrip().upper().startswith(ASSUMPTION_MARK)


@cache
def documents() -> dict[str, Document]:
    """The catalogue of documents shipped values cite, by key."""
    data = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))
    return {
        key: Document(key, **{field: str(text) for field, text in fields.items()})
        for key, fields in data.items()
    }


def document(key: str) -> Document:
    return documents()[key]


def cited_document(reference: str) -> Document | None:
    """The catalogued document a reference cites (its citation is the reference's prefix)."""
    for doc in documents().values():
        if reference.startswith(doc.citation):
            return doc
    return None


def reference_problems(reference: object) -> list[str]:
    """What is wrong with a reference: missing, pointing into the repository, or citing no
    catalogued document without being marked an assumption. Empty when it is right."""
    if not isinstance(reference, str) or not reference.strip():
        return ["no reference"]
    problems = []
    if _REPOSITORY_POINTERS.search(reference):
        problems.append(f"points into the repository: {reference!r}")
    if is_assumption(reference):
        if not reference.startswith(f"{ASSUMPTION_MARK}："):
            problems.append(f"an assumption starts with {ASSUMPTION_MARK}：, not {reference!r}")
        elif not reference.removeprefix(f"{ASSUMPTION_MARK}：").strip():
            problems.append("an assumption says why it was chosen")
    elif cited_document(reference) is None:
        problems.append(f"cites no document of rule_sources.yaml: {reference!r}")
    return problems


@dataclass(frozen=True)
class ShippedValues:
    """The shipped values of one ``rule_values.yaml``: every dated value of every name."""

    path: Path
    entries: tuple[Shipped, ...]

    def names(self) -> list[str]:
        return list(dict.fromkeys(entry.name for entry in self.entries))

    def label(self, name: str) -> str:
        return next(entry.label for entry in self.entries if entry.name == name)

    def at(self, name: str, day: dt.date, *, region: str | None = None) -> Value | None:
        """The value of ``name`` in force on ``day``: the region's own values when it has any,
        else the values for every region; None before the first start."""
        own = [e for e in self.entries if e.name == name and e.region == region]
        if region is not None and not own:
            own = [e for e in self.entries if e.name == name and e.region is None]
        held = [e for e in own if e.start <= day]
        return max(held, key=lambda e: e.start).value if held else None

    def current(self, name: str) -> Value:
        """The one shipped value of ``name`` for every region: what code without a day (a
        module constant) holds. A name with a second dated value must be read with ``at``
        on the day in question, so this refuses it loudly rather than pick one."""
        values = [e for e in self.entries if e.name == name and e.region is None]
        if not values:
            raise KeyError(name)
        if len(values) > 1:
            raise TypeError(f"{self.path.name}: {name} has dated values; read it with at(day)")
        return values[0].value

    def reference(self, name: str) -> str:
        """The reference of the newest shipped value of ``name`` (for every region if there is
        one, else a region's own): what a settings page shows beside the shipped value."""
        values = [e for e in self.entries if e.name == name]
        if not values:
            raise KeyError(name)
        return max(values, key=lambda e: (e.region is None, e.start)).reference

    def number(self, name: str) -> Decimal:
        value = self.current(name)
        if not isinstance(value, Decimal):
            raise TypeError(f"{self.path.name}: {name} is not a number")
        return value

    def integer(self, name: str) -> int:
        value = self.number(name)
        if value != value.to_integral_value():
            raise TypeError(f"{self.path.name}: {name} is not a whole number")
        return int(value)


def _value(raw: object) -> Value:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise TypeError(f"a rule value is a number or words, not {raw!r}")
    return raw if isinstance(raw, str) else Decimal(str(raw))


def _dated(
    name: str, label: str, region: str | None, values: Mapping[object, object]
) -> Iterator[Shipped]:
    for start, held in values.items():
        if not isinstance(start, dt.date) or not isinstance(held, Mapping):
            raise TypeError(f"{name}: values are keyed by their start date: {start!r}")
        yield Shipped(
            name, label, region, start, _value(held.get("value")), str(held.get("reference", ""))
        )


def parse(path: Path) -> ShippedValues:
    """Read one rule file; a malformed one fails loudly at import, never a silent default."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries: list[Shipped] = []
    for name, node in data.items():
        label = str(node.get("label", name))
        for key, held in node.items():
            if key == "label":
                continue
            if isinstance(key, str) and _REGION.match(key):
                entries.extend(_dated(name, label, key, held))
            else:
                entries.extend(_dated(name, label, None, {key: held}))
    return ShippedValues(path, tuple(entries))


@cache
def load(path: Path) -> ShippedValues:
    return parse(path)


def rule_files(root: Path = PACKAGE_ROOT) -> Iterator[Path]:
    """Every ``rule_values.yaml`` of the package: the walker test reads them all."""
    yield from sorted(root.rglob(RULE_FILE_NAME))
