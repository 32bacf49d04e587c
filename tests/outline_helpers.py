"""Shared by the outline, groups and demo tests: the issue's example outline and small helpers."""

from workshop.extensions import db
from workshop.models import Facilitator, Workshop
from workshop.services import accounts

# The example of issue 2, exactly as a facilitator pastes it.
ISSUE_EXAMPLE = """\
# Questions on the international strategy
1. Who can the institute work for and keep its independence and legitimacy: countries, companies etc.?
2. What is essential due diligence for such efforts?
3. Criteria for partners, and for ending a partnership?
# Questions on the national strategy
## A. In the world we live in, how can the institute strategically:
1. Secure its independence and keep its influence?
2. Fulfil its mandate to promote human rights?
## B. Reflections on the strategic themes:
1. Are these the right topics?
2. Is something missing?
"""  # noqa: E501


def api_token_for(app, facilitator_id: int) -> dict:
    """Authorization headers with a fresh API token of this facilitator."""
    with app.app_context():
        facilitator = db.session.get(Facilitator, facilitator_id)
        _token, secret = accounts.create_api_token(facilitator, "tests")
    return {"Authorization": f"Bearer {secret}"}


def workshop_outline(app, workshop_id: int) -> list[dict]:
    from workshop.services.outline import numbered_outline

    with app.app_context():
        return numbered_outline(db.session.get(Workshop, workshop_id))


def outline_as_text(app, workshop_id: int) -> str:
    from workshop.services.outline_text import export_outline

    with app.app_context():
        return export_outline(db.session.get(Workshop, workshop_id))


def question_texts(outline: list[dict]) -> list[str]:
    from workshop.services.outline import outline_questions

    return [question["text"] for question in outline_questions(outline)]
