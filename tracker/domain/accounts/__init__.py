"""Accounts: users, sessions, personal API tokens and signed e-mail links."""
