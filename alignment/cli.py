"""``parity``: the command line. Every job the window offers is here too.

Exit codes: 0 success, 1 critical findings were reported (for scripts), 2 a user error (bad file, wrong
language, missing model) with a one-line message naming the file and the problem.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from alignment import __version__
from alignment.errors import ParityError


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="read, structure, align and check a draft in English and Russian")
    p.add_argument("en", nargs="?", help="English original (.docx, .pdf, .md, .txt)")
    p.add_argument("ru", nargs="?", help="Russian original")
    p.add_argument("--en-rev", action="append", default=[], metavar="FILE", help="English revision (repeatable, in order)")
    p.add_argument("--ru-rev", action="append", default=[], metavar="FILE", help="Russian revision (repeatable, in order)")
    p.add_argument("--sample", action="store_true", help="use the bundled sample (CCPCJ 2011 draft and its Rev.1)")
    p.add_argument("--json", metavar="OUT", help="write the full result as JSON (see the shipped JSON Schema)")
    p.add_argument("--pin", action="append", default=[], metavar="LEFT=RIGHT",
                   help="fix a link the aligner got wrong, ids as in the JSON (repeatable): en:PP3=ru:PP4, "
                   "en:OP5=ru:OP5+ru:OP6 (split), en:PP3= (no counterpart), en:OP2=en1:OP3 (between drafts)")
    p.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="a user glossary for the terminology check: TSV or CSV (English, Russian; alternatives "
                   "split by '|' or ';') or TBX (repeatable)")
    p.add_argument("--model", default="auto", metavar="NAME|auto|none",
                   help="translation model for the translation-based checks (default: auto, any installed ru-en model)")
    p.set_defaults(func=cmd_compare)


def _build_comparison(args: argparse.Namespace):
    from alignment.comparison import Comparison

    if args.sample:
        if args.en or args.ru:
            raise ParityError("give either --sample or the files, not both")
        return Comparison.sample()
    if not args.en and not args.ru:
        raise ParityError("nothing to compare: give the English and Russian files, or --sample")
    return Comparison.from_paths(args.en, args.ru, args.en_rev, args.ru_rev)


def cmd_compare(args: argparse.Namespace) -> int:
    from alignment.report import comparison_json, render_report
    from alignment.safety import atomic_write_text

    comparison = _build_comparison(args)
    if getattr(args, "pin", None):
        from alignment.pins import make_pin, parse_pin

        comparison.set_pins([make_pin(comparison.document, *parse_pin(text)) for text in args.pin])
    if getattr(args, "glossary", None):
        from alignment.checks.glossary import read_glossary

        for path in args.glossary:
            read_glossary(path)  # a bad glossary is a user error now, before any work
        comparison.glossaries = list(args.glossary)
    from models.analysis import run_translation_checks

    # any model problem (none installed, damaged, wrong languages) is reported and the deterministic checks go on
    translation = run_translation_checks(comparison, getattr(args, "model", "auto"))
    report = render_report(comparison, translation=translation)
    sys.stdout.write(report.text)
    if args.json:
        from alignment import serialize

        atomic_write_text(Path(args.json), serialize.dumps(comparison_json(comparison, translation=translation)), protect=comparison_inputs(comparison))
    return 1 if report.critical else 0


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a tracked-changes .docx, or a bilingual report (.docx or .html)")
    p.add_argument("kind", choices=("tracked", "bilingual", "html"),
                   help="tracked: draft N -> N+1 of one language as Word revisions; bilingual/html: EN | RU table")
    p.add_argument("en", nargs="?", help="English original (.docx, .pdf, .md, .txt)")
    p.add_argument("ru", nargs="?", help="Russian original")
    p.add_argument("--en-rev", action="append", default=[], metavar="FILE", help="English revision (repeatable, in order)")
    p.add_argument("--ru-rev", action="append", default=[], metavar="FILE", help="Russian revision (repeatable, in order)")
    p.add_argument("--sample", action="store_true", help="use the bundled sample (CCPCJ 2011 draft and its Rev.1)")
    p.add_argument("--out", required=True, metavar="FILE", help="output file (replaced atomically; never an input)")
    p.add_argument("--language", choices=("en", "ru"), default="en", help="tracked: which language (default en)")
    p.add_argument("--step", type=int, default=1, metavar="N", help="tracked: draft N-1 -> draft N (default 1)")
    p.add_argument("--author", help="tracked: author of the revisions (default: your user name)")
    p.add_argument("--moves", choices=("native", "delete-insert"), default="native",
                   help="tracked: moved paragraphs as Word moves (default) or as a deletion plus an insertion")
    p.add_argument("--comments", action="store_true", help="tracked: attach each finding as a Word comment")
    p.add_argument("--revision", type=int, default=0, metavar="N", help="bilingual/html: which draft (0 = original)")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from alignment.document import Language

    comparison = _build_comparison(args)
    protect = comparison_inputs(comparison)
    if args.kind == "tracked":
        from alignment.export.tracked import export_tracked

        out = export_tracked(comparison, Language(args.language), args.step, args.out, author=args.author,
                             moves=args.moves, comments=args.comments, protect=protect)
    elif args.kind == "bilingual":
        from alignment.export.bilingual import export_bilingual

        out = export_bilingual(comparison, args.out, revision=args.revision, protect=protect)
    else:
        from alignment.export.html import export_html

        out = export_html(comparison, args.out, revision=args.revision, protect=protect)
    print(f"wrote {out}")
    return 0


def comparison_inputs(comparison) -> list[Path]:
    return [Path(comparison.document(k).path) for k in comparison.document_keys()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parity", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"parity {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the engine does")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_compare(sub)
    _add_export(sub)
    from models.cli import add_models_parser

    add_models_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except ParityError as exc:
        print(f"parity: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("parity: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
