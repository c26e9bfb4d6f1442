"""微心愿 after the visit: the raiser follows them, charity staff claim one, the household page
lists the household's visits and wishes."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.models import AuditEvent
from minzheng.visits.enums import WishPrivacy, WishStatus
from minzheng.visits.models import Visit, Wish
from minzheng.visits.services.visits import visit_record
from minzheng.visits.tests.conftest import YOULIAN
from minzheng.visits.tests.factories import draft, home

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def raise_wish(worker, household, item="助听器", privacy=WishPrivacy.PUBLIC) -> Wish:
    visit_record(
        actor=worker,
        household_id=household.pk,
        draft=draft(
            submission_id=uuid.uuid4(),
            wish_item=item,
            wish_value=Decimal("450"),
            wish_privacy=privacy,
        ),
    )
    return Wish.objects.get(item=item)


def claim_url(wish):
    return reverse("visits:wish_claim", args=[wish.pk])


def test_the_raiser_sees_the_wishes_raised_and_their_status(village_worker, make_staff, client_for):
    household = home(head="曾国平")
    mine = raise_wish(village_worker, household, privacy=WishPrivacy.RESTRICTED)
    colleague = make_staff(Role.VILLAGE_WORKER, mine.division_id)
    raise_wish(colleague, home(head="王芳"), item="轮椅")

    response = client_for(village_worker).get(reverse("visits:wish_list"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "我登记的微心愿" in body
    assert "助听器" in body
    assert "待认领" in body
    assert "仅本人" in body
    assert reverse("registry:household_detail", args=[household.pk]) in body
    assert "轮椅" not in body  # raised by someone else
    assert "认领" not in body.replace("待认领", "").replace("已认领", "")
    assert AuditEvent.objects.get(target_type="visits.wish_list").changes == {"results": 1}


def test_charity_staff_claim_an_open_wish_once(village_worker, charity_staff, client_for):
    wish = raise_wish(village_worker, home())
    client = client_for(charity_staff)
    assert claim_url(wish) in client.get(reverse("visits:wish_list")).content.decode()

    response = client.post(claim_url(wish), follow=True)

    wish.refresh_from_db()
    assert response.status_code == 200
    assert (wish.status, wish.claimed_by) == (WishStatus.MATCHED, charity_staff)
    assert "已认领" in response.content.decode()
    event = AuditEvent.objects.get(target_type="visits.wish")
    assert (event.action, event.target_id, event.division_code) == (
        "update",
        str(wish.pk),
        wish.division_id,
    )
    assert event.changes == {"status": [WishStatus.OPEN, WishStatus.MATCHED]}
    # The raiser now sees it claimed.
    raiser_page = client_for(village_worker).get(reverse("visits:wish_list")).content.decode()
    assert "已认领" in raiser_page

    again = client.post(claim_url(wish), follow=True)
    assert "此心愿已被认领" in again.content.decode()
    assert AuditEvent.objects.filter(target_type="visits.wish").count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("village", 403), ("other_charity", 404), ("restricted", 404)],
)
def test_a_claim_is_refused_with_nothing_written(
    village_worker, make_staff, client_for, who, status
):
    wish = raise_wish(
        village_worker,
        home(),
        privacy=WishPrivacy.RESTRICTED if who == "restricted" else WishPrivacy.PUBLIC,
    )
    actor = {
        "village": village_worker,
        "other_charity": make_staff(Role.CHARITY_STAFF, YOULIAN),
        "restricted": make_staff(Role.CHARITY_STAFF),
    }[who]
    before = AuditEvent.objects.count()

    response = client_for(actor).post(claim_url(wish))

    assert response.status_code == status
    wish.refresh_from_db()
    assert (wish.status, wish.claimed_by) == (WishStatus.OPEN, None)
    assert AuditEvent.objects.count() == before


def test_the_household_page_sections_list_visits_and_wishes(village_worker, client_for):
    household = home()
    raise_wish(village_worker, household)
    raise_wish(village_worker, home(head="王芳"), item="轮椅")  # another household's
    client = client_for(village_worker)

    visits = client.get(reverse("visits:household_visits", args=[household.pk]))
    wishes = client.get(reverse("visits:household_wishes", args=[household.pk]))

    visits_text, wishes_text = visits.content.decode(), wishes.content.decode()
    assert visits.status_code == wishes.status_code == 200
    assert "探访记录" in visits_text
    assert "2026-11-20 09:00" in visits_text
    assert "上门" in visits_text
    assert reverse("visits:visit_new", args=[household.pk]) in visits_text
    assert "助听器" in wishes_text
    assert "待认领" in wishes_text
    assert "轮椅" not in wishes_text
    assert reverse("visits:wish_list") in wishes_text
    assert Visit.objects.count() == 2


@pytest.mark.parametrize("name", ["visits:household_visits", "visits:household_wishes"])
def test_the_sections_of_another_village_are_not_found(
    village_worker, make_staff, client_for, name
):
    household = home()
    raise_wish(village_worker, household)
    stranger = make_staff(Role.VILLAGE_WORKER, YOULIAN)

    response = client_for(stranger).get(reverse(name, args=[household.pk]))

    assert response.status_code == 404
