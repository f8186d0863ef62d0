"""Operations on a whole installation: backup and restore (called by the command line)."""
