"""Values and filters every template can use."""

from flask import Flask
from flask_babel import get_locale

from workshop.formats import local_date, local_datetime, local_number, local_percent, local_time
from workshop.web.annex_vote_panel import results_chart
from workshop.web.annex_votes import results_url
from workshop.web.plenary_page import participant_question_ids, plenary_page_data


def register(app: Flask) -> None:
    @app.context_processor
    def inject_language():
        return {"current_language": str(get_locale() or "en"), "languages": LANGUAGE_NAMES}

    # Every date, time and number a page shows goes through these, so all pages agree.
    app.add_template_filter(local_date, "date")
    app.add_template_filter(local_datetime, "datetime")
    app.add_template_filter(local_number, "number")
    app.add_template_filter(local_time, "time")
    app.add_template_filter(local_percent, "percent")
    # The live pages' plenary parts (templates/live/_plenary_data.html) read it for one workshop.
    app.add_template_global(plenary_page_data)
    app.add_template_global(participant_question_ids)
    # A vote's results as the bar chart's data (templates/votes/_chart.html).
    app.add_template_global(results_chart)
    # A participant's own link to the published annex (templates/live/_results_link.html).
    app.add_template_global(results_url)


# Each language named in itself, as a language switcher shows it.
LANGUAGE_NAMES = {"en": "English", "da": "Dansk", "nb": "Norsk bokmål"}
