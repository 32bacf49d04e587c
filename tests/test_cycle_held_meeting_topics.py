"""A topic still undecided when the meeting has been held: its review offers what can still be
done (defer it to the next meeting, decline it) and says why it cannot become an item, instead of
a button that is only refused."""

from tests.conftest import csrf_token_from
from tests.meeting_pages_helpers import plan_series_meeting
from tests.workshops_helpers import text_of


def test_an_undecided_topic_of_a_held_meeting_is_offered_defer_and_decline_only(
    app, client, coordinator, owner
):
    planned = plan_series_meeting(app, owner, language="nb")
    other = app.test_client()
    url = f"/submit/{planned.submission_code}"
    token = csrf_token_from(other.get(url).get_data(as_text=True))
    topic = {"submitter_name": "Åse", "department": "Asyl", "title": "Ventetid"}
    assert other.post(url, data={"csrf_token": token, **topic}).status_code == 303
    coordinator(f"/meetings/{planned.meeting_id}/status", {"status": "held"})

    page = client.get(f"/meetings/{planned.meeting_id}/topics")
    html, text = page.get_data(as_text=True), text_of(page)
    assert "Accept as a new item" not in text
    assert "This meeting has been held: its agenda can no longer be changed." in text
    assert "Defer : Ventetid" in text and "Decline : Ventetid" in text
    assert "/accept" not in html

    coordinator(f"/meetings/{planned.meeting_id}/status", {"status": "planned"})
    assert "Accept as a new item" in text_of(client.get(f"/meetings/{planned.meeting_id}/topics"))
