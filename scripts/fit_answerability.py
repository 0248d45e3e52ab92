"""Fit the answerability model on the gold set's dev split (never the held-out split).

For every dev question that reaches the calibrated decision (not a question about a
plan's own metadata, a place without a plan, or a named agency's assignment), compute the
features of its best candidate passage exactly as the service does, fit a logistic
regression (scikit-learn) with stratified cross-validation, choose the threshold on the
out-of-fold probabilities for refusal precision and recall (keeping false refusals low),
and write the coefficients to ``assistant/answer/answerability.json``.

    PYTHONPATH=$PWD .venv/bin/python scripts/fit_answerability.py [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from assistant.answer.answerability import COEFFICIENTS, FEATURES
from assistant.answer.extractive import decision_features, outlined
from assistant.container import build
from assistant.evals.command import GOLD
from assistant.evals.suite import load_gold
from assistant.settings import Settings
from assistant.types import Turn

MAX_FALSE_REFUSALS = 0.03
REGULARISATION = (0.1, 0.3, 1.0, 3.0)  # inverse strengths tried (scikit-learn's C)


def collect(split: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Features and labels of the split's questions that the model decides."""
    container = build(Settings())
    holder = container.holder
    searcher = container.service._searcher
    rows, labels, ids = [], [], []
    for row in load_gold(GOLD, split):
        history = [Turn(t["role"], t["content"]) for t in row.get("history", [])]
        loaded = holder.load()
        question = loaded.lexicon.understand(row["question"], history)
        if question.metadata_intents or question.foreign_place or question.agency_keys:
            continue  # decided before the model
        result = searcher.search(question, 10)
        features = decision_features(question, result.hits, loaded.units, result.vector)
        if features is None:
            continue
        if outlined(question, loaded.units, list(loaded.generation.documents.values())):
            continue  # answered with the outline of a part before the model decides
        rows.append([features[f] for f in FEATURES])
        labels.append(int(row["answerable"]))
        ids.append(row["id"])
    return np.asarray(rows, dtype=float), np.asarray(labels), ids


def choose_threshold(
    probabilities: np.ndarray, labels: np.ndarray
) -> tuple[float, dict[str, float]]:
    """The threshold with the best refusal F1 among those refusing at most 3% of answerable
    questions (the best F1 overall when none does)."""
    best: tuple[float, float, dict[str, float]] | None = None
    for threshold in np.arange(0.05, 0.96, 0.01):
        refused = probabilities < threshold
        unanswerable = labels == 0
        tp = float(np.sum(refused & unanswerable))
        precision = tp / max(1.0, float(np.sum(refused)))
        recall = tp / max(1.0, float(np.sum(unanswerable)))
        false_refusal = float(np.sum(refused & ~unanswerable)) / max(
            1.0, float(np.sum(~unanswerable))
        )
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        key = f1 - (1.0 if false_refusal > MAX_FALSE_REFUSALS else 0.0)
        stats = {
            "refusal_precision": round(precision, 3),
            "refusal_recall": round(recall, 3),
            "false_refusal": round(false_refusal, 3),
        }
        if best is None or key > best[1]:
            best = (float(threshold), key, stats)
    assert best is not None
    return round(best[0], 2), best[2]


def _f1(stats: dict[str, float]) -> float:
    p, r = stats["refusal_precision"], stats["refusal_recall"]
    return 2 * p * r / max(1e-9, p + r)


def main() -> int:
    """Fit, report the cross-validated figures, write the coefficients."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args()
    x, y, ids = collect("dev")
    print(f"{len(y)} dev questions reach the decision ({int(np.sum(y == 0))} unanswerable)")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    # the regularisation strength is chosen by cross-validation too: few questions, a
    # dozen features
    best: tuple[float, float, float, dict[str, float], np.ndarray] | None = None
    for c in REGULARISATION:
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
        oof = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
        threshold, stats = choose_threshold(oof, y)
        key = _f1(stats) - (1.0 if stats["false_refusal"] > MAX_FALSE_REFUSALS else 0.0)
        print(f"C={c}: threshold {threshold}: {stats}")
        if best is None or key > best[0]:
            best = (key, c, threshold, stats, oof)
    assert best is not None
    _, c, threshold, stats, oof = best
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
    print(f"chosen C={c}, cross-validated threshold {threshold}: {stats}")
    for i, p in enumerate(oof):
        if (p >= threshold) != bool(y[i]):
            print(f"  out-of-fold miss {ids[i]} p={p:.2f} answerable={bool(y[i])}")
    model.fit(x, y)
    data = {
        "weights": {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)},
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "fitted_on": {
            "split": "dev",
            "questions": len(y),
            "cv": "5-fold stratified",
            "C": c,
            **stats,
        },
    }
    print(json.dumps(data, indent=1))
    if not args.dry_run:
        COEFFICIENTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {COEFFICIENTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
