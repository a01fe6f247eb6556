"""Expected failures of the `avenir` CLI: printed as one line, never as a traceback."""


class AvenirError(Exception):
    """A failure the user can act on; the message says what happened and what to do."""
