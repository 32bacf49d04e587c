"""Blueprints: facilitator pages, participant pages and the JSON API. Thin views only."""

from workshop.web import (
    agenda,
    annex,
    auth,
    errors,
    groups,
    joining,
    live,
    main,
    meetings,
    members_page,
    minutes,
    minutes_save,
    outline,
    plan,
    series,
    standing_items,
    submission,
    topic_review,
    workshops,
)
from workshop.web.api import bp as api_bp

# Registered in this order by create_app().
BLUEPRINTS = [
    errors.bp,
    main.bp,
    auth.bp,
    workshops.bp,
    outline.bp,
    groups.bp,
    plan.bp,
    joining.bp,
    live.bp,
    annex.bp,
    minutes.bp,
    minutes_save.bp,
    series.bp,
    standing_items.bp,
    meetings.bp,
    agenda.bp,
    topic_review.bp,
    submission.bp,
    members_page.bp,
    api_bp,
]
