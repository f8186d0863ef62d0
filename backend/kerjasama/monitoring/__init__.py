"""Monitoring & evaluation reports: periods, what is due, the questionnaire and its workflow."""
