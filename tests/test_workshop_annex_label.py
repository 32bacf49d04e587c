"""The annex label ("BILAG 3") is one of the workshop's settings: read and set with the workshop
(API and edit page), and the annex follows it until its editor sets another."""

import pytest

from tests.annex_helpers import add_note
from tests.workshops_helpers import post_form, text_of


@pytest.fixture
def danish_workshop(owner, make_workshop):
    return make_workshop(owner_id=owner, title="Rådsmøde", language="da", status="live")


def markdown(api, workshop_id: int) -> str:
    response = api("get", f"/workshops/{workshop_id}/annex/export", query_string={"format": "md"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_workshop_object_has_the_annex_label_defaulting_to_the_meetings_word(api, danish_workshop):
    workshop = api("get", f"/workshops/{danish_workshop}").get_json()
    assert (workshop["annex_label_word"], workshop["annex_label_number"]) == ("", "1")
    assert markdown(api, danish_workshop).startswith("**BILAG 1**")


def test_setting_the_label_on_the_workshop_puts_it_in_the_annex(api, danish_workshop):
    response = api(
        "patch",
        f"/workshops/{danish_workshop}",
        json={"annex_label_word": "Bilag", "annex_label_number": "3"},
    )
    assert response.status_code == 200
    assert (response.get_json()["annex_label_word"], response.get_json()["annex_label_number"]) == (
        "Bilag",
        "3",
    )
    header = api("get", f"/workshops/{danish_workshop}/annex").get_json()["header"]
    assert (header["label_word"], header["label_number"]) == ("Bilag", "3")
    assert markdown(api, danish_workshop).startswith("**Bilag 3**")


def test_a_label_set_on_the_workshop_holds_back_no_later_note(app, api, danish_workshop):
    """Unlike a header edit of the annex, a workshop setting is no curation of its points."""
    api("patch", f"/workshops/{danish_workshop}", json={"annex_label_number": "2"})
    add_note(app, danish_workshop, "Samarbejde med civilsamfundet")
    annex = api("get", f"/workshops/{danish_workshop}/annex").get_json()
    assert annex["curated"] is False
    assert "Samarbejde med civilsamfundet" in markdown(api, danish_workshop)


def test_the_annex_editors_own_label_wins_over_the_workshops(api, danish_workshop):
    api("patch", f"/workshops/{danish_workshop}/annex", json={"label_number": "5"})
    api("patch", f"/workshops/{danish_workshop}", json={"annex_label_number": "3"})
    assert markdown(api, danish_workshop).startswith("**BILAG 5**")
    assert api("get", f"/workshops/{danish_workshop}").get_json()["annex_label_number"] == "3"


def test_an_oversize_label_is_refused_stating_the_limit(api, danish_workshop):
    response = api("patch", f"/workshops/{danish_workshop}", json={"annex_label_word": "x" * 41})
    assert response.status_code == 400
    fields = response.get_json()["error"]["details"]["fields"]
    assert fields["annex_label_word"] == ["At most 40 characters."]


def test_duplicate_keeps_the_annex_label(api, danish_workshop):
    api("patch", f"/workshops/{danish_workshop}", json={"annex_label_number": "4"})
    copy = api("post", f"/workshops/{danish_workshop}/duplicate").get_json()
    assert copy["annex_label_number"] == "4"


def test_edit_page_sets_the_annex_label(client, owner, login_as, api, danish_workshop):
    login_as(owner)
    url = f"/workshops/{danish_workshop}/edit"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert '<label for="annex_label_word">Annex label</label>' in html
    assert '<label for="annex_label_number">Annex number</label>' in html
    assert "ANNEX, BILAG or VEDLEGG" in text_of(page)
    settings = {
        "title": "Rådsmøde",
        "language": "da",
        "anonymity": "named",
        "group_mode": "self_select",
        "annex_label_word": "",
        "annex_label_number": "2",
    }
    assert post_form(client, url, url, settings).status_code == 302
    assert markdown(api, danish_workshop).startswith("**BILAG 2**")
