"""The one exception hierarchy for everything a user can cause; kzcn.cli.status maps each to its exit status."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge base, located as precisely as the file allows."""

    file: str
    """The knowledge-base file."""
    message: str
    """What was expected and what was found, and the fix where one is obvious."""
    line: int | None = None
    """1-based line, or None when the problem has no single place (a fingerprint, say)."""
    column: int | None = None
    """1-based column, or None."""
    path: str = ""
    """The field path, such as facts[12].quantity.amount; empty for the file as a whole."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field_part = f" {self.path}:" if self.path else ""
        from kzcn.escape import visible

        return visible(f"{where}:{field_part} {self.message}", one_line=True)


class KzcnError(Exception):
    """Something the user asked for or gave kzcn cannot be done; the message says why."""

    def lines(self) -> list[str]:
        """The message as the lines to print on stderr."""
        return [f"kzcn: {self}"]


class NotFoundError(KzcnError):
    """What was asked for does not exist: an unknown id, a year with no figure."""


class UsageError(KzcnError):
    """The command line asks for something kzcn cannot do (an unknown field, say)."""


class KnowledgeBaseError(KzcnError):
    """The knowledge base cannot be read, parsed or validated; every problem is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems

    @classmethod
    def of_file(cls, path: str, message: str) -> KnowledgeBaseError:
        """One problem of the file as a whole (it cannot be read, or holds no text), at no line."""
        return cls([Problem(path, message)])

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]
