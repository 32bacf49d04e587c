"""Dates, times and numbers as a Danish, Norwegian or English reader writes them, in the
configured zone. English is written the British way (en_GB): our English readers are Nordic."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from annex_helpers import add_note, set_workshop, workshop_in
from flask_babel import force_locale
from workshops_helpers import post_form, text_of

import config
import workshop
from workshop import create_app
from workshop.annex.versions import approve_annex
from workshop.extensions import db
from workshop.models import AnnexVersion, Facilitator, Participant
from workshop.models.group import hash_participant_token
from workshop.services import displays
from workshop.services.outline_text import format_example, parse_outline_text

COPENHAGEN = "Europe/Copenhagen"


@pytest.fixture
def app(database_url):
    """The app with TIMEZONE set, as a Danish or Norwegian site would run it."""
    overrides = {"SQLALCHEMY_DATABASE_URI": database_url, "BABEL_DEFAULT_TIMEZONE": COPENHAGEN}
    app = create_app(config.TestingConfig, overrides)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def facilitator_in(client, make_facilitator, login_as):
    """Log in a facilitator who reads Workshop in the given language; returns their id."""

    def log_in(language: str) -> int:
        facilitator_id = make_facilitator(language=language)
        login_as(facilitator_id)
        return facilitator_id

    return log_in


@pytest.mark.parametrize(
    ("language", "shown"),
    [("da", "30. nov. 2026"), ("nb", "30. nov. 2026"), ("en", "30 Nov 2026")],
)
def test_workshop_list_and_page_show_the_date_as_the_reader_writes_it(
    app, client, facilitator_in, make_workshop, language, shown
):
    workshop = make_workshop(owner_id=facilitator_in(language))
    set_workshop(app, workshop, date=date(2026, 11, 30))

    listing = text_of(client.get("/workshops"))
    page = text_of(client.get(f"/workshops/{workshop}"))

    assert shown in listing and shown in page
    assert "2026-11-30" not in listing + page


def test_workshop_page_counts_a_big_meeting_with_the_thousands_separator(
    app, client, facilitator_in, make_workshop
):
    workshop = make_workshop(owner_id=facilitator_in("da"))
    with app.app_context():
        db.session.add_all(
            Participant(
                workshop_id=workshop,
                display_name=f"Deltager {n}",
                token_hash=hash_participant_token(Participant.new_token()),
            )
            for n in range(1234)
        )
        db.session.commit()

    page = text_of(client.get(f"/workshops/{workshop}"))

    assert "1.234 deltagere" in page


def test_join_sheet_prints_the_date_in_full(app, client, facilitator_in, make_workshop):
    workshop = make_workshop(owner_id=facilitator_in("da"), language="da")
    set_workshop(app, workshop, date=date(2026, 11, 30))

    assert "30. november 2026" in text_of(client.get(f"/workshops/{workshop}/join-sheet"))


@pytest.mark.parametrize(
    ("reader", "meeting", "printed", "tag", "print_button"),
    [
        ("nb", "en", ("Scan to join", "30 November 2026"), "en-GB", "Skriv ut"),
        ("en", "da", ("Scan for at deltage", "30. november 2026"), "da", "Print"),
    ],
)
def test_the_join_sheet_is_printed_in_the_meetings_language(
    app, client, facilitator_in, make_workshop, reader, meeting, printed, tag, print_button
):
    # It hangs in the room: the room reads the meeting's language; the page around it (its
    # buttons and links) stays in the facilitator's.
    workshop = make_workshop(owner_id=facilitator_in(reader), language=meeting)
    set_workshop(app, workshop, date=date(2026, 11, 30))

    page = client.get(f"/workshops/{workshop}/join-sheet").get_data(as_text=True)

    sheet = page[page.index('<article class="join-sheet"') : page.index("</article>")]
    assert f'lang="{tag}"' in sheet.split(">", 1)[0]
    assert all(words in sheet for words in printed), sheet
    assert print_button in page[: page.index('<article class="join-sheet"')]


# A known moment: 13:15:42 UTC is 14:15 in Copenhagen in November, an afternoon, so English
# shows it is on the 24-hour clock, day first (en_GB), not "Nov 30, 2026, 2:15 PM".
@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("da", "30. nov. 2026 14.15", ("13.15", "14.15.42")),
        ("en", "30 Nov 2026, 14:15", ("13:15", "14:15:42", "Nov 30", "PM")),
    ],
)
def test_approved_version_shows_local_time_to_the_minute(
    app, client, facilitator_in, make_workshop, language, shown, not_shown
):
    owner = facilitator_in(language)
    workshop = make_workshop(owner_id=owner, status="live")
    add_note(app, workshop, "Samarbejd med civilsamfundet")
    with app.app_context():
        approve_annex(workshop_in(app, workshop), db.session.get(Facilitator, owner))
        version = db.session.scalars(db.select(AnnexVersion)).one()
        version.approved_at = datetime(2026, 11, 30, 13, 15, 42, tzinfo=UTC)
        db.session.commit()

    page = text_of(client.get(f"/workshops/{workshop}/annex"))

    assert shown in page
    assert not any(text in page for text in not_shown)


@pytest.mark.parametrize(("language", "tag"), [("en", "en-GB"), ("da", "da"), ("nb", "nb")])
def test_a_page_says_its_language_with_the_region_english_is_written_for(
    client, facilitator_in, make_workshop, language, tag
):
    # English pages say en-GB, as their dates are written and as the Word documents say, so a
    # browser checks spelling and a screen reader speaks British English; da and nb need none.
    workshop = make_workshop(owner_id=facilitator_in(language), language=language)

    for url in ("/workshops", f"/workshops/{workshop}/projector"):
        assert f'<html lang="{tag}">' in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    ("meeting", "tag", "join_words"),
    [("en", "en-GB", "Join: "), ("da", "da", "Deltag: "), ("nb", "nb", "Bli med: ")],
)
@pytest.mark.parametrize("reader", ["en", "da", "nb"])
def test_the_projector_speaks_the_meetings_language_whatever_the_computer_that_opens_it(
    app, client, facilitator_in, make_workshop, reader, meeting, tag, join_words
):
    # The room reads the screen: its words are in the meeting's language, as its questions are,
    # also when the facilitator's computer (or the display link's browser) reads another.
    owner = facilitator_in(reader)
    workshop = make_workshop(owner_id=owner, language=meeting)
    with app.app_context():
        token = displays.create_display_link(workshop_in(app, workshop), "Room PC").token

    for url in (f"/workshops/{workshop}/projector", f"/display/{token}"):
        page = client.get(url, headers={"Accept-Language": reader}).get_data(as_text=True)
        assert f'<html lang="{tag}">' in page
        assert f'<p class="join-band-address">{join_words}' in page
        # The page's scripts (their words, counts and the socket's errors) follow it.
        assert f'"language": "{meeting}"' in page


def test_an_english_reader_gets_the_source_words_and_english_chosen_for_a_new_workshop(
    client, facilitator_in
):
    # en_GB has no catalogue of its own: the words are the English they are written in, and
    # the forms still offer "en" as the reader's language.
    facilitator_in("en")

    page = client.get("/workshops/new").get_data(as_text=True)

    assert "New workshop" in page
    assert '<option selected value="en">' in page


@pytest.mark.parametrize(
    ("language", "limit"), [("da", "Højst 5.000 tegn."), ("nb", "Høyst 5 000 tegn.")]
)
def test_limit_in_an_error_is_written_with_the_languages_thousands_separator(
    client, facilitator_in, make_workshop, language, limit
):
    workshop = make_workshop(owner_id=facilitator_in(language))
    edit = f"/workshops/{workshop}/edit"

    response = post_form(
        client, edit, edit, {"title": "Strategi", "language": "da", "annex_intro": "x" * 5001}
    )

    assert limit in text_of(response)
    assert "5000" not in text_of(response)


# Bokmål groups digits with a no-break space; a reader's text (text_of) shows it as a space.
@pytest.mark.parametrize(("language", "limit"), [("da", "100.000"), ("nb", "100 000")])
def test_outline_page_gives_its_text_limit_and_example_in_the_readers_language(
    client, facilitator_in, make_workshop, language, limit
):
    workshop = make_workshop(owner_id=facilitator_in(language), sections=())

    page = text_of(client.get(f"/workshops/{workshop}/outline"))

    assert limit in page and "100000" not in page
    assert "International work" not in page
    with client.application.test_request_context(), force_locale(language):
        assert format_example().splitlines()[0] in page


@pytest.mark.parametrize("language", ["en", "da", "nb"])
def test_each_languages_outline_example_parses_as_the_format_says(app, language):
    with app.test_request_context(), force_locale(language):
        example = format_example()
        sections = parse_outline_text(example)

    international, national = sections
    assert [q.style for q in international.questions] == ["decimal", "decimal"]
    assert international.questions[0].guidance
    independence, other_business = national.blocks
    assert independence.prompt and [q.style for q in independence.questions] == ["lower", "lower"]
    assert len(other_business.questions) == 1
    if language != "en":
        with app.test_request_context(), force_locale("en"):
            assert example != format_example()


def test_timezone_comes_from_the_environment_and_a_wrong_one_stops_the_app(monkeypatch):
    monkeypatch.setenv("TIMEZONE", "Europe/Oslo")
    assert config.Config.from_environment()["BABEL_DEFAULT_TIMEZONE"] == "Europe/Oslo"
    with pytest.raises(ValueError, match="Mars/Olympus_Mons"):
        create_app(config.TestingConfig, {"BABEL_DEFAULT_TIMEZONE": "Mars/Olympus_Mons"})


def test_without_timezone_times_are_shown_in_the_servers_own_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Oslo")  # how the server's zone is set for a process
    app = create_app(config.TestingConfig, {"BABEL_DEFAULT_TIMEZONE": None})
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/Oslo"


def test_a_meetings_language_reaches_babel_only_through_workshop_i18n():
    # force_locale("en") would write US dates ("Mar 11, 2027, 9:00 AM") again: every module
    # forces a language with i18n.force_language, which gives Babel en_GB for English.
    root = Path(workshop.__file__).parent
    forcing = sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "force_locale" in path.read_text(encoding="utf-8")
    )
    assert forcing == ["i18n.py"]
