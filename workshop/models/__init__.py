"""SQLAlchemy models and their invariants; importing this package registers every table."""

# Every foreign key of a table that grows with a meeting (participants, connections, notes and
# their revisions, changes, annex points, vote points, dots) is indexed: deleting the row it
# points at otherwise scans the whole table once for every row deleted (bench/deletion.py).

from workshop.models.annex import Annex, AnnexPoint, AnnexVersion, DismissedDuplicate
from workshop.models.assignment import GroupAssignment
from workshop.models.attempt import FailedAttempt
from workshop.models.errors import Conflict, DomainError, Forbidden, NotFound
from workshop.models.facilitator import ApiToken, Facilitator
from workshop.models.group import Connection, Group, Participant
from workshop.models.login_session import LoginSession
from workshop.models.meeting import AgendaItem, Attachment, Meeting, RetiredSubmissionCode
from workshop.models.minutes import Minutes, MinutesAnnex, MinutesItem, MinutesOp, MinutesVersion
from workshop.models.note import Change, Note, NoteRevision
from workshop.models.outline import Question, Section
from workshop.models.plenary import Dot, Publication, Share, Vote, VotePoint
from workshop.models.room import Broadcast, DisplayLink, Lock, Plan, Step
from workshop.models.series import Member, Series, StandingItem
from workshop.models.topic import NoticeDelivery, Topic
from workshop.models.workshop import RetiredJoinCode, Workshop

__all__ = [
    "AgendaItem",
    "Annex",
    "AnnexPoint",
    "AnnexVersion",
    "ApiToken",
    "Attachment",
    "Broadcast",
    "Change",
    "Conflict",
    "Connection",
    "DismissedDuplicate",
    "DisplayLink",
    "DomainError",
    "Dot",
    "Facilitator",
    "FailedAttempt",
    "Forbidden",
    "Group",
    "GroupAssignment",
    "Lock",
    "LoginSession",
    "Meeting",
    "Member",
    "Minutes",
    "MinutesAnnex",
    "MinutesItem",
    "MinutesOp",
    "MinutesVersion",
    "NotFound",
    "Note",
    "NoteRevision",
    "NoticeDelivery",
    "Participant",
    "Plan",
    "Publication",
    "Question",
    "RetiredJoinCode",
    "RetiredSubmissionCode",
    "Section",
    "Series",
    "Share",
    "StandingItem",
    "Step",
    "Topic",
    "Vote",
    "VotePoint",
    "Workshop",
]
