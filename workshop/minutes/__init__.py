"""The minutes of a meeting: fields, edits, the document as plain data, versions, exports."""
