"""SQLAlchemy models and their invariants; importing this package registers every table."""

from workshop.models.annex import Annex, AnnexPoint, AnnexVersion, DismissedDuplicate
from workshop.models.assignment import GroupAssignment
from workshop.models.attempt import FailedAttempt
from workshop.models.errors import Conflict, DomainError, Forbidden, NotFound
from workshop.models.facilitator import ApiToken, Facilitator
from workshop.models.group import Connection, Group, Participant
from workshop.models.note import Change, Note, NoteRevision
from workshop.models.outline import Question, Section
from workshop.models.room import Broadcast, DisplayLink, Lock, Plan, Step
from workshop.models.workshop import Workshop

__all__ = [
    "Annex",
    "AnnexPoint",
    "AnnexVersion",
    "ApiToken",
    "Broadcast",
    "Change",
    "Conflict",
    "Connection",
    "DismissedDuplicate",
    "DisplayLink",
    "DomainError",
    "Facilitator",
    "FailedAttempt",
    "Forbidden",
    "Group",
    "GroupAssignment",
    "Lock",
    "NotFound",
    "Note",
    "NoteRevision",
    "Participant",
    "Plan",
    "Question",
    "Section",
    "Step",
    "Workshop",
]
