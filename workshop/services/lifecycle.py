"""A workshop's lifecycle: draft → live → closed (and back), recorded in its change feed."""

from flask_babel import lazy_gettext as _l

from workshop.extensions import db
from workshop.models import Change, DomainError, Workshop
from workshop.models.note import allocate_seq
from workshop.models.workshop import STATUSES

STATUS_CHANGE_KIND = "workshop:status"


def change_status(workshop: Workshop, status: str) -> Change | None:
    """Move the workshop to `status`; returns the recorded change, or None if nothing changed.

    The model refuses moves the lifecycle does not allow (a Conflict). Callers run it through
    services.live.write_live, which publishes the returned change once this has committed.
    """
    if status not in STATUSES:
        raise DomainError("invalid_status", _l("This is not a workshop status."), field="status")
    if status == workshop.status:
        return None
    workshop.move_to(status)
    change = Change(
        workshop_id=workshop.id,
        seq=allocate_seq(workshop.id),
        kind=STATUS_CHANGE_KIND,
        group_id=None,
        payload={"status": status},
    )
    db.session.add(change)
    db.session.commit()
    return change
