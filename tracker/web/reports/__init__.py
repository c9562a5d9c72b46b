"""Reports (per notice, agency scoreboard), their downloads, calendar feeds and API tokens."""
