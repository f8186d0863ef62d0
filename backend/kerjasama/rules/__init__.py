"""The regulation checks: one small rule per legal requirement, each citing its Pasal."""
