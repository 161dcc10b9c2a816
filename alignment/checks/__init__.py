"""Divergence checks on aligned EN/RU paragraph pairs; ``CHECKS`` is the one list of them."""

from alignment.checks import anchors, hedges, terminology, verbs
from alignment.checks.base import AlignedPair, CheckContext, run_checks

CHECKS = (verbs, anchors, hedges, terminology)

__all__ = ["CHECKS", "AlignedPair", "CheckContext", "run_checks"]
