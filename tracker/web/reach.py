"""Telling the office which agencies were not notified by mail, and why (domain.reachability)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import flash
from flask_babel import gettext as _

from tracker.domain.labels import UNREACHABLE_LABELS
from tracker.domain.reachability import unreachable_named


def unreachable_text(agency_ids: Iterable[int]) -> str:
    """'A (no e-mail address); B (…)' for the agencies of `agency_ids` mail cannot reach."""
    return "; ".join(
        f"{name} ({UNREACHABLE_LABELS[why]})" for name, why in unreachable_named(agency_ids)
    )


def warn_unreachable(agency_ids: Iterable[int]) -> None:
    """Flash a warning naming the agencies just given work that no mail will reach."""
    text = unreachable_text(list(agency_ids))
    if text:
        flash(
            _(
                "These agencies were not notified, mail cannot reach them: %(names)s. "
                "Add an address on the Agencies page.",
                names=text,
            ),
            "warning",
        )
