"""Per-connection rate limit: a token bucket kept in the socket's own session."""

import threading
import time


class TokenBucket:
    """`rate` events per second on average, up to `burst` at once."""

    # One per connection: slots keep a thousand of them small (no per-object dict).
    __slots__ = ("burst", "lock", "rate", "tokens", "updated")

    def __init__(self, rate: float, burst: int):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = time.monotonic()
        # Events of one connection may be handled in parallel threads.
        self.lock = threading.Lock()

    def take(self) -> float:
        """Take one token: 0 if allowed, else the seconds until the next token is available."""
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            if self.tokens >= 1:
                self.tokens -= 1
                return 0.0
            return (1 - self.tokens) / self.rate
