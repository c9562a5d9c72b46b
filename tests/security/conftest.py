"""The security suite reuses the web tests' world: agencies, people of every role, one task."""

from tests.web.conftest import world  # noqa: F401 - a fixture, used by name
