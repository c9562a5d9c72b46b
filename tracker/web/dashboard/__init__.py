"""The dashboard: official figures at a glance, each one a link to the tasks behind it."""
