"""POST /api/v1/drafts/ keeps what it proposed as a Draft, for review on the curators' pages."""
import pytest
from django.contrib.auth.models import User

from curation.models import Draft
from partnerships.models import Agreement
from tests.curation.articles import ARTICLE

pytestmark = pytest.mark.django_db


def test_a_draft_from_the_api_is_kept_for_review_and_nothing_else_is_written(client):
    curator = User.objects.create_user("carla", password="x", is_staff=True)
    client.force_login(curator)
    agreements = Agreement.objects.count()

    response = client.post(
        "/api/v1/drafts/", {"text": ARTICLE, "url": "https://news.example.org/bach-mai", "published_on": "2025-03-04"},
        content_type="application/json",
    )

    assert response.status_code == 200
    draft = Draft.objects.get()
    assert (draft.created_by, draft.status, draft.text, draft.url, str(draft.published_on)) == (
        curator, "open", ARTICLE, "https://news.example.org/bach-mai", "2025-03-04",
    )
    assert draft.proposal == response.json()
    assert Agreement.objects.count() == agreements
    assert client.get(f"/curation/drafts/{draft.pk}/").status_code == 200


def test_a_saved_page_sent_to_the_api_keeps_its_main_text(client):
    client.force_login(User.objects.create_user("carla", password="x", is_staff=True))
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE.split("\n\n"))

    response = client.post(
        "/api/v1/drafts/", {"html": f"<html><body><article>{paragraphs}</article></body></html>"},
        content_type="application/json",
    )

    assert response.status_code == 200
    draft = Draft.objects.get()
    assert "Dao Xuan Co" in draft.text and "<p>" not in draft.text and draft.html.startswith("<html>")


def test_anonymous_callers_keep_no_draft(client):
    assert client.post("/api/v1/drafts/", {"text": ARTICLE}, content_type="application/json").status_code in {401, 403}
    assert not Draft.objects.exists()
