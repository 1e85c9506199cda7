"""The front door: the commands an operator runs (CLI, nightly refresh, run lock, progress, checks, serve, demo)."""
