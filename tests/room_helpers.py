"""Helpers for the room's tests: clients that also record the room's changes, a fixed clock."""

from datetime import UTC, datetime, timedelta

from tests.realtime_helpers import RecordingClient

ROOM_CHANGES = (
    "plan:changed",
    "step:changed",
    "timer:changed",
    "lock:changed",
    "broadcast:changed",
    "focus:changed",
    "plenary:changed",
)


class SettableClock:
    """The app's CLOCK in tests: stands still until moved."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2026, 3, 4, 14, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def room_client(workshop, auth, catch_up: bool = True) -> RecordingClient:
    """A connected client of a LiveWorkshop that records the room's changes too."""
    client = workshop.client(auth, connect=False)
    for name in ROOM_CHANGES:
        client.sio.on(name, client._recorder(name))
    return client.connect(catch_up)


def apply_room(room: dict, change: dict) -> dict:
    """A client's room after one change: the keys the change carries replace the room's (not
    those saying what the change is, docs/realtime.md "The room object")."""
    about_the_change = ("seq", "kind", "prev_seq", "action")
    return {**room, **{k: v for k, v in change.items() if k not in about_the_change}}


def catch_up_room(client: RecordingClient, since: int, room: dict) -> tuple[dict, int]:
    """Apply every room change since `since`, as a client does after a reconnect."""
    answer = client.call("changes:since", {"seq": since})
    assert answer["ok"], answer
    for change in answer["changes"]:
        if change["kind"] in ROOM_CHANGES:
            room = apply_room(room, change)
    return room, answer["last_seq"]
