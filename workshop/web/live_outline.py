"""The dashboard's and the projector's questions alone, read again when the outline changes."""

from flask import Response, get_template_attribute, jsonify

from workshop.i18n import force_language
from workshop.services.live_pages import DashboardOutline, ProjectorQuestions
from workshop.web.plenary_page import plenary_page_data


def dashboard_outline_response(drawn: DashboardOutline) -> Response:
    """The data the dashboard's scripts hold, and its parts drawn from the outline as HTML (by the
    same macros as the page, so that they are drawn one way only)."""
    plenary = plenary_page_data(drawn.workshop, outline=drawn.outline)
    return never_stored(
        jsonify(
            questions=drawn.questions,
            question_ids_by_group=drawn.question_ids_by_group,
            room=drawn.room,
            plenary=plenary_questions(plenary),
            html={
                "matrix": macro("live/_matrix.html", "notes_matrix")(drawn),
                "questions_panel": macro("live/_outline_controls.html", "panel_outline")(
                    drawn.outline
                ),
                "target_options": macro("live/_outline_controls.html", "target_options")(plenary),
            },
        )
    )


def projector_outline_response(drawn: ProjectorQuestions) -> Response:
    """The projector's questions and the room naming them, in the meeting's language (as the
    projector's page is)."""
    with force_language(drawn.workshop.language):
        plenary = plenary_page_data(drawn.workshop, outline=drawn.outline)
        response = jsonify(
            questions=drawn.questions, room=drawn.room, plenary=plenary_questions(plenary)
        )
    return never_stored(response)


def plenary_questions(plenary: dict) -> dict:
    """What plenary.js names questions and sections by (its words come with the page)."""
    return {"questions": plenary["questions"], "sections": plenary["sections"]}


def macro(template: str, name: str):
    return get_template_attribute(template, name)


def never_stored(response: Response) -> Response:
    # The outline of a moment ago is wrong: no cache (the browser's, a proxy's) may answer.
    response.headers["Cache-Control"] = "no-store"
    return response
