"""What this process has delivered to its own sockets: for each room, the latest change's seq.

The heartbeat (realtime/heartbeat.py) tells a room its latest seq only when this process has not
delivered or told it already. Every socket that was in the room when the change was delivered
received it over its own connection, and every socket that joined the room since caught up when
it subscribed ("first the rooms, then the reading"), so repeating it tells nobody anything. What
is left to tell is what this process missed: a broadcast lost on its way from another process
(a message-queue outage), or a change stored without a broadcast — which is what the heartbeat
is for. Without this, at a thousand connections every beat sent about a thousand packets, a third
as many again as the notes' own at 50 notes a second (about 0.1 ms of CPU per note).
"""

from __future__ import annotations

import socketio


class DeliveredSeqs:
    """Per room, the highest seq this process delivered to, or told, its sockets there."""

    def __init__(self) -> None:
        self.latest: dict[str, int] = {}

    def delivered(self, room, data) -> None:
        """Remember a change's broadcast to a room (only a change's message has a prev_seq)."""
        if isinstance(room, str) and isinstance(data, dict) and "prev_seq" in data:
            seq = data.get("seq")
            if isinstance(seq, int):
                self.told(room, seq)

    def told(self, room: str, seq: int) -> None:
        # Under the threading mode the queue's listener is a thread of its own: at worst a race
        # keeps a lower seq, and the next beat repeats what the room has (harmless).
        if seq > self.latest.get(room, -1):
            self.latest[room] = seq

    def knows(self, room: str, seq: int) -> bool:
        """Has this room been sent `seq` (or a later change) already?"""
        return self.latest.get(room, -1) >= seq

    def keep_only(self, rooms: set[str]) -> None:
        """Forget the rooms that have no sockets here any more (the map stays small)."""
        self.latest = {room: seq for room, seq in self.latest.items() if room in rooms}


class DeliveryRecordingManager(socketio.Manager):
    """The client manager of a single process, remembering what it delivered (DeliveredSeqs);
    a message to a room with nobody in it is not made at all."""

    def __init__(self) -> None:
        super().__init__()
        self.deliveries = DeliveredSeqs()

    def emit(self, event, data, namespace, room=None, skip_sid=None, callback=None, to=None, **kw):
        room = to or room
        self.deliveries.delivered(room, data)
        if isinstance(room, str) and room not in self.rooms.get(namespace, {}):
            # Nobody in the room (python-socketio drops a room once empty), and no other process
            # to hear of it: no packet to make. Its own emit encodes the message first, for
            # every change's display room when no projector is connected, say.
            return None
        return super().emit(
            event, data, namespace, room=room, skip_sid=skip_sid, callback=callback, **kw
        )


def deliveries_of(server) -> DeliveredSeqs:
    """The delivery record of a Socket.IO server's manager.

    A manager without one (another kind of message queue) gets an empty record each time: it
    knows nothing, so every room is told, as before the record existed.
    """
    deliveries = getattr(server.manager, "deliveries", None)
    return DeliveredSeqs() if deliveries is None else deliveries
