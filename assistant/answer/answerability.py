"""Calibrated answerability: one logistic decision from features of the best passage.

The coefficients are data (``answerability.json``), fitted on the gold set's dev split with
cross-validation by ``scripts/fit_answerability.py``; the threshold is chosen there for
refusal precision and recall. Features are computed here and nowhere else, so the script
and the service see the same numbers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FEATURES = (
    "dense",  # e5 similarity of the best passage, rescaled from its narrow band
    "keyword",  # keyword score of the best passage (1.0 = top of the keyword ranking)
    "unit",  # e5 similarity of the best quotable unit, rescaled
    "coverage",  # share of the question's topic terms in the best passage (IDF-weighted)
    "heading",  # share of the topic terms in the passage's section heading
    "unit_coverage",  # share of the topic terms in the best unit
    "grounded",  # 1 when every entity the question names is in the cited passage
    "evidence",  # 1 when the passage holds the kind of fact asked (figure, date, phone)
    "agency",  # 1 when the passage is the named agency's own assignment
    "plan",  # 1 when the question names a plan
    "terms",  # how many topic terms the question has (log)
    "unseen",  # share of the question's word pairs no passage contains
)
COEFFICIENTS = Path(__file__).with_name("answerability.json")


def band(similarity: float, low: float = 0.78, high: float = 0.90) -> float:
    """An e5 similarity mapped to 0..1 (they sit in a narrow band: ≈0.78 unrelated,
    ≈0.90 on topic)."""
    return max(0.0, min(1.0, (similarity - low) / (high - low)))


@dataclass(frozen=True)
class Model:
    """A fitted logistic regression over ``FEATURES`` with a decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """P(the plans answer the question) for these features."""
        z = self.bias + sum(self.weights.get(f, 0.0) * features.get(f, 0.0) for f in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))

    def answers(self, features: dict[str, float]) -> bool:
        """The decision: answer when the probability reaches the threshold."""
        return self.probability(features) >= self.threshold


# Used until a fit has been committed: hand-set weights in the spirit of the old rule.
DEFAULT = Model(
    weights={
        "dense": 2.0,
        "keyword": 1.0,
        "unit": 2.0,
        "coverage": 3.0,
        "unit_coverage": 1.0,
        "grounded": 3.0,
        "evidence": 1.0,
        "agency": 3.0,
        "plan": 0.0,
        "terms": 0.0,
    },
    bias=-6.0,
    threshold=0.5,
)


@lru_cache(maxsize=4)
def load_model(path: Path = COEFFICIENTS) -> Model:
    """The committed model, or the default when none has been fitted."""
    if not path.exists():
        return DEFAULT
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )
