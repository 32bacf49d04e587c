"""Small helpers shared by the joining tests."""

from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Group, Participant, Workshop


def join_code_of(app, workshop_id: int) -> str:
    with app.app_context():
        return db.session.get(Workshop, workshop_id).join_code


def group_ids_of(app, workshop_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Group.id).where(Group.workshop_id == workshop_id).order_by(Group.position)
            )
        )


def participants_of(app, workshop_id: int) -> list[tuple[str, int | None, bool]]:
    """(name, group id, active) of every participant, in joining order."""
    with app.app_context():
        rows = db.session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop_id)
            .order_by(Participant.id)
        )
        return [(p.display_name, p.group_id, p.is_active) for p in rows]


def set_config(app, **values) -> None:
    app.config.update(values)
