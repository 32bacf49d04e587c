"""Values and filters every template can use."""

from typing import Any

from flask import Flask

from workshop.formats import local_date, local_datetime, local_number, local_percent, local_time
from workshop.i18n import current_language, page_tag
from workshop.web.annex_vote_panel import results_chart
from workshop.web.annex_votes import results_url
from workshop.web.join_links import join_code_live_data
from workshop.web.plenary_page import participant_question_ids, plenary_page_data


def with_focus_on_error(attributes: dict[str, Any], field: Any) -> dict[str, Any]:
    """A form field's attributes (templates/_form.html), asking for the focus if it has errors.

    The browser gives it to the first field that asks, so a page that comes back with an error
    starts there and reads the error with the field's label. A field without errors keeps its
    own `render_kw` (the outline's next-question box asks for the focus by itself).
    """
    return {**attributes, "autofocus": True} if field.errors else attributes


def register(app: Flask) -> None:
    @app.context_processor
    def inject_language():
        language = current_language()
        return {
            "current_language": language,
            "page_language": page_tag(language),  # <html lang>: "en-GB", as English is written
            "languages": LANGUAGE_NAMES,
        }

    # Every date, time and number a page shows goes through these, so all pages agree.
    app.add_template_filter(local_date, "date")
    app.add_template_filter(local_datetime, "datetime")
    app.add_template_filter(local_number, "number")
    app.add_template_filter(local_time, "time")
    app.add_template_filter(local_percent, "percent")
    # A document's language as its <html lang> (templates/*/document.html): "en" -> "en-GB".
    app.add_template_filter(page_tag)
    app.add_template_filter(with_focus_on_error)
    # The live pages' plenary parts (templates/live/_plenary_data.html) read it for one workshop.
    app.add_template_global(plenary_page_data)
    app.add_template_global(participant_question_ids)
    # A vote's results as the bar chart's data (templates/votes/_chart.html).
    app.add_template_global(results_chart)
    # A participant's own link to the published annex (templates/live/_results_link.html).
    app.add_template_global(results_url)
    # The pages that show the join code follow it live (templates/joining/_join_code_live.html).
    app.add_template_global(join_code_live_data)


# Each language named in itself, as a language switcher shows it.
LANGUAGE_NAMES = {"en": "English", "da": "Dansk", "nb": "Norsk bokmål"}
