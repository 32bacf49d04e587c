"""What every facilitator page starts with: a logged-in facilitator and a workshop they run."""

from flask_login import current_user

from workshop.extensions import login_manager
from workshop.models import Workshop
from workshop.services import access


def require_login():
    """A blueprint's before_request hook: anyone not logged in goes to the login page."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def workshop_or_404(workshop_id: int) -> Workshop:
    """The workshop if the logged-in facilitator runs it; anyone else gets a 404."""
    return access.get_workshop_for(current_user, workshop_id)
