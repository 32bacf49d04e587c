"""The domain: plain functions that validate, change state, commit and return results."""
