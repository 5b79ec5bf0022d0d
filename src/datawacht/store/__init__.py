"""The findings database: the only code that writes to it (reports read it too).

Open it with `open_store(url)`; everything else goes through `Store`, which
takes and returns plain records.
"""

from datawacht.store.repository import (
    FindingStatus,
    ScanRow,
    ScanStatus,
    Store,
    StoredFinding,
    UnknownScanError,
    open_store,
)

__all__ = [
    "FindingStatus",
    "ScanRow",
    "ScanStatus",
    "Store",
    "StoredFinding",
    "UnknownScanError",
    "open_store",
]
