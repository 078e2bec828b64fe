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

The pixels also have to be freed in the first place, and pygame_gui's widgets keep theirs in
reference cycles: a text layout and its rows point at each other (every button, label and
text box has one), and so do a panel and its container. Reference counting never frees a
cycle; Python's collector does, but only in a full pass once the widgets lived through a
card, and a full pass waits until the oldest generation grew by a quarter, which with the
hundred thousand objects of the modules, the scenario and the theme took many cards. A
card left about 6 MB of images in such cycles, and the soak saw the resident size jump by
up to 70% between passes and creep up from the fragments. So when a game starts (or the
theme is rebuilt) :func:`settle` moves everything alive to the collector's permanent
generation (``gc.freeze``): those objects last as long as the game, the collector stops
scanning them, and its full pass costs a few milliseconds instead of a few hundred. After a
screen's widgets were replaced :func:`release` collects the old ones' cycles at once and
hands the pages back. The window settles at the end of the frame in which the game started,
not inside the call that started it: the button's handler that called it still holds the
last game's screen, which would otherwise be frozen with the new one and kept for a game.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
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


def settle() -> None:
    """Freeze what is alive now (the modules, the scenario, the theme, a new game's table).

    Called where everything alive will last until the next call: a game's start, a new theme.
    What was frozen before is thawed and collected first, so the last game's cycles are freed
    then and nothing stays frozen past its use.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def forget_dirty_rects(group: object) -> None:
    """Empty pygame_gui's list of the rectangles of killed elements.

    Its sprite group appends two rectangles to ``lostsprites`` (pygame's dirty rectangles for
    a LayeredDirty draw) for every element killed, and nothing in pygame_gui reads or empties
    the list: every widget of every card ever shown stayed there as two Rects. The 30-minute
    soak grew 0.24 MB a game from 214 to 253 MB (+18%) over 140 games before this.
    """
    lost = getattr(group, "lostsprites", None)
    if isinstance(lost, list):
        lost.clear()


def release() -> None:
    """Free the cycles of the widgets just replaced, then give the heap's free pages back.

    A full collection, but of what is not frozen: a game's own objects, a few milliseconds.
    """
    gc.collect()
    give_back()
