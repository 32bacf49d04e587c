"""The message queue joining several server processes: python-socketio's Redis manager, tuned for
outages so that a Redis restart neither holds up note writers nor keeps broadcasts away for long.

What python-socketio does by itself: a failed publish is logged ("Cannot publish to redis…") and
dropped — clients recover it with the gap rule and the heartbeat (docs/realtime.md) — and the
next publish reconnects. What is changed here:

- redis-py retries a failed command up to ten times with back-off and waits up to 5 s for a
  connection; a writer publishes before it acknowledges (and, in its process, before the
  workshop's next change can be published), so when Redis is unreachable (rather than refusing
  at once) every note could wait for seconds. Here a publish tries once, with a short connect
  timeout, and gives up.
- the listener doubles its wait after each failure up to a minute, so after a ten-second outage
  broadcasts from other processes could stay away for many seconds; here it retries every second.
- publishing and listening each have a Redis client of their own (see the class).
"""

from __future__ import annotations

import time

import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry

from workshop.realtime.delivered import DeliveredSeqs

LISTEN_RETRY_SECONDS = 1.0
CONNECT_TIMEOUT_SECONDS = 2.0


class OutageTolerantRedisManager(socketio.RedisManager):
    """The Redis manager with fast-failing publishes and a steady reconnect while listening.

    Publishing and listening use Redis clients of their own: in the library both share `redis`
    and `pubsub` attributes that whichever thread reconnects replaces, so a publisher
    reconnecting during an outage could swap the pub/sub object under the listener.
    """

    def __init__(self, url: str, **options):
        super().__init__(url, **options)
        self.publisher = self.new_client()  # connects at its first command, reconnects by itself
        self.deliveries = DeliveredSeqs()

    def _handle_emit(self, message):
        # Every delivery to this process's own sockets passes here: its own broadcasts at once,
        # the other processes' as they arrive from Redis (one lost on the way is not recorded).
        data = message.get("data")
        if isinstance(data, list) and len(data) == 1:
            self.deliveries.delivered(message.get("room"), data[0])
        return super()._handle_emit(message)

    def new_client(self):
        return self._get_redis_module().Redis.from_url(self.redis_url, **self.redis_options)

    def _publish(self, data):
        try:
            return self.publisher.publish(self.channel, self.json.dumps(data))
        except Exception as exc:
            # Lost for the other processes' clients, not for good: they notice the gap in seq
            # (prev_seq, seq:latest) and catch up. The next publish reconnects.
            self._get_logger().error(
                "Cannot publish to redis... dropped", extra={"redis_exception": str(exc)}
            )
            return None

    def _redis_listen_with_retries(self):  # pragma: no cover - replaces the library's loop
        while True:
            try:
                pubsub = self.new_client().pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                yield from pubsub.listen()
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
