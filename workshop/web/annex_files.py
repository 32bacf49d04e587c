"""One way to send an annex export over HTTP, for the page and the API alike, with its CSP."""

import io

from flask import send_file

from workshop.annex.export import Export

# An export may be opened in the browser (HTML): it needs nothing but its own inline styles,
# and must not run or load anything, whatever a note says.
EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def export_response(result: Export, as_attachment: bool = True):
    """The file, with the strict Content-Security-Policy docs/annex.md promises for exports."""
    response = send_file(
        io.BytesIO(result.content),
        mimetype=result.media_type,
        as_attachment=as_attachment,
        download_name=result.filename,
    )
    response.headers["Content-Security-Policy"] = EXPORT_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
