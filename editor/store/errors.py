"""Why a project could not be opened or saved, in words an author can act on."""

from __future__ import annotations


class ProjectError(Exception):
    """Base: the message is shown to the author as it is."""


class NotAProjectError(ProjectError):
    pass


class NewerVersionError(ProjectError):
    pass


class DamagedProjectError(ProjectError):
    pass


class SaveError(ProjectError):
    """A write failed (full disk, read-only file...): the text is still in the editor."""


class ReadOnlyError(SaveError):
    """The work was opened read-only: nothing can be written to it."""


class FileReplacedError(SaveError):
    """Another program replaced or moved the file since it was opened."""
