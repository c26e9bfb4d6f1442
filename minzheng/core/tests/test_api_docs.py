import json
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.json"


@pytest.mark.django_db
def test_openapi_is_served_and_matches_the_committed_snapshot():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["info"]["title"] == "minzheng 民政 API"
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert served == committed, "API changed: run `make schema` and commit docs/api/openapi.json"


@pytest.mark.django_db
def test_docs_page_loads_no_cdn(caseworker, client_for):
    page = client_for(caseworker).get("/api/v1/docs").content.decode()
    assert "swagger" in page.lower()
    assert "cdn" not in page.lower()
    assert "https://" not in page
