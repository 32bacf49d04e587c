"""Socket.IO: connect authentication, rooms, event handlers and the one emitter."""
