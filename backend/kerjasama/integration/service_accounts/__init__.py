"""Service accounts: machine clients (the province's systems, scripts) signing in with client credentials."""
