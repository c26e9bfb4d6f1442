"""Declarations (申报) of facts no department reported, which higher layers record.

The 核对报告 lives here, below cases in the import layers, so it cannot read the household's
declarations itself. The app that records them (cases, at 核对) registers a source in its
``AppConfig.ready``; the report asks every source for the household's declarations.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class HouseholdDeclaration:
    fact: str  # the fact's path in a case: assets.financial, support_received_monthly …
    value: str  # as a page shows it
    document: str  # the evidence's number (家庭经济状况声明书 …)
    recorded_on: dt.date
    application_number: str


DeclarationSource = Callable[[uuid.UUID], Sequence[HouseholdDeclaration]]

_sources: list[DeclarationSource] = []


def declaration_source_register(source: DeclarationSource) -> None:
    """Add a source of declarations; registering the same one twice has no effect."""
    if source not in _sources:
        _sources.append(source)


def household_declarations(household_id: uuid.UUID) -> list[HouseholdDeclaration]:
    """Every registered source's declarations about the household, newest first."""
    found = [d for source in _sources for d in source(household_id)]
    return sorted(found, key=lambda d: d.recorded_on, reverse=True)
