"""Fusion of the dense and keyword rankings, and shaping by agency."""

from __future__ import annotations

import pytest

from assistant.retrieve.search import fuse


def test_first_on_both_sides_scores_one() -> None:
    dense = {"a": 0.9, "b": 0.8, "c": 0.1}
    keyword = {"a": 12.0, "c": 3.0}
    scores = fuse([(dense, 1.0), (keyword, 1.0)], k=20)
    assert scores["a"] == pytest.approx(1.0)
    # b: second on the dense side only; c: third dense, second keyword
    assert scores["b"] == pytest.approx((1 / 22) / (2 / 21))
    assert scores["c"] == pytest.approx((1 / 23 + 1 / 22) / (2 / 21))
    assert sorted(scores, key=scores.__getitem__, reverse=True) == ["a", "c", "b"]


def test_weights_decide_between_sides() -> None:
    dense = {"d": 0.9, "k": 0.1}
    keyword = {"k": 5.0, "d": 1.0}
    assert fuse([(dense, 1.0), (keyword, 1.0)], k=20)["d"] == pytest.approx(
        fuse([(dense, 1.0), (keyword, 1.0)], k=20)["k"]
    )
    keyword_heavy = fuse([(dense, 0.5), (keyword, 2.0)], k=20)
    assert keyword_heavy["k"] > keyword_heavy["d"]
    dense_only = fuse([(dense, 1.0), (keyword, 0.0)], k=20)
    assert dense_only["d"] == pytest.approx(1.0) and dense_only["k"] < 1.0


def test_empty_and_zero_weights() -> None:
    assert fuse([({}, 1.0), ({}, 1.0)], k=20) == {}
    assert fuse([({"a": 1.0}, 0.0)], k=20) == {"a": 0.0}
