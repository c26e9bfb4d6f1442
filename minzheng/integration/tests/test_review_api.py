"""/api/v1/integration/reviews: the queue and decisions over REST."""

import json

import pytest
from django.test import Client

from minzheng.accounts.enums import Role
from minzheng.accounts.services.tokens import api_token_issue
from minzheng.accounts.system import system_user
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import Department, MatchStatus, ReviewStatus
from minzheng.integration.models import LinkReview, StagedRecord
from minzheng.integration.tests.review_factories import (
    CHANGANQIAO,
    FeedImportFactory,
    review_for,
)
from minzheng.registry.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DANGHU = 330482001000
LIST = "/api/v1/integration/reviews"


def _decision(client, review_id, body):
    return client.post(
        f"{LIST}/{review_id}/decision", json.dumps(body), content_type="application/json"
    )


@pytest.fixture
def reviewer(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


def test_list_shape_with_masked_identifiers(reviewer, client_for):
    review = review_for(MembershipFactory(person__name="张伟"), name="張偉", probability=0.8)
    person = review.person
    household = person.memberships.get().household

    body = client_for(reviewer).get(LIST).json()

    assert body["page"] == 1
    assert body["has_next"] is False
    [item] = body["results"]
    assert item["id"] == str(review.pk)
    assert item["department"] == "police"
    assert item["record_id"] == review.record_id
    assert item["match_probability"] == 0.8
    assert item["status"] == "pending"
    assert item["decided_at"] is None
    assert item["record"] == {
        "feed_import_id": str(review.staged.feed_import_id),
        "row_number": review.staged.row_number,
        "name": "張偉",
        "id_number_masked": person.id_number_masked,
        "gender": "男",
        "birth_date": "1950-03-01",
        "phone": person.phone,
        "address": household.address.full_text,
    }
    assert item["candidate"] == {
        "id": str(person.pk),
        "name": person.name,
        "id_number_masked": person.id_number_masked,
        "gender": "male",
        "birth_date": "1950-03-01",
        "phone": person.phone,
        "household_id": str(household.pk),
        "household_number": household.number,
        "address": household.address.full_text,
        "village_name": "松枫社区",
    }
    assert item["differing_fields"] == []
    assert person.id_number not in json.dumps(body, ensure_ascii=False)


def test_list_is_scoped_filtered_and_audited(reviewer, client_for):
    police = review_for()
    disability = review_for(feed=FeedImportFactory(department=Department.DISABILITY))
    decided = review_for()
    LinkReview.objects.filter(pk=decided.pk).update(status=ReviewStatus.REJECTED)
    review_for(village=CHANGANQIAO)
    client = client_for(reviewer)

    everything = client.get(LIST).json()
    by_department = client.get(LIST, {"department": "disability"}).json()
    by_import = client.get(LIST, {"feed_import": str(police.staged.feed_import_id)}).json()

    assert [r["id"] for r in everything["results"]] == [str(police.pk), str(disability.pk)]
    assert [r["id"] for r in by_department["results"]] == [str(disability.pk)]
    assert [r["id"] for r in by_import["results"]] == [str(police.pk)]
    events = AuditEvent.objects.filter(action=AuditAction.VIEW, target_type="link_review_queue")
    assert events.count() == 3


def test_list_parameters_are_validated(reviewer, client_for):
    client = client_for(reviewer)
    bad_department = client.get(LIST, {"department": "nope"})
    bad_page = client.get(LIST, {"page": 0})
    assert bad_department.status_code == 422
    assert bad_department.json()["fields"] == {"department": "取值不在允许范围内。"}
    assert bad_page.json()["fields"] == {"page": "取值超出允许范围。"}


@pytest.mark.parametrize("size", [1, 5])
def test_list_issues_a_fixed_number_of_queries(
    reviewer, client_for, size, django_assert_num_queries
):
    for _ in range(size):
        review_for()
    client = client_for(reviewer)
    client.get("/")
    # session, user, jurisdiction, reviews, current households, the audit insert and the
    # session save (3 each with their savepoints): 11, whatever the page holds.
    with django_assert_num_queries(11):
        response = client.get(LIST)
    assert len(response.json()["results"]) == size


def test_approve_returns_the_decided_review(reviewer, client_for):
    review = review_for()

    response = _decision(client_for(reviewer), review.pk, {"approve": True})

    body = response.json()
    assert response.status_code == 200
    assert body["id"] == str(review.pk)
    assert body["status"] == "approved"
    assert body["decided_at"] is not None
    staged = StagedRecord.objects.get(pk=review.staged_id)
    assert (staged.match_status, staged.person_id) == (MatchStatus.MATCHED, review.person_id)


def test_a_second_decision_is_a_conflict(reviewer, client_for):
    review = review_for()
    client = client_for(reviewer)
    _decision(client, review.pk, {"approve": False})

    again = _decision(client, review.pk, {"approve": True})

    assert again.status_code == 409
    assert again.json() == {
        "detail": "该匹配已审核，不能重复审核。",
        "code": "conflict",
        "fields": {},
    }
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.REJECTED


@pytest.mark.parametrize(
    ("body", "fields", "_case"),
    [
        ({}, {"approve": "必填项未提供。"}, "missing"),
        ({"approve": "yes"}, {"approve": "输入有误。"}, "a string is not a decision"),
    ],
)
def test_a_bad_body_is_refused_in_chinese(reviewer, client_for, body, fields, _case):
    review = review_for()
    response = _decision(client_for(reviewer), review.pk, body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "请求内容有误，未保存。",
        "code": "validation_error",
        "fields": fields,
    }
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING


def test_anonymous_gets_401(db):
    review = review_for()
    listed = Client().get(LIST)
    decided = _decision(Client(), review.pk, {"approve": True})
    assert (listed.status_code, decided.status_code) == (401, 401)
    assert listed.json()["code"] == "unauthenticated"
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.PENDING


MATRIX = [
    # (role, jurisdiction, list status, decision status, _case)
    (Role.TOWNSHIP_WORKER, 330482101000, 200, 404, "other township"),
    (Role.VILLAGE_WORKER, 330482001034, 403, 403, "reads the registry, may not review"),
    (Role.HOTLINE_OPERATOR, 330482000000, 403, 404, "hotline operator: no registry access"),
    (Role.AUDITOR, 330482000000, 403, 404, "auditor reads the log, not the registry"),
    (Role.COUNTY_CASEWORKER, 330482000000, 200, 200, "county caseworker"),
]


@pytest.mark.parametrize(("role", "division", "listed", "decided", "_case"), MATRIX)
def test_permission_matrix(make_staff, client_for, role, division, listed, decided, _case):
    review = review_for()
    client = client_for(make_staff(role, division))

    list_response = client.get(LIST)
    decision = _decision(client, review.pk, {"approve": True})

    assert list_response.status_code == listed
    if listed == 200:
        visible = [r["id"] for r in list_response.json()["results"]]
        assert visible == ([str(review.pk)] if decided == 200 else [])
    assert decision.status_code == decided
    expected = ReviewStatus.APPROVED if decided == 200 else ReviewStatus.PENDING
    assert LinkReview.objects.get(pk=review.pk).status == expected
    if decided != 200:
        assert decision.json()["code"] in {"not_found", "permission_denied"}
        assert not AuditEvent.objects.filter(target_type="link_review").exists()


def test_token_callers_share_the_scope_and_session_writes_need_csrf(reviewer):
    review = review_for()
    token = api_token_issue(
        actor=system_user(), user=reviewer, name="测试", scopes=["reviews:read", "reviews:write"]
    )
    csrf_checked = Client(enforce_csrf_checks=True)
    csrf_checked.force_login(reviewer)

    refused = _decision(csrf_checked, review.pk, {"approve": True})
    accepted = _decision(
        Client(headers={"Authorization": f"Bearer {token}"}), review.pk, {"approve": True}
    )

    assert refused.status_code in {401, 403}
    assert accepted.status_code == 200
