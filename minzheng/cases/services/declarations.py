"""申报 at 核对: a 未核对 fact gets a value only as the household's declaration, with evidence.

``check.py`` calls these while it confirms the 核对, inside its transaction and lock: a
declaration is staged while the form is checked and written only if nothing is refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.case_values import UNVERIFIABLE
from minzheng.cases.models import Application, FactAttestation
from minzheng.core.exceptions import Message

REASON_MAX = 500
DOCUMENT_MAX = 64


@dataclass(frozen=True)
class Declaration:
    """What the worker wrote beside a declared value: why it stands, and its evidence."""

    reason: str = ""
    document_number: str = ""


def declared_source(document_number: str) -> str:
    """The source a declared value carries in the case, for the pages and the notice."""
    return _("家庭申报(证明材料 %(document)s)") % {"document": document_number}


class DeclarationDraft:
    """The declarations one 核对 confirms: staged per path, then written together."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self.existing = {a.path: a for a in application.attestations.all()}
        self.staged: dict[str, tuple[object, Declaration]] = {}
        self.withdrawn: list[str] = []

    def is_declarable(self, path: str, old: object) -> bool:
        """A fact still 未核对, or one whose value is an earlier declaration."""
        return path in UNVERIFIABLE and (old is None or path in self.existing)

    def take(
        self,
        path: str,
        value: object,
        declaration: Declaration | None,
        errors: dict[str, Message],
    ) -> str:
        """Stage the value of a declarable fact; returns its source ("" while 未核对)."""
        if value is None:
            if path in self.existing:
                self.withdrawn.append(path)
            return ""
        declaration = declaration or Declaration()
        reason = declaration.reason.strip()[:REASON_MAX]
        document = declaration.document_number.strip()[:DOCUMENT_MAX]
        kept = self.existing.get(path)
        if not reason and not document and kept is not None and kept.declared_value == value:
            return declared_source(kept.document_number)  # the earlier declaration stands
        if not reason or not document:
            errors[path] = _(
                "没有部门数据的事实只能按家庭申报填写：请写明理由和证明材料编号"
                "(如家庭经济状况声明书编号)。"
            )
            return ""
        self.staged[path] = (value, Declaration(reason, document))
        return declared_source(document)

    def save(self, actor: User) -> dict[str, str]:
        """Write the staged declarations; returns {path: document number} for the audit."""
        FactAttestation.objects.filter(
            application=self.application, path__in=self.withdrawn
        ).delete()
        for path, (value, declaration) in self.staged.items():
            FactAttestation.objects.update_or_create(
                application=self.application,
                path=path,
                defaults={
                    "declared_value": value,
                    "reason": declaration.reason,
                    "document_number": declaration.document_number,
                    "recorded_by": actor,
                },
            )
        return {path: d.document_number for path, (_v, d) in sorted(self.staged.items())}


def declarations_of(raw: Mapping[str, Mapping[str, str]]) -> dict[str, Declaration]:
    """Form entries {path: {"reason": …, "document_number": …}} as declarations."""
    return {
        path: Declaration(entry.get("reason", ""), entry.get("document_number", ""))
        for path, entry in raw.items()
    }
