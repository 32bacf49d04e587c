"""The plenary's facilitator actions by the name of their socket event (events and API share it)."""

from collections.abc import Callable

from workshop.models import Change, Workshop
from workshop.services import shares, votes


def vote_settings(data: dict) -> votes.VoteSettings:
    """The settings a vote:open payload gives; what it leaves out takes the default."""
    given = {key: value for key, value in data.items() if value is not None}
    return votes.VoteSettings(**given)


ACTIONS: dict[str, Callable[[Workshop, dict], Change]] = {
    "share:set": lambda workshop, data: shares.set_share(
        workshop, data["source"], data["scope"], data["target_id"]
    ),
    "share:withdraw": lambda workshop, data: shares.withdraw_share(workshop),
    "vote:open": lambda workshop, data: votes.open_vote(workshop, vote_settings(data)),
    "vote:close": lambda workshop, data: votes.close_vote(workshop),
    "vote:reveal": lambda workshop, data: votes.reveal_vote(workshop),
    "vote:reopen": lambda workshop, data: votes.reopen_vote(workshop),
}
