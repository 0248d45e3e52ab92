"""The model's lock serves waiting requests in arrival order (a plain lock wakes an
arbitrary waiter: under load some requests waited many turns, p95 far above the mean)."""

from __future__ import annotations

import threading
import time

from assistant.index.embeddings import FifoLock


def test_waiters_get_the_lock_in_arrival_order() -> None:
    lock = FifoLock()
    order: list[int] = []
    threads = []
    with lock:  # held while 20 threads line up, one after another
        for i in range(20):
            t = threading.Thread(target=lambda i=i: _take(lock, order, i))
            t.start()
            threads.append(t)
            while len(lock._waiting) < i + 1:  # wait until thread i is queued
                time.sleep(0.001)
    for t in threads:
        t.join(10)
    assert order == list(range(20))


def test_uncontended_and_reentered_after_release() -> None:
    lock = FifoLock()
    for _ in range(3):
        with lock:
            assert lock._held
        assert not lock._held


def _take(lock: FifoLock, order: list[int], i: int) -> None:
    with lock:
        order.append(i)
