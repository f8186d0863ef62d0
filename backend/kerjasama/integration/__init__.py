"""What leaves the registry: service accounts, the change feed, webhooks."""
