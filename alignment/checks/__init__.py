"""Divergence checks on aligned EN/RU paragraph pairs; ``CHECKS`` is the one list of them."""

from alignment.checks import anchors, brackets, hedges, structure, terminology, verbs
from alignment.checks.base import AlignedPair, CheckContext, run_checks

CHECKS = (structure, verbs, anchors, hedges, terminology, brackets)

__all__ = ["CHECKS", "AlignedPair", "CheckContext", "run_checks"]
