"""Obligations (hak dan kewajiban): schedules, occurrences, fulfilment, force majeure."""
