"""How the audit log names the visit and wish targets (``core.audit_targets``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.registry.selectors import household_numbers
from minzheng.visits.enums import Need, ReferralDepartment
from minzheng.visits.models import Visit, Wish
from minzheng.visits.services.records import VISIT_FORM_TARGET, WISH_LIST_TARGET
from minzheng.visits.services.wishes import WISH_TARGET


def register() -> None:
    audit_target_register(
        "visits.visit",
        AuditTarget(
            label=_("探访记录"),
            model=Visit,
            name=lambda visit: f"{timezone.localtime(visit.visited_at):%Y-%m-%d %H:%M}",
            labels={
                "has_photo": _("有照片"),
                "wishes": _("微心愿数"),
                "referrals": _("转介部门"),
            },
            choices={"needs": Need.choices, "referrals": ReferralDepartment.choices},
            references={"household": "registry.household"},
        ),
    )
    audit_target_register(
        WISH_TARGET, AuditTarget(label=_("微心愿"), model=Wish, name=lambda wish: wish.item)
    )
    audit_target_register(WISH_LIST_TARGET, AuditTarget(label=_("微心愿列表")))
    audit_target_register(
        VISIT_FORM_TARGET, AuditTarget(label=_("探访表单"), names=household_numbers)
    )
    for section, label in (("visits", _("户的探访记录")), ("wishes", _("户的微心愿"))):
        audit_target_register(
            f"visits.household_{section}", AuditTarget(label=label, names=household_numbers)
        )
