"""Errors that become an object's status and reason instead of stopping a scan.

An extractor raises one of these; the pipeline records the object with the
`status` and the short `reason` code of the contract (`encrypted`,
`too large`, `corrupt`, `archive limit`, `not a regular file`, ...) plus a
human `detail`.  The detail names the file kind and the problem, never
document content.
"""

from __future__ import annotations

from datawacht.records import ObjectStatus


class ExtractionError(Exception):
    """The object could not be (fully) read; `reason` is the contract code."""

    reason = "corrupt"
    status = ObjectStatus.ERROR

    def __init__(self, detail: str, reason: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if reason is not None:
            self.reason = reason


class EncryptedError(ExtractionError):
    reason = "encrypted"


class CorruptError(ExtractionError):
    reason = "corrupt"


class TooLargeError(ExtractionError):
    reason = "too large"
    status = ObjectStatus.SKIPPED


class ArchiveLimitError(ExtractionError):
    reason = "archive limit"


class UnsupportedError(ExtractionError):
    reason = "unsupported"
    status = ObjectStatus.SKIPPED


class UnreadableError(ExtractionError):
    reason = "unreadable"


class VanishedError(ExtractionError):
    """Deleted or moved between the walk and the read: nothing to inspect,
    and the next scan no longer meets it (its findings are then resolved)."""

    reason = "vanished"
    status = ObjectStatus.SKIPPED


class NoTextLayerError(ExtractionError):
    """Pages are images (a scan): what was read is reported, the object is partial."""

    reason = "no text layer"
    status = ObjectStatus.PARTIAL


class ConfigError(Exception):
    """A usage or configuration problem: the CLI exits with code 2."""
