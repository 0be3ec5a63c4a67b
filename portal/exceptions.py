class DomainError(Exception):
    """A rule of the domain refused the action; the message is safe to show the user."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code
