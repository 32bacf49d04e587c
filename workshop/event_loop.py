"""Whether this process serves on gevent's event loop, where work that blocks stops everyone."""

import sys


def on_event_loop() -> bool:
    """True under gevent's monkey-patching (production's workers, `workshop run` in gevent
    mode): there one greenlet that computes or blocks holds every connection of the process."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("threading")
