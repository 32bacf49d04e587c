"""Blueprints: facilitator pages, participant pages and the JSON API. Thin views only."""

from workshop.web import (
    annex,
    auth,
    errors,
    groups,
    joining,
    live,
    main,
    minutes,
    minutes_save,
    outline,
    plan,
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
    api_bp,
]
