"""What long engine jobs take and return, without any GUI toolkit: a progress callback, a cancellation
question, and a result with its state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from alignment.errors import Cancelled

Progress = Callable[[int, str], None]  # (percent 0..100, what is being done)
ShouldCancel = Callable[[], bool]

T = TypeVar("T")


class JobState(StrEnum):
    COMPLETED = "completed"
    CANCELED = "canceled"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class JobResult(Generic[T]):
    state: JobState
    value: T | None = None
    note: str = ""


def no_progress(_percent: int, _message: str) -> None:
    return None


def never_cancel() -> bool:
    return False


def check_cancel(should_cancel: ShouldCancel | None) -> None:
    """Raise ``Cancelled`` when the caller asked to stop; engines call this between paragraphs."""
    if should_cancel is not None and should_cancel():
        raise Cancelled()
