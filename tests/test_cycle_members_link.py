"""The members' link is shown once, on a page a reload cannot repeat: reloading it (or coming back
to it) makes no new link, so the link just sent to the members keeps working."""

from tests.meeting_pages_helpers import plan_series_meeting
from tests.workshops_helpers import text_of


def link_on(page: str) -> str:
    start = page.index('id="members-link-url">') + len('id="members-link-url">')
    return page[start : page.index("<", start)].replace("http://localhost", "")


def test_reloading_the_page_that_shows_the_members_link_keeps_that_link_working(
    app, client, coordinator, owner
):
    planned = plan_series_meeting(app, owner)
    made = coordinator(f"/series/{planned.series_id}/members-link")
    assert made.status_code == 303
    shown_at = made.headers["Location"]
    shown = client.get(shown_at)
    assert shown.status_code == 200
    assert shown.headers["Cache-Control"] == "no-store"
    link = link_on(shown.get_data(as_text=True))
    assert app.test_client().get(link).status_code == 200

    reloaded = client.get(shown_at, follow_redirects=True)
    assert "The members' link is shown only once, just after it is made." in text_of(reloaded)
    assert "members-link-url" not in reloaded.get_data(as_text=True)
    # The link the coordinator copied still opens the members' page.
    assert app.test_client().get(link).status_code == 200


def test_a_new_members_link_replaces_the_old_one_only_when_asked_for(
    app, client, coordinator, owner
):
    planned = plan_series_meeting(app, owner)
    first = link_on(
        coordinator(f"/series/{planned.series_id}/members-link", follow_redirects=True).get_data(
            as_text=True
        )
    )
    second = link_on(
        coordinator(f"/series/{planned.series_id}/members-link", follow_redirects=True).get_data(
            as_text=True
        )
    )
    assert first != second
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200
