"""Errors the user can cause; the CLI prints their message, the GUI shows a dialog."""


class UserError(Exception):
    """A problem with the user's input or set-up, described in one clear sentence."""


class Cancelled(Exception):
    """Raised by a progress callback to stop a long extraction; nothing is delivered."""
