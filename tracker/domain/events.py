"""Signals the domain sends after a change, so e-mails are recorded in the same transaction.

Receivers (the reminders package) add outbox rows to the session; they never commit.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the Assignment; kwargs: actor, now
assignment_created = _signals.signal("assignment-created")
#: sender: the Assignment; kwargs: actor, now, reason
assignment_returned = _signals.signal("assignment-returned")
#: sender: the Assignment; kwargs: actor, now, old_deadline, new_deadline, reason
deadline_changed = _signals.signal("deadline-changed")
#: sender: the ExtensionRequest; kwargs: actor, now, approved (bool)
extension_decided = _signals.signal("extension-decided")
