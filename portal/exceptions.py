class DomainError(Exception):
    """A rule of the domain refused the action; the message is safe to show the user."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class ImmutableRecord(Exception):
    """
    Code tried to change or delete a row that is a permanent record (a terms version, later a
    grant). Never shown to users: it means a bug, so it is not a DomainError.
    """
