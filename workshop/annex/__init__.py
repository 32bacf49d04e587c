"""The annex: compile notes into points, curate them, build the document and render it."""
