from django.http import HttpRequest
from ninja import Router, Schema

from minzheng.accounts.enums import ROLE_CAPABILITIES, Role
from minzheng.accounts.models import User

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    display_name: str
    role: str
    role_label: str
    jurisdiction_code: str | None
    jurisdiction_name: str | None
    capabilities: list[str]


@router.get("/me", response=MeOut)
def me_get(request: HttpRequest) -> MeOut:
    user = request.user
    assert isinstance(user, User)
    role = Role(user.role) if user.role else None
    division = user.jurisdiction
    return MeOut(
        username=user.username, display_name=user.display_name, role=user.role,
        role_label=str(role.label) if role else "",
        jurisdiction_code=division.short_code if division else None,
        jurisdiction_name=division.name if division else None,
        capabilities=sorted(ROLE_CAPABILITIES.get(role, frozenset())) if role else [],
    )
