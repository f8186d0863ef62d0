"""The signed-in user's task queue (GET /me/tasks) and the operator's request to the OPD head to submit."""
