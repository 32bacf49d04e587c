"""The message queue joining several server processes: python-socketio's Redis manager, tuned for
outages so that a Redis restart neither holds up note writers nor keeps broadcasts away for long.

What python-socketio does by itself: a failed publish is logged ("Cannot publish to redis…") and
dropped — clients recover it with the gap rule and the heartbeat (docs/realtime.md) — and the
next publish reconnects. Two things are changed here:

- redis-py retries a failed command ten times with back-off by default; a writer publishes while
  it holds the workshop's order lock, so during an outage every note waited seconds. Here a
  publish tries once (the manager itself tries twice) and gives up at once.
- the listener doubles its wait after each failure up to a minute, so after a ten-second outage
  broadcasts from other processes could stay away for many seconds; here it retries every second.
"""

from __future__ import annotations

import time

import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry

LISTEN_RETRY_SECONDS = 1.0
CONNECT_TIMEOUT_SECONDS = 2.0


class OutageTolerantRedisManager(socketio.RedisManager):
    """The Redis manager with fast-failing publishes and a steady reconnect while listening."""

    def _redis_listen_with_retries(self):  # pragma: no cover - replaces the library's loop
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                yield from self.pubsub.listen()
            except Exception as exc:
                self._get_logger().error(
                    "Cannot receive from redis... retrying in %s secs",
                    LISTEN_RETRY_SECONDS,
                    extra={"redis_exception": str(exc)},
                )
                time.sleep(LISTEN_RETRY_SECONDS)  # cooperative under gevent's monkey-patching


def message_queue_manager(url: str | None, channel: str) -> socketio.RedisManager | None:
    """The client manager for a Redis message queue URL, or None (one process, or not Redis)."""
    if not url or not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    return OutageTolerantRedisManager(
        url,
        channel=channel,
        redis_options={
            "retry": Retry(NoBackoff(), 0),
            "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
        },
    )
