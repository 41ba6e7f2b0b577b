"""The build's process gives the memory it freed back to the system.

CPython frees a page's HTML as soon as nothing holds it, but the C library keeps the freed
memory for the process to reuse: its resident size stays at its peak. Pagefind starts once
the pages it reads are written and holds a whole language's index (gigabytes in a national
portal) beside the build's process, so at that moment the build hands back what it no longer
holds (`malloc_trim`, on Linux with the GNU C library; elsewhere nothing is done).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _trim() -> object | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None


def give_back() -> bool:
    """Collect what is garbage and return the freed memory to the system; whether the C
    library could."""
    gc.collect()
    trim = _trim()
    if trim is None:
        return False
    return bool(trim(0))  # type: ignore[operator]
