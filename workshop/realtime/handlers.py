"""Socket.IO event handlers (placeholder; filled in by the live-notes feature)."""
