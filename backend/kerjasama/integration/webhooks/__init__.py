"""Webhooks: subscriptions to the change feed, signed (Standard Webhooks) and retried deliveries."""
