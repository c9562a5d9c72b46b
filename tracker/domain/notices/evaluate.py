"""Measuring the reader against notices whose directives an officer has written down."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .agencies import AgencyRef
from .reading import read_notice
from .text import collapse, fold_aligned

FIELDS = (
    "directives",
    "lead",
    "lead_agencies",
    "support",
    "support_agencies",
    "deadline",
    "recurrence",
    "ongoing",
)
HEADER_FIELDS = ("issuer", "number", "issued_on", "year", "kind")


@dataclass
class FieldScore:
    """Counts for one field: true positives, items found, items expected."""

    true_positives: int = 0
    found: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        """Share of what the reader found that was expected (1.0 when it found nothing)."""
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of what was expected that the reader found (1.0 when nothing was expected)."""
        return self.true_positives / self.expected if self.expected else 1.0

    def add(self, found: set[Any], expected: set[Any]) -> None:
        """Count one directive's items."""
        self.true_positives += len(found & expected)
        self.found += len(found)
        self.expected += len(expected)


@dataclass
class EvaluationReport:
    """Precision and recall per field over a corpus, with the notices' own results."""

    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    header: dict[str, FieldScore] = field(
        default_factory=lambda: {f: FieldScore() for f in HEADER_FIELDS}
    )
    notices: list[dict[str, Any]] = field(default_factory=list)

    def format_table(self) -> str:
        """Return the scores as a plain-text table."""
        lines = [f"{'field':<18}{'precision':>10}{'recall':>8}{'tp':>6}{'found':>7}{'expected':>9}"]
        for name, score in [
            *self.fields.items(),
            *((f"header.{k}", v) for k, v in self.header.items()),
        ]:
            lines.append(
                f"{name:<18}{score.precision:>10.2f}{score.recall:>8.2f}{score.true_positives:>6}"
                f"{score.found:>7}{score.expected:>9}"
            )
        lines.append(f"notices: {len(self.notices)}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Return the scores as plain data."""

        def score(s: FieldScore) -> dict[str, Any]:
            """One field's figures."""
            return {
                "precision": s.precision,
                "recall": s.recall,
                "true_positives": s.true_positives,
                "found": s.found,
                "expected": s.expected,
            }

        return {
            "fields": {k: score(v) for k, v in self.fields.items()},
            "header": {k: score(v) for k, v in self.header.items()},
            "notices": self.notices,
        }


@dataclass
class BatchScore:
    """One batch of unseen notices: its score when first read (blind) and today's."""

    name: str
    blind: dict[str, FieldScore]
    now: dict[str, FieldScore]


def evaluate_batches(
    directory: Path, load_registry: Callable[[Path], Sequence[AgencyRef]]
) -> list[BatchScore]:
    """Score every batch-NN/ folder (texts, expected files, agencies.csv, blind.json)."""
    batches = []
    for folder in sorted(Path(directory).glob("batch-*")):
        registry = folder / "agencies.csv"
        if not folder.is_dir() or not registry.exists():
            continue
        now = evaluate_corpus(folder, load_registry(registry)).fields
        recorded = folder / "blind.json"
        blind = _recorded_scores(recorded) if recorded.exists() else {}
        batches.append(BatchScore(folder.name, blind, now))
    return batches


def _recorded_scores(path: Path) -> dict[str, FieldScore]:
    data = json.loads(path.read_text(encoding="utf-8"))["fields"]
    return {
        name: FieldScore(v["true_positives"], v["found"], v["expected"]) for name, v in data.items()
    }


def format_batches(batches: list[BatchScore]) -> str:
    """Blind and current F1 per field and batch, and over all batches together."""
    total = BatchScore("all", _summed(b.blind for b in batches), _summed(b.now for b in batches))
    lines = [f"{'batch':<10}{'field':<18}{'blind P/R/F1':>20}{'now P/R/F1':>20}"]
    for batch in [*batches, total]:
        for name in FIELDS:
            lines.append(
                f"{batch.name:<10}{name:<18}{_prf(batch.blind.get(name)):>20}"
                f"{_prf(batch.now.get(name)):>20}"
            )
    return "\n".join(lines)


def _summed(groups: Iterable[dict[str, FieldScore]]) -> dict[str, FieldScore]:
    out = {name: FieldScore() for name in FIELDS}
    for group in groups:
        for name, score in group.items():
            if name in out:
                out[name].true_positives += score.true_positives
                out[name].found += score.found
                out[name].expected += score.expected
    return out


def _prf(score: FieldScore | None) -> str:
    if score is None:
        return "-"
    p, r = score.precision, score.recall
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f}/{r:.2f}/{f1:.2f}"


def evaluate_corpus(directory: Path, agencies: Sequence[AgencyRef]) -> EvaluationReport:
    """Read every X.txt that has an X.expected.json beside it and score the reading."""
    report = EvaluationReport()
    for text_path in sorted(Path(directory).glob("*.txt")):
        expected_path = text_path.with_name(text_path.stem + ".expected.json")
        if not expected_path.exists():
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        registry = _subtree(agencies, expected.get("registry_root"))
        got = read_notice(text_path.read_text(encoding="utf-8"), registry).to_json()
        matched = _score_notice(report, got, expected)
        report.notices.append(
            {
                "notice": text_path.name,
                "expected": len(expected["directives"]),
                "found": len(got["directives"]),
                "matched": matched,
            }
        )
    return report


def _subtree(agencies: Sequence[AgencyRef], root: str | None) -> Sequence[AgencyRef]:
    """The registry an office of one province has: its root and everything under it.

    A corpus registry holds several provinces; a portal article often does not say which
    province it is from, which the office that pastes it knows.
    """
    if root is None:
        return agencies
    children: dict[str | None, list[AgencyRef]] = {}
    for agency in agencies:
        children.setdefault(agency.parent_code, []).append(agency)
    kept = [a for a in agencies if a.code == root]
    for agency in kept:
        kept += children.get(agency.code, [])
    return kept


def _key(text: str | None) -> str:
    return collapse(fold_aligned(text or ""))


def _score_notice(report: EvaluationReport, got: dict[str, Any], expected: dict[str, Any]) -> int:
    for name in HEADER_FIELDS:
        if name in expected:
            same = _key(str(got.get(name))) == _key(str(expected[name]))
            report.header[name].add({name} if same else set(), {name})
    pairs = _match_directives(got["directives"], expected["directives"])
    score = report.fields["directives"]
    score.true_positives += len(pairs)
    score.found += len(got["directives"])
    score.expected += len(expected["directives"])
    for name in FIELDS[1:]:
        for e_index, e in enumerate(expected["directives"]):
            g = got["directives"][pairs[e_index]] if e_index in pairs else None
            if name in e:
                report.fields[name].add(_items(name, g) if g else set(), _items(name, e))
        unmatched_found = set(range(len(got["directives"]))) - set(pairs.values())
        for g_index in unmatched_found:
            report.fields[name].add(_items(name, got["directives"][g_index]), set())
    return len(pairs)


def _match_directives(got: list[dict], expected: list[dict]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for e_index, e in enumerate(expected):
        start = _key(e["text_start"])
        for g_index, g in enumerate(got):
            if g_index not in used and _key(g["text"]).startswith(start):
                pairs[e_index] = g_index
                used.add(g_index)
                break
    return pairs


def _items(name: str, directive: dict[str, Any]) -> set[Any]:
    value = directive.get(name)
    if name in ("lead", "support"):
        return {_key(v) for v in value or []}
    if name.endswith("_agencies"):
        return set(value or [])
    if name == "ongoing":
        return {True} if value else set()
    return {value} if value else set()
