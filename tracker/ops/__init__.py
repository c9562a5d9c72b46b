"""Running the tracker in service: start-up checks, health, `flask doctor`, backups, logging."""
