"""Work around a reference-counting bug of the installed PySide6 build on CPython 3.11.

PySide6 6.12 wheels are ``abi3`` builds: every Qt method that returns nothing hands back ``None`` without
taking a reference to it — harmless on CPython 3.12+, where ``None`` is immortal (PEP 683), fatal on 3.11,
where each such call lowers ``None``'s reference count by one until the interpreter aborts with
"none_dealloc: deallocating None" (after a few thousand calls: opening the sample was enough). Measured here:
300 calls of ``QLabel.setText`` lower ``sys.getrefcount(None)`` by exactly 300.

On 3.11 we give ``None`` the effectively infinite reference count 3.12 gives it, once, before any Qt call.
Nothing else is touched; on 3.12+ this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL = 1 << 60


def none_is_mortal() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def immortalize_none() -> None:
    """Raise None's reference count so unbalanced decrements from the bindings can never free it."""
    if not none_is_mortal():
        return
    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every PyObject
    if refcnt.value < _IMMORTAL // 2:
        refcnt.value = _IMMORTAL
