"""Errors the user can cause; the CLI prints their message, the GUI shows a dialog."""


class UserError(Exception):
    """A problem with the user's input or set-up, described in one clear sentence."""
