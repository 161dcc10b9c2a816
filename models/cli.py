"""``parity models import|list|remove``: manage the installed translation models from the command line.

Registered by ``alignment.cli``; errors are ``ModelError``s, which the CLI prints and exits 2 on.
"""

from __future__ import annotations

import argparse
import sys


def add_models_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="install, list and remove offline translation models (never downloads)")
    msub = p.add_subparsers(dest="models_command", required=True)

    imp = msub.add_parser("import", help="install a model from an OPUS-MT folder/.zip, an .argosmodel, or a CTranslate2 folder")
    imp.add_argument("path", help="the model package or folder")
    imp.add_argument("--name", help="install under this id (default: <origin>-<from>-<to>, e.g. opus-mt-ru-en)")
    imp.add_argument("--from", dest="source_language", choices=["en", "ru"], help="source language, when the package does not say")
    imp.add_argument("--to", dest="target_language", choices=["en", "ru"], help="target language, when the package does not say")
    imp.set_defaults(func=cmd_import)

    ls = msub.add_parser("list", help="list installed models")
    ls.add_argument("--verify", action="store_true", help="also recompute every model's checksum")
    ls.set_defaults(func=cmd_list)

    rm = msub.add_parser("remove", help="remove an installed model")
    rm.add_argument("id", help="the model id shown by `parity models list`")
    rm.set_defaults(func=cmd_remove)


def _progress(percent: int, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{percent:3d}% {message:<60}", end="", file=sys.stderr, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from models.importer import import_model
    from models.store import ModelStore

    store = ModelStore.default()
    m = import_model(args.path, store, model_id=args.name, source_language=args.source_language,
                     target_language=args.target_language, progress=_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Installed {m.id}: {m.source_language} -> {m.target_language}, {m.origin}, {m.quantization}, "
          f"{m.size_bytes_text}, sha256 {m.sha256[:12]}")
    print(f"    in {store.root / m.id}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from models.store import ModelStore

    store = ModelStore.default()
    removed = store.clean_leftovers()
    models = store.models()
    print(f"Models folder: {store.root}")
    for r in removed:
        print(f"Removed the leftovers of an interrupted import or removal: {r.name}")
    for extra in store.extra_roots:
        print(f"Bundled models: {extra}")
    if not models:
        print("No translation models installed. Import one with `parity models import PATH` "
              "(see README, 'Translation models').")
        return 0
    for m in models:
        problem = m.verify() if args.verify else m.problem
        where = "bundled" if m.bundled else "installed"
        if m.manifest is None:
            print(f"{m.id:<24} DAMAGED ({where}): {problem}")
            continue
        man = m.manifest
        status = f"DAMAGED: {problem}" if problem else "ok"
        print(f"{m.id:<24} {man.source_language} -> {man.target_language}  {man.origin:<11} {man.size_bytes_text:>10}  "
              f"{man.created[:10]}  {where}  {status}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from models.store import ModelStore

    m = ModelStore.default().remove(args.id)
    print(f"Removed {m.id} ({m.path})")
    return 0
