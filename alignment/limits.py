"""Every size, count and time limit applied to untrusted input, in one place.

The figures are far above any real resolution (a long one is ~60 paragraphs and 100 KB of text; a large real
.docx has a few hundred zip parts) and far below what would exhaust a 1 GB process or hang it for minutes. Each
limit, when hit, becomes an ``InputError`` naming the file, the limit and the figure found.
"""

from __future__ import annotations

MB = 1024 * 1024

# -- any file
MAX_FILE_BYTES = 64 * MB

# -- zip packages (.docx and friends)
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_TOTAL_UNCOMPRESSED = 512 * MB
ZIP_MAX_MEMBER_UNCOMPRESSED = 256 * MB
# deflate tops out near 1000:1 only for degenerate data (zip bombs); real XML parts compress 5-20:1
ZIP_MAX_RATIO = 200
ZIP_RATIO_CHECKED_ABOVE = 1 * MB  # tiny parts may compress very well legitimately

# -- XML: libxml2 without XML_PARSE_HUGE refuses depth > 256 and text nodes > 10 MB by itself

# -- text read from any format
MAX_PARAGRAPHS = 50_000  # the UN parallel corpus line files hold ~3,000 lines
MAX_PARAGRAPH_CHARS = 200_000  # a long real paragraph is ~5,000 characters
MAX_TEXT_CHARS = 16_000_000

# -- PDF
MAX_PDF_PAGES = 500
MAX_PDF_SECONDS = 300


def describe_size(chars: int) -> str:
    """A character count for a message: "12,345,678 characters"."""
    return f"{chars:,} characters"
