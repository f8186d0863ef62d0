"""The procedure engine: stage machines as data, transitions, approvals and the working-day calendar."""
