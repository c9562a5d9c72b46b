"""The outbox page of the standing office."""
