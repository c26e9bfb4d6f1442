import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.registry.tests.factories import MembershipFactory, household_with_members

pytestmark = pytest.mark.django_db


def test_search_page_renders_results_and_htmx_fragment(caseworker, client_for):
    MembershipFactory(person__name="张伟")
    client = client_for(caseworker)
    full = client.get(reverse("registry:household_search"), {"q": "张伟"})
    fragment = client.get(
        reverse("registry:household_search"), {"q": "张伟"}, headers={"HX-Request": "true"}
    )
    assert "户籍查询" in full.content.decode()
    assert "张伟" in full.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "张伟" in fragment.content.decode()


@pytest.mark.parametrize("size", [1, 8])
def test_household_page_issues_a_fixed_number_of_queries(
    caseworker, client_for, size, django_assert_num_queries
):
    home = household_with_members(size)
    client = client_for(caseworker)
    client.get("/")  # warm the session
    # session, user, jurisdiction, household, audit insert (3 with its savepoint), members,
    # history, lineage, session save (3 with its savepoint): 13, whatever the household's size.
    with django_assert_num_queries(13):
        response = client.get(reverse("registry:household_detail", args=[home.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("********") == size


@pytest.mark.parametrize("size", [1, 5])
def test_search_issues_a_fixed_number_of_queries(
    caseworker, client_for, size, django_assert_num_queries
):
    for _ in range(size):
        MembershipFactory(person__name="李娜")
    client = client_for(caseworker)
    client.get("/")
    # session, user, jurisdiction, matching persons, their memberships in the jurisdiction,
    # households, their members, the audit insert and the session save (3 each with their
    # savepoints): 13, however many households match.
    with django_assert_num_queries(13):
        response = client.get(reverse("registry:household_search"), {"q": "李娜"})
    assert response.content.decode().count("李娜") >= size


def test_reveal_button_swaps_in_the_full_number(caseworker, client_for):
    person = MembershipFactory().person
    response = client_for(caseworker).post(reverse("registry:person_reveal", args=[person.pk]))
    assert response.content.decode().strip() == (
        f'<span class="mono revealed">{person.id_number}</span>'
    )
    assert AuditEvent.objects.filter(action=AuditAction.REVEAL).count() == 1


def test_village_worker_sees_no_reveal_button(make_staff, client_for):
    home = household_with_members(1)
    client = client_for(make_staff(Role.VILLAGE_WORKER, 330482001034))
    page = client.get(reverse("registry:household_detail", args=[home.pk])).content.decode()
    assert "hx-post" not in page


def test_history_shows_who_changed_what(caseworker, client_for):
    from minzheng.registry.services.persons import person_update

    person = MembershipFactory().person
    person_update(actor=caseworker, person_id=person.pk, values={"phone": "17088887777"})
    home = person.memberships.get().household
    page = client_for(caseworker).get(reverse("registry:household_detail", args=[home.pk]))
    assert "17088887777" in page.content.decode()
    assert caseworker.username in page.content.decode()


def test_english_interface_is_available(caseworker, client_for):
    client = client_for(caseworker)
    english_browser = client.get(reverse("registry:household_search"), HTTP_ACCEPT_LANGUAGE="en")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("registry:household_search")).content.decode()
    assert "户籍查询" in english_browser.content.decode()  # Chinese unless chosen
    assert "Household search" in page


def test_members_are_listed_head_first_then_by_age(caseworker, client_for):
    import datetime as dt

    head = MembershipFactory(
        relation="head", person__name="户主甲", person__birth_date=dt.date(1990, 1, 1)
    )
    home = head.household
    MembershipFactory(
        household=home,
        relation="parent",
        person__name="父亲乙",
        person__birth_date=dt.date(1960, 1, 1),
    )
    MembershipFactory(
        household=home,
        relation="child",
        person__name="孩子丙",
        person__birth_date=dt.date(2015, 1, 1),
    )
    page = client_for(caseworker).get(reverse("registry:household_detail", args=[home.pk]))
    text = page.content.decode()
    assert text.index("户主甲") < text.index("父亲乙") < text.index("孩子丙")


def test_searches_are_audited_without_the_query(caseworker, client_for):
    person = MembershipFactory(person__name="周杰").person
    client_for(caseworker).get(reverse("registry:household_search"), {"q": person.id_number})
    event = AuditEvent.objects.get(action=AuditAction.SEARCH)
    assert event.changes == {"field": "id_number", "results": 1}
    assert person.id_number not in str(event.changes)


def test_editing_a_person_records_history_and_never_shows_the_full_number(caseworker, client_for):
    person = MembershipFactory(person__name="吴刚", person__phone="17011112222").person
    client = client_for(caseworker)
    url = reverse("registry:person_edit", args=[person.pk])

    form = client.get(url).content.decode()
    saved = client.post(
        url,
        {
            "name": "吴钢",
            "id_type": "resident_id",
            "id_number": "",
            "phone": "17011112222",
            "status": "alive",
        },
    )

    assert person.id_number not in form
    assert person.id_number_masked in form
    assert saved.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.id_number) == ("吴钢", person.id_number)
    event = AuditEvent.objects.get(action=AuditAction.UPDATE)
    assert event.changes == {"name": ["吴刚", "吴钢"]}


def test_edit_form_names_the_bad_field_and_saves_nothing(caseworker, client_for):
    person = MembershipFactory(person__name="吴刚").person
    response = client_for(caseworker).post(
        reverse("registry:person_edit", args=[person.pk]),
        {
            "name": "",
            "id_type": "resident_id",
            "id_number": "330482195003010013",
            "phone": "",
            "status": "alive",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "姓名不能为空。" in page
    assert "身份证号校验位不正确，请逐位核对。" in page
    person.refresh_from_db()
    assert person.name == "吴刚"
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_village_workers_see_no_edit_link_and_may_not_edit(make_staff, client_for):
    person = MembershipFactory().person
    client = client_for(make_staff(Role.VILLAGE_WORKER, 330482001034))
    home = person.memberships.get().household
    page = client.get(reverse("registry:household_detail", args=[home.pk])).content.decode()
    assert reverse("registry:person_edit", args=[person.pk]) not in page
    assert client.get(reverse("registry:person_edit", args=[person.pk])).status_code == 403
