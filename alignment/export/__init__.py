"""Exports of a Comparison: tracked-changes Word documents, bilingual reports (.docx and .html)."""
