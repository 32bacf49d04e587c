"""The notice of a meeting ("innkalling"): built as plain data, rendered as documents and .ics."""
