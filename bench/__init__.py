"""The load harness: Workshop's real-time server against a bare python-socketio fan-out server."""
