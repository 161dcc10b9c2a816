"""Prepare translation models for bundling into the desktop build.

On a machine with internet access:

    python packaging/fetch_models.py --download --out packaging/models

downloads the OPUS-MT ru-en and en-ru release archives, converts each with the same import code as
`parity models import` (CTranslate2 int8), verifies its checksum and lays the result out as one folder per
model with its manifest. Offline, give local copies instead and nothing is fetched:

    python packaging/fetch_models.py --out packaging/models ~/Downloads/opus-2020-02-26.zip ~/Downloads/en-ru.zip

Then build with `PARITY_BUNDLE_MODELS=packaging/models python packaging/build.py`. The app itself never downloads.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The OPUS-MT releases Parity is tested against (Helsinki-NLP, CC-BY 4.0). Pass --sha256 to pin a checksum.
RELEASES = {
    "ru-en": "https://object.pouta.csc.fi/OPUS-MT-models/ru-en/opus-2020-02-26.zip",
    "en-ru": "https://object.pouta.csc.fi/OPUS-MT-models/en-ru/opus-2020-02-11.zip",
}


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def download(url: str, dest: Path) -> Path:
    print(f"downloading {url}")
    with urllib.request.urlopen(url, timeout=60) as resp, open(dest, "wb") as out:  # noqa: S310 - explicit opt-in
        while chunk := resp.read(1 << 20):
            out.write(chunk)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", nargs="*", type=Path, help="local OPUS-MT zips/dirs, .argosmodel files or CTranslate2 dirs")
    parser.add_argument("--out", type=Path, required=True, help="folder to lay the converted models out in")
    parser.add_argument("--download", action="store_true", help="fetch the OPUS-MT ru-en and en-ru releases (needs internet)")
    parser.add_argument("--sha256", action="append", default=[], metavar="FILE=HEX",
                        help="expected checksum of an archive (repeatable); a mismatch stops the run")
    args = parser.parse_args(argv)

    from models.importer import import_model
    from models.store import ModelStore

    expected = dict(item.split("=", 1) for item in args.sha256)
    sources: list[Path] = list(args.archives)
    with tempfile.TemporaryDirectory() as tmp:
        if args.download:
            for pair, url in RELEASES.items():
                sources.append(download(url, Path(tmp) / f"opus-mt-{pair}.zip"))
        elif not sources:
            print("offline: no archives given and --download not set; nothing to do.\n"
                  "Give local OPUS-MT release zips (or run with --download on a machine with internet).")
            return 2
        else:
            print("offline mode: using local archives only, nothing is downloaded")
        args.out.mkdir(parents=True, exist_ok=True)
        store = ModelStore(args.out)
        for src in sources:
            digest = sha256_of(src) if src.is_file() else None
            want = expected.get(src.name) or expected.get(str(src))
            if want and digest != want:
                print(f"{src}: checksum mismatch (got {digest}, expected {want})")
                return 1
            manifest = import_model(src, store=store)
            print(f"{src.name}: sha256 {digest or '(folder)'} -> {manifest.id} ({manifest.source_language}->"
                  f"{manifest.target_language}, {manifest.size_bytes / 2**20:.1f} MiB)")
    print(f"models laid out in {args.out}; build with PARITY_BUNDLE_MODELS={args.out} python packaging/build.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
