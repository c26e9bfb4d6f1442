"""The cross-jurisdiction probe, generated from the URLconf.

Every URL pattern that takes a path parameter (pages, HTMX fragments, exports, and the API
under /api/v1/) is requested, with every HTTP method it answers, by staff of another area and
by a signed-in citizen of another household, with the id of an object in 友联村 (新仓镇). Each
answer must be a refusal (401, 403, 404, or a redirect to the staff sign-in) and must not
carry the object's personal data: the household head's name and ID number, or another string
its factory names. A county admin of 平湖市 then asks the same route with GET (or the first
method it answers) and must not be refused: that proves the factory's object is the one the
route reads, so a refusal above means the scope held, not that the id was wrong.

The probe fails on a route that takes a parameter it has no factory for. When you add a route:

- if its parameters are named as existing ones (``household_id``, ``application_id``, …),
  nothing is needed: ``PARAMETER_FACTORIES`` supplies them;
- if it takes a new kind of object, add a function ``(world) -> Foreign`` to
  ``PARAMETER_FACTORIES`` under the parameter's name, building the object in ``world.home``'s
  area and returning the path parameters and the strings that must not leak;
- if one parameter name means different objects on different routes (``review_id``), or a
  route takes several ids that must belong together, key the factory by the route's name
  (``namespace:name``, as ``reverse`` takes it) in ``ROUTE_FACTORIES``;
- if the route checks its input before it looks the object up (everyone gets a 400 or 422),
  give it a valid body in ``ROUTE_BODIES``, so the request reaches the access check;
- only a route whose parameter does not name an object kept per jurisdiction goes into
  ``NOT_OBJECT_SCOPED``, with a comment saying why.

Roles: township and village staff of 当湖街道, and every county-level role of another county
(吴兴区): the installation holds 湖州市's counties as well as 平湖市, so a county role of 吴兴区 is
"another area" at county level. Requests go through Django's test client on the test database.
"""

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.addresses.tests.factories import AddressAliasFactory
from minzheng.cases.enums import (
    ApplicationStatus,
    CaseloadReviewStatus,
    ReviewKind,
    ReviewTrigger,
    StepKind,
)
from minzheng.cases.models import BenefitReview, CaseloadReview, PaymentSchedule
from minzheng.cases.tests.factories import (
    ApplicationItemFactory,
    ObjectionFactory,
    PaymentScheduleFactory,
    application_at,
)
from minzheng.core.clock import now
from minzheng.divisions.models import Division
from minzheng.integration.tests.review_factories import FeedImportFactory, review_for
from minzheng.monitoring.enums import Cause, WarningStatus
from minzheng.monitoring.models import EarlyWarning
from minzheng.payments.models import PaymentLine, Recovery
from minzheng.payments.tests.factories import PaymentBatchFactory, PaymentLineFactory
from minzheng.profiling.enums import Colour
from minzheng.registry.enums import Relation
from minzheng.registry.models import Household, Person
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory
from minzheng.statements.views_citizen import CITIZEN_SESSION_KEY
from minzheng.visits.enums import VisitMode
from minzheng.visits.models import Visit, Wish

pytestmark = pytest.mark.django_db

PINGHU = 330482000000  # 平湖市: the foreign objects' county
XINCANG = 330482103000  # 新仓镇
YOULIAN = 330482103217  # 友联村, in 新仓镇: where every foreign object lives
WUXING = 330502000000  # 吴兴区: another county
DANGHU = 330482001000  # 当湖街道
SONGFENG = 330482001034  # 松枫社区, in 当湖街道
HEAD_NAME = "欧阳慕远"  # a name no other fixture uses, so finding it in a body is a leak


@dataclass(frozen=True)
class World:
    """The foreign household every factory builds on, in 友联村."""

    home: Household
    head: Person
    county_clerk: User  # a 平湖市 county caseworker, for objects someone must have made

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.head.name, self.head.id_number)


@dataclass(frozen=True)
class Foreign:
    """What a factory made: the route's path parameters, and what must not appear."""

    kwargs: dict[str, object]
    secrets: tuple[str, ...] = field(default=())


Factory = Callable[[World], Foreign]


def _household(world: World) -> Foreign:
    return Foreign({"household_id": world.home.pk}, world.secrets)


def _person(world: World) -> Foreign:
    return Foreign({"person_id": world.head.pk}, world.secrets)


def _application(world: World) -> Foreign:
    application = application_at(household=world.home)
    return Foreign({"application_id": application.pk}, (*world.secrets, application.number))


def _decided_application(world: World) -> Foreign:
    """An approved application, so that its decision notice exists for its own county."""
    application = application_at(household=world.home)
    application.status = ApplicationStatus.APPROVED
    application.current_step = ""
    application.decided_at = now()
    application.decision_number = "平民决〔2026〕901号"
    application.save(update_fields=["status", "current_step", "decided_at", "decision_number"])
    return Foreign({"application_id": application.pk}, (*world.secrets, application.number))


def _objection(world: World) -> Foreign:
    application = application_at(StepKind.PUBLICITY, household=world.home)
    objection = ObjectionFactory(application=application, content="欧阳家的儿子在上海开公司。")
    return Foreign({"objection_id": objection.pk}, (*world.secrets, objection.content))


def _schedule(world: World) -> PaymentSchedule:
    return PaymentScheduleFactory(
        application_item=ApplicationItemFactory(
            application=application_at(household=world.home),
            granted=True,
            granted_amount=Decimal("525.00"),
        ),
        household=world.home,
    )


def _line(world: World) -> PaymentLine:
    batch = PaymentBatchFactory(division_id=XINCANG, month=dt.date(2026, 12, 1))
    return PaymentLineFactory(schedule=_schedule(world), month=batch.month, batch=batch)


def _batch(world: World) -> Foreign:
    line = _line(world)
    return Foreign({"batch_id": line.batch_id}, (*world.secrets, line.account_number))


def _recovery(world: World) -> Foreign:
    line = _line(world)
    recovery = Recovery.objects.create(line=line, household=world.home, amount=line.amount)
    return Foreign(
        {"household_id": world.home.pk, "recovery_id": recovery.pk},
        (*world.secrets, line.account_number),
    )


def _warning(world: World) -> Foreign:
    warning = EarlyWarning.objects.create(
        household=world.home,
        division_code=YOULIAN,
        cause=Cause.ILLNESS,
        colour=Colour.YELLOW,
        status=WarningStatus.OPEN,
        owner_division_code=YOULIAN,
        raised_on=dt.date(2026, 11, 1),
        first_due_on=dt.date(2026, 11, 25),
        due_on=dt.date(2026, 11, 25),
    )
    return Foreign({"warning_id": warning.pk}, world.secrets)


def _alias(world: World) -> Foreign:
    alias = AddressAliasFactory(township_id=XINCANG, raw_text="友联村欧阳浜17号")
    return Foreign({"alias_id": alias.pk}, (alias.raw_text,))


def _feed_import(world: World) -> Foreign:
    feed = FeedImportFactory(uploaded_by=world.county_clerk, file_name="欧阳慕远的民政名单.csv")
    return Foreign({"feed_import_id": feed.pk}, (feed.file_name,))


def _link_review(world: World) -> Foreign:
    membership = world.home.memberships.get(person=world.head)
    review = review_for(membership, feed=FeedImportFactory(uploaded_by=world.county_clerk))
    return Foreign({"review_id": review.pk}, world.secrets)


def _benefit_review(world: World) -> Foreign:
    schedule = _schedule(world)
    review = BenefitReview.objects.create(
        schedule=schedule,
        household=world.home,
        trigger=ReviewTrigger.PERIODIC,
        kind=ReviewKind.STOP,
        amount_before=schedule.monthly_amount,
        amount_after=Decimal("0.00"),
        effective_month=dt.date(2027, 1, 1),
        review_months=12,
    )
    return Foreign({"review_id": review.pk}, world.secrets)


def _caseload_review(world: World) -> Foreign:
    schedule = _schedule(world)
    review = CaseloadReview.objects.create(
        household=world.home,
        application_item=schedule.application_item,
        roll_amount=Decimal("600.00"),
        status=CaseloadReviewStatus.PENDING,
    )
    return Foreign({"review_id": review.pk}, world.secrets)


def _wish(world: World) -> Foreign:
    visit = Visit.objects.create(
        submission_id=uuid.uuid4(),
        household=world.home,
        division_id=YOULIAN,
        visitor=world.county_clerk,
        mode=VisitMode.HOME,
        visited_at=now(),
        findings="欧阳家需要一台轮椅。",
        next_due_at=now() + dt.timedelta(days=30),
    )
    wish = Wish.objects.create(
        household=world.home,
        visit=visit,
        division_id=YOULIAN,
        item="欧阳家的电动轮椅",
        estimated_value=Decimal("1800.00"),
    )
    return Foreign({"wish_id": wish.pk}, (*world.secrets, wish.item))


# A path parameter's name → the factory of the object it names, whatever the route.
PARAMETER_FACTORIES: dict[str, Factory] = {
    "household_id": _household,
    "person_id": _person,
    "application_id": _application,
    "objection_id": _objection,
    "batch_id": _batch,
    "warning_id": _warning,
    "alias_id": _alias,
    "feed_import_id": _feed_import,
    "wish_id": _wish,
}
# Routes whose parameters mean something their names do not say alone, by route name.
ROUTE_FACTORIES: dict[str, Factory] = {
    "integration:review_decide": _link_review,
    "api:link_review_decision": _link_review,
    "cases:review_decide": _benefit_review,
    "cases:caseload_resolve": _caseload_review,
    "payments:recovery_settle": _recovery,
    "cases:decision_pdf": _decided_application,
}
# A valid body for the routes that check their input before they look the object up, so
# that the request reaches the access check rather than stopping at a 400 or 422.
ROUTE_BODIES: dict[str, dict[str, object] | Callable[[], dict[str, object]]] = {
    "integration:review_decide": {"decision": "approve"},
    "api:link_review_decision": {"approve": True},
    "api:person_add": {"name": "欧阳小远", "relation": "child"},
    "api:feed_import_columns": {"columns": {"name": "姓名"}},
    # A file, posted as multipart: a fresh one per request, since a request reads it.
    "api:batch_reconciliation": lambda: {"file": SimpleUploadedFile("return.txt", b"x")},
}
# Routes that take a parameter which names nothing kept per jurisdiction.
NOT_OBJECT_SCOPED: dict[str, str] = {
    # 公示 is public by law: the board of a 村社 and its objection form are for anyone.
    "publicity:board": "public notice board of a 村社 (村务公开)",
    "publicity:objection_lodge": "public objection form of a notice on the board",
    # A statement's verification link is its own secret; anyone holding it may check it.
    "statements:verify": "verification token printed on a statement",
    # The work calendar is one per county, set by the county admin: no personal data.
    "workdays:calendar_year": "county work calendar (a year)",
    "workdays:calendar_day_set": "county work calendar (a year)",
    "workdays:calendar_day_remove": "county work calendar (a day)",
    # Policy simulations and parameter proposals are county-wide policy work, open to every
    # county role that simulates or edits parameters; their household rows are filtered by
    # jurisdiction in eligibility.selectors.whatifs and tested there.
    "eligibility:whatif_detail": "county-wide policy simulation",
    "eligibility:whatif_export": "county-wide policy simulation",
    "eligibility:parameter_proposal": "county-wide parameter change proposal",
}

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    pattern: str  # as the URLconf writes it, e.g. "cases/<uuid:application_id>/"

    @property
    def parameters(self) -> list[str]:
        return _PARAMETER.findall(self.pattern)

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    def path(self, kwargs: dict[str, object]) -> str:
        return "/" + _PARAMETER.sub(lambda match: str(kwargs[match.group(1)]), self.pattern)


def _walk(patterns: list[object], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield Route(f"{namespace}{entry.name}", prefix + str(entry.pattern))


ROUTES = [route for route in _walk(get_resolver().url_patterns) if route.parameters]
PROBED = [route for route in ROUTES if route.name not in NOT_OBJECT_SCOPED]


def _factory(route: Route) -> Factory:
    if route.name in ROUTE_FACTORIES:
        return ROUTE_FACTORIES[route.name]
    missing = [name for name in route.parameters if name not in PARAMETER_FACTORIES]
    if missing:
        pytest.fail(
            f"{route.name} ({route.pattern}) takes {missing} but the probe has no factory: "
            "add one to PARAMETER_FACTORIES or ROUTE_FACTORIES (see the module docstring)"
        )
    if len(route.parameters) > 1:
        pytest.fail(f"{route.name} takes several ids: give it a ROUTE_FACTORIES entry")
    return PARAMETER_FACTORIES[route.parameters[0]]


@pytest.fixture
def world(make_staff) -> World:
    division = Division.objects.get(code=YOULIAN)
    home = HouseholdFactory(division=division, address__division=division)
    head = PersonFactory(name=HEAD_NAME)
    MembershipFactory(household=home, person=head, relation=Relation.HEAD)
    return World(home, head, make_staff(Role.COUNTY_CASEWORKER, PINGHU))


def _staff_clients(make_staff: Callable[..., User]) -> dict[str, Client]:
    actors = {
        "township of 当湖街道": make_staff(Role.TOWNSHIP_WORKER, DANGHU),
        "village of 松枫社区": make_staff(Role.VILLAGE_WORKER, SONGFENG),
        **{
            f"{role.label} of 吴兴区": make_staff(role, WUXING)
            for role in Role
            if role not in (Role.TOWNSHIP_WORKER, Role.VILLAGE_WORKER)
        },
    }
    clients = {}
    for label, user in actors.items():
        client = Client()
        client.force_login(user)
        clients[label] = client
    return clients


def _citizen_client() -> Client:
    """A citizen signed in (as the sign-in page leaves the session) for another household."""
    neighbour = PersonFactory(name="司马青禾")
    MembershipFactory(person=neighbour, relation=Relation.HEAD)
    client = Client()
    session = client.session
    session[CITIZEN_SESSION_KEY] = {
        "person_id": str(neighbour.pk),
        "until": (now() + dt.timedelta(hours=1)).timestamp(),
    }
    session.save()
    return client


PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")


def _ask(client: Client, method: str, route: Route, path: str) -> HttpResponseBase:
    body = ROUTE_BODIES.get(route.name, {})
    body = body() if callable(body) else body
    if method == "get":
        return client.get(path)
    if route.is_api and any(isinstance(value, UploadedFile) for value in body.values()):
        return client.post(path, body)  # multipart
    if route.is_api:
        return getattr(client, method)(path, data=json.dumps(body), content_type="application/json")
    return client.post(path, body)


def _refused(response: HttpResponseBase) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("route", PROBED, ids=lambda route: route.name)
def test_no_route_shows_a_foreign_object(
    route: Route, world: World, make_staff: Callable[..., User]
) -> None:
    foreign = _factory(route)(world)
    path = route.path(foreign.kwargs)
    clients = {**_staff_clients(make_staff), "citizen of another household": _citizen_client()}
    answered: list[str] = []
    leaks: list[str] = []
    for method in API_METHODS if route.is_api else PAGE_METHODS:
        for label, client in clients.items():
            response = _ask(client, method, route, path)
            if response.status_code == 405:
                continue
            answered.append(method)
            body = response.content.decode(errors="replace")
            shown = [secret for secret in foreign.secrets if secret and secret in body]
            if not _refused(response) or shown:
                leaks.append(f"{method.upper()} as {label}: {response.status_code} {shown}")
    assert answered, f"{route.name}: no method answered {path}"
    assert not leaks, f"{route.name} {path}:\n" + "\n".join(leaks)
    # The owner's county is not refused: the id named the object the route reads.
    owner = Client()
    owner.force_login(make_staff(Role.COUNTY_ADMIN, PINGHU))
    response = _ask(owner, answered[0], route, path)
    assert not _refused(response), f"{route.name}: its own county is refused {path}"


def test_the_probe_covers_every_route_that_takes_a_parameter() -> None:
    """Exclusions name real routes, and the probe would run for every other route."""
    names = {route.name for route in ROUTES}
    assert not set(NOT_OBJECT_SCOPED) - names, "stale exclusions"
    assert not set(ROUTE_FACTORIES) - names, "stale route factories"
    assert not set(ROUTE_BODIES) - names, "stale route bodies"
    assert len(PROBED) + len(NOT_OBJECT_SCOPED) == len(ROUTES)
