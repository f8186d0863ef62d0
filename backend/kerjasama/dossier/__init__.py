"""The audit dossier of one agreement (ZIP with a SHA-256 manifest) and its printable card (PDF)."""
