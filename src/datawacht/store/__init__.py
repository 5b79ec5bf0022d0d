"""The findings database: the only code that talks to it.

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
