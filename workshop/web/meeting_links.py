"""The public links of the meeting cycle: a meeting's submission page, a submitter's personal
link and a series' members' page (opened without an account; see docs/meetings.md)."""

from workshop.models import Meeting
from workshop.web.join_links import public_base_url


def submission_url(meeting: Meeting) -> str:
    return public_base_url() + f"/submit/{meeting.submission_code}"


def topic_url(token: str) -> str:
    """A submitter's personal link: the topic's status, and editing it until the deadline."""
    return public_base_url() + f"/topic/{token}"


def members_url(token: str) -> str:
    return public_base_url() + f"/members/{token}"
