"""Local ports for the servers that tests start."""

import socket


def free_port() -> int:
    """A port nothing listens on now (the OS chose it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
