"""The window's memory kept flat over a long game: the C allocator told to give freed pixels back.

Every card rebuilds the screen's widgets, and each widget's image is a pixel buffer that
SDL allocates with ``malloc``. glibc keeps freed memory inside the process for reuse, and
raises its threshold for giving big blocks their own pages each time such a block is
freed, so after a few hundred cards the heap held tens of megabytes of freed surfaces in
fragments it could not return: the soak measured the resident size 38% above its value
after the first month while the live surfaces stayed at the same 58 MB. Here every block
of 32 kB or more (a button's image and anything larger: a panel, a map layer, a text box)
gets its own pages, returned the moment it is freed, and the window trims the heap after
a screen's widgets were replaced. In the frames bench's soak the resident size at the end
stood 33% above the first month before, 11% with a 128 kB threshold, 4% with 32 kB.
Elsewhere than glibc both calls do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

#: mallopt parameters (glibc's malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: blocks this large or larger are mapped on their own and unmapped when freed
MMAP_THRESHOLD = 32 * 1024
#: free memory at the top of the heap beyond this is handed back at once
TRIM_THRESHOLD = 1024 * 1024


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()


def tune_allocator() -> bool:
    """Fix glibc's thresholds (no dynamic raise); True when they were set."""
    if _LIBC is None:
        return False
    return bool(_LIBC.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        _LIBC.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def give_back() -> None:
    """Return the heap's free pages to the system (at a month's end, when a game starts)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
