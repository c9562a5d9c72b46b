"""Errors the domain raises; each carries a stable code and a message users can read."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the request; nothing was changed."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        # Rendered now, in the current user's language, as plain text: a lazy translation
        # would reach templates as "safe" markup, unescaped, with agency names inside it.
        self.message = str(message)
        super().__init__(self.message)
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
