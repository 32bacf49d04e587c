"""Adding a group's members one after another: after each, the page comes back with the form
open and the focus in its first field (it came back closed, to be opened again for every one)."""

import re

from tests.meeting_pages_helpers import plan_series_meeting
from tests.workshops_helpers import text_of


def add_member_form_is_open(html: str) -> bool:
    return re.search(r'<details class="add" open>\s*<summary>Add a member', html) is not None


def test_after_adding_a_member_the_form_is_open_for_the_next_at_its_first_field(
    app, client, coordinator, owner
):
    planned = plan_series_meeting(app, owner)  # the group has members: the form starts closed
    assert not add_member_form_is_open(client.get(f"/series/{planned.series_id}").get_data(True))

    added = coordinator(
        f"/series/{planned.series_id}/members",
        {"name": "Øystein Ærlig", "department": "Direktoratet", "role": "observer"},
    )
    assert added.status_code == 303
    location = added.headers["Location"]
    assert location.endswith("#name")
    page = client.get(location)
    html = page.get_data(as_text=True)
    assert "Øystein Ærlig is added to the members." in text_of(page)
    assert add_member_form_is_open(html)
    assert len(re.findall(r'id="name"', html)) == 1  # where the page's focus goes
