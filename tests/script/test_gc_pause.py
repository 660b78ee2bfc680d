"""``collector_paused``: what is made inside goes to the oldest generation, still collectable."""

from __future__ import annotations

import gc

from assistant.script.gc_pause import collector_paused


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_objects_made_inside_end_in_the_oldest_generation_unfrozen() -> None:
    gc.collect()
    with collector_paused():
        with collector_paused():  # nested: the outer pause decides
            made = [[index] for index in range(5000)]
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 1000  # not left in the young generation to be walked there
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in made[::500])


def test_a_cycle_made_inside_is_still_collected() -> None:
    with collector_paused():
        first, second = Node(), Node()
        first.other, second.other = second, first
        address = id(first)
        del first, second
    gc.collect()
    assert address not in {id(item) for item in gc.get_objects()}


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
