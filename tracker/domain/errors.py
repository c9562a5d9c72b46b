"""Errors the domain raises; each carries a stable code and a message users can read."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the request; nothing was changed."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(str(message))
        self.message = message  # may be a lazy translation, rendered in the user's language
        self.field = field
        if code:
            self.code = code


class TransitionRefused(DomainError):
    code = "transition_refused"


class PermissionDenied(DomainError):
    code = "forbidden"


class InvalidInput(DomainError):
    code = "invalid"


class NotFound(DomainError):
    code = "not_found"
