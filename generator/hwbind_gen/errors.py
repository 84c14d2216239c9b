"""The one error type of the generator: a problem at a line of a spec file."""


class SpecError(Exception):
    """A problem in a spec, reported as `file:line: message`."""

    def __init__(self, path, line, message):
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


class SpecErrors(Exception):
    """Several problems found in one pass over a spec."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = sorted(errors, key=lambda e: (e.path, e.line))
