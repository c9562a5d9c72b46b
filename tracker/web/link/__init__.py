"""The page a signed e-mail link opens: report progress without a password."""
