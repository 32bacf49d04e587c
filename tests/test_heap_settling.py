"""Once a wave of connects is over, the serving process freezes the connections' objects too."""

import gc

import pytest

from tests.realtime_helpers import live, wait_until  # noqa: F401
from workshop.collector import COLLECTOR_SETTLED
from workshop.realtime.heap import HEAP_SETTLING, HeapSettling


@pytest.fixture
def settled_collector(app):
    """The app as a serving process runs it (collector.settle_collector), without touching the
    test process's thresholds; the test process's heap is unfrozen again afterwards."""
    app.extensions[COLLECTOR_SETTLED] = True
    app.config["GC_SETTLE_SECONDS"] = 0.3
    yield
    app.extensions[COLLECTOR_SETTLED] = False  # the clients' goodbyes freeze nothing more
    app.extensions.get(HEAP_SETTLING, HeapSettling()).stop()
    gc.unfreeze()


def test_objects_of_a_connect_wave_are_frozen_once_it_settles(live, settled_collector):  # noqa: F811
    workshop = live()
    before = gc.get_freeze_count()

    workshop.as_facilitator()
    for index in range(5):
        workshop.as_participant(index % 2, f"P{index}")

    assert wait_until(lambda: gc.get_freeze_count() > before)
    after_first_wave = gc.get_freeze_count()
    workshop.as_participant(0, "Late")  # someone joins later: their objects are frozen too
    assert wait_until(lambda: gc.get_freeze_count() > after_first_wave)


def test_a_process_that_did_not_freeze_its_start_up_heap_freezes_nothing(live, app):  # noqa: F811
    app.config["GC_SETTLE_SECONDS"] = 0.1
    workshop = live()
    before = gc.get_freeze_count()

    workshop.as_participant(0, "Ada")

    assert not wait_until(lambda: gc.get_freeze_count() != before, timeout=1.0)
