"""The fixed corpus of hostile and odd input files, built deterministically.

``python tests/hostile/make_corpus.py`` (re)writes the small files committed next to this script;
``python tests/hostile/make_corpus.py --large DIR`` writes the large ones (a 1 GB-expanding zip bomb, a 10 MB
paragraph, thousands of zip members, hundreds of PDF pages) into DIR — they are made at test time, never
committed. Every file is described by a ``Case``: the slot it is loaded into and what Parity must make of it
(a clear error naming the problem, or a correct reading of odd-but-valid text).

The helpers ``docx_bytes`` and ``pdf_bytes`` are also the fuzzers' seed builders.
"""

from __future__ import annotations

import argparse
import random
import re
import struct
import sys
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent.parent / "alignment" / "data" / "sample"
DATE = (2011, 4, 11, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class Case:
    """One corpus file. ``expect`` is "error" (exit 2, one line naming the file, ``problem`` matched in it) or
    "ok" (read and compared; ``reference`` names how the test builds the clean text to compare it with)."""

    name: str
    expect: str
    problem: str = ""
    large: bool = False
    reference: str = ""

    @property
    def slot(self) -> str:
        return "ru" if ".ru." in self.name else "en"


CASES: tuple[Case, ...] = (
    # XML attacks: DTDs are refused before any entity could be expanded or fetched
    Case("xxe.docx", "error", r"DTD"),
    Case("xxe_parameter_entity.docx", "error", r"DTD"),
    Case("xxe_in_content_types.docx", "error", r"DTD"),
    Case("billion_laughs.docx", "error", r"DTD"),
    Case("deep_nesting.docx", "error", r"nested too deeply"),
    Case("not_xml.docx", "error", r"not well-formed XML"),
    Case("empty_body.docx", "error", r"no text"),
    # zip attacks
    Case("zipbomb_declared_size.docx", "error", r"zip bomb"),
    Case("zipbomb_ratio.docx", "error", r"zip bomb"),
    Case("zipbomb_1gb.docx", "error", r"zip bomb", large=True),
    Case("zipbomb_lying_header.docx", "error", r"cannot be unpacked|larger than", large=True),
    Case("truncated.docx", "error", r"damaged or truncated"),
    Case("path_traversal.docx", "error", r"outside the package"),
    Case("many_members.docx", "error", r"parts \(limit", large=True),
    Case("many_members_below_limit.docx", "ok", large=True),
    # wrong magic / wrong encodings
    Case("png_named.docx", "error", r"image"),
    Case("text_named.pdf", "error", r"plain text"),
    Case("nul_bytes.md", "error", r"binary file"),
    Case("latin1.md", "error", r"UTF-8"),
    # PDF attacks
    Case("huge_page_count.pdf", "error", r"damaged|pages; Parity reads at most"),
    Case("many_pages.pdf", "error", r"pages; Parity reads at most", large=True),
    Case("deep_nesting.pdf", "error", r"damaged", large=True),
    Case("broken_xref.pdf", "ok"),
    # size limits
    Case("long_paragraph.md", "error", r"paragraph is too long", large=True),
    Case("long_paragraph.docx", "error", r"paragraph is too long", large=True),
    Case("long_line.txt", "error", r"paragraph is too long", large=True),
    Case("deep_nesting.md", "ok", large=True),
    # odd but valid text: read, normalised and compared correctly
    Case("zero_width.ru.md", "ok", reference="clean"),
    Case("zero_width.en.md", "ok", reference="clean"),
    Case("rtl_marks.ru.md", "ok", reference="clean"),
    Case("soft_hyphens.en.md", "ok", reference="clean"),
    Case("nbsp.en.md", "ok", reference="clean"),
    Case("combining_accents.en.md", "ok", reference="nfc"),
    Case("yo_variants.ru.md", "ok", reference="yo"),
    Case("mixed_scripts.ru.md", "ok"),
    Case("mixed_scripts.en.md", "ok"),
)


# ------------------------------------------------------------------------------------------------ zips


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def zip_bytes(members: list[tuple[str, bytes | str]]) -> bytes:
    """A zip with fixed timestamps, so the same members always give the same bytes."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            zf.writestr(_info(name), data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand from (name, deflated data, crc, real size, declared size): sizes may lie."""
    body, cd = bytearray(), bytearray()
    for name, deflated, crc, _size, declared in members:
        fname = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x3E8B, crc, len(deflated), declared, len(fname), 0)
        body += fname + deflated
        cd += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x3E8B, crc, len(deflated), declared, len(fname),
            0, 0, 0, 0, 0o644 << 16, offset,
        ) + fname
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), len(body), 0)
    return bytes(body + cd + eocd)


def _deflated_member(name: str, data: str | bytes, declared: int | None = None) -> tuple[str, bytes, int, int, int]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = co.compress(raw) + co.flush()
    return (name, deflated, zlib.crc32(raw), len(raw), len(raw) if declared is None else declared)


def _docx_parts(document_xml: str, content_types: str | None = None) -> list[tuple[str, str]]:
    ct = content_types or (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{MAIN_TYPE}"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", document_xml)]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document_xml(paragraphs: list[str], *, prolog: str = "") -> str:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{_esc(p)}</w:t></w:r></w:p>' for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def docx_bytes(paragraphs: list[str], extra: list[tuple[str, bytes | str]] = ()) -> bytes:
    """A minimal valid .docx holding one plain paragraph per string."""
    return zip_bytes([*_docx_parts(document_xml(paragraphs)), *extra])


def sample_paragraphs(lang: str = "en") -> list[str]:
    """The sample draft's paragraphs as plain text (Markdown emphasis and note markers removed)."""
    text = (SAMPLE / f"{lang}.md").read_text(encoding="utf-8")
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = re.sub(r"<sup>.*?</sup>", "", block).replace("*", "").replace("#", "")
        block = " ".join(block.split())
        if block and block != "---":
            out.append(block)
    return out


# ------------------------------------------------------------------------------------------------- PDFs


def pdf_bytes(pages: list[list[str]], *, count: int | None = None, catalog_extra: str = "", break_xref: bool = False) -> bytes:
    """A small PDF written by hand: Helvetica text lines per page, a correct xref unless ``break_xref``."""
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    objects: list[str] = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n_pages))}] /Count {count or n_pages} >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "72 770 Td", "14 TL"]
        for line in lines:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({safe}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf_from_objects(objects, break_xref=break_xref)


def pdf_from_objects(objects: list[str], *, break_xref: bool = False) -> bytes:
    """Number the objects from 1 (the first is the catalog) and write header, bodies, xref and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{(off * 7919 % 99991) if break_xref else off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at + (13 if break_xref else 0)}\n%%EOF\n".encode()
    return bytes(out)


def page_tree_bomb(fanout: int = 100) -> bytes:
    """A page tree whose three levels each point ``fanout`` times at the same child: fanout**3 pages, 1 KB."""
    text = "BT /F1 11 Tf 72 770 Td (The General Assembly,) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{'3 0 R ' * fanout}] /Count {fanout ** 3} >>",
        f"<< /Type /Pages /Parent 2 0 R /Kids [{'4 0 R ' * fanout}] /Count {fanout ** 2} >>",
        f"<< /Type /Pages /Parent 3 0 R /Kids [{'5 0 R ' * fanout}] /Count {fanout} >>",
        "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def sample_pdf_pages() -> list[list[str]]:
    """The first paragraphs of the English sample, wrapped at ~90 characters, as one page."""
    lines: list[str] = []
    for para in sample_paragraphs("en")[8:16]:
        words, cur = para.split(), ""
        for word in words:
            if len(cur) + len(word) > 88:
                lines.append(cur)
                cur = word
            else:
                cur = f"{cur} {word}".strip()
        lines.append(cur)
        lines.append("")
    return [lines[:50]]


# ------------------------------------------------------------------------------------------- odd text


def _sample(lang: str) -> str:
    return (SAMPLE / f"{lang}.md").read_text(encoding="utf-8")


def _zero_width() -> str:
    s = _sample("ru")
    s = s.replace("64/137", "64/\u200b137").replace("63/156", "63\u2060/156")
    s = s.replace("Генеральной Ассамблеи", "Генераль\u200cной\u200d Ассамблеи")
    return "\ufeff" + s.replace("торговлей людьми", "торговлей\u200b людьми")


def _zero_width_en() -> str:
    s = _sample("en").replace("64/178", "64/\u200b178").replace("2006/27", "2006\u200d/\u200c27")
    return s.replace("Persons", "Per\u2060sons")


def _rtl_marks() -> str:
    s = _sample("ru")
    s = s.replace("64/137", "\u202b64/137\u202c").replace("2008/33", "\u200f2008/33\u200e")
    return s.replace("Беларусь", "\u2067Беларусь\u2069")


def _soft_hyphens() -> str:
    s = _sample("en")
    for word, split in (("implementation", "imple\u00admen\u00adta\u00adtion"), ("trafficking", "traf\u00adfick\u00ading"),
                        ("Organized", "Orga\u00adnized")):
        s = s.replace(word, split)
    return s


def _nbsp() -> str:
    s = _sample("en")
    s = re.sub(r"(\d+) (December|July|May|April)", "\\1\u00a0\\2", s)
    s = s.replace("vol. 2225", "vol.\u202f2225").replace("No. 39574", "No.\u200739574")
    return s.replace("General Assembly", "General\u00a0Assembly")


def _combining() -> str:
    s = _sample("en")
    s = s.replace("Belarus: draft resolution", "Belarus and Co\u0302te d\u2019Ivoire: draft resolution")
    return s.replace("the Special Rapporteur on the sale", "the Special Rapporteur (Ms. Mu\u0308ller) on the sale")


def _yo() -> str:
    s = _sample("ru")
    for plain, yo in (("на ее шестьдесят", "на её шестьдесят"), ("Объединенных Наций", "Объединённых Наций"),
                      ("четвертой", "четвёртой")):
        s = s.replace(plain, yo)
    return s


def _mixed_ru() -> str:
    s = _sample("ru")
    s = s.replace("торговлей людьми,", "торговлей людьми (trafficking in persons; 贩运人口; الاتجار بالأشخاص; εμπορία),", 1)
    return s.replace("Беларусь", "Беларусь 🇧🇾", 1)


def _mixed_en() -> str:
    s = _sample("en")
    return s.replace("Trafficking in Persons,", "Trafficking in Persons (торговля людьми; 贩运人口; الاتجار بالبشر),", 1)


def _deep_markdown() -> str:
    nested = "".join(f"{'  ' * (i % 40)}- level {i}\n" for i in range(2000))
    quotes = ">" * 100_000 + " quoted\n"
    emphasis = "*" * 50_000 + "x" + "*" * 50_000 + "\n"
    return _sample("en") + "\n\n" + nested + "\n" + quotes + "\n" + emphasis


ODD_TEXT = {
    "zero_width.ru.md": _zero_width,
    "zero_width.en.md": _zero_width_en,
    "rtl_marks.ru.md": _rtl_marks,
    "soft_hyphens.en.md": _soft_hyphens,
    "nbsp.en.md": _nbsp,
    "combining_accents.en.md": _combining,
    "yo_variants.ru.md": _yo,
    "mixed_scripts.ru.md": _mixed_ru,
    "mixed_scripts.en.md": _mixed_en,
}

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SPACES = "\u00a0\u202f\u2007"


def clean_reference(text: str, how: str) -> str:
    """The text as it should read once normalised (written out here independently of alignment.textnorm)."""
    if how == "clean":
        text = "".join(c for c in text if c not in INVISIBLE)
        return "".join(" " if c in SPACES else c for c in text)
    if how == "nfc":
        return unicodedata.normalize("NFC", text)
    if how == "yo":
        return text.replace("ё", "е").replace("Ё", "Е")
    raise ValueError(how)


# ------------------------------------------------------------------------------------------ the builders


def _small_files() -> dict[str, bytes]:
    en = sample_paragraphs("en")
    files: dict[str, bytes] = {}
    xxe = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    files["xxe.docx"] = zip_bytes(_docx_parts(document_xml([*en[:12], "&xxe;"], prolog=xxe).replace("&amp;xxe;", "&xxe;")))
    pe = '<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>'
    files["xxe_parameter_entity.docx"] = zip_bytes(_docx_parts(document_xml(en[:12], prolog=pe)))
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Types [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="&xxe;"/>'
        f'<Override PartName="/word/document.xml" ContentType="{MAIN_TYPE}"/></Types>'
    )
    files["xxe_in_content_types.docx"] = zip_bytes(_docx_parts(document_xml(en[:12]), ct))
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    laughs = f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>'
    files["billion_laughs.docx"] = zip_bytes(
        _docx_parts(document_xml([*en[:12], "&lol9;"], prolog=laughs).replace("&amp;lol9;", "&lol9;"))
    )
    depth = 100_000
    deep = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "<a>" * depth + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</a>" * depth  # 700 KB: below the ratio check
        + "</w:body></w:document>"
    )
    files["deep_nesting.docx"] = zip_bytes(_docx_parts(deep))
    files["not_xml.docx"] = zip_bytes(_docx_parts("The General Assembly, <<< this is not XML & never was"))
    files["empty_body.docx"] = zip_bytes(_docx_parts(document_xml([])))
    # a central directory claiming 4 GB for a part of 30 bytes
    tiny = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = document_xml(en[:3]).encode()
    deflated = tiny.compress(payload) + tiny.flush()
    ct, rels, _doc = _docx_parts("")
    files["zipbomb_declared_size.docx"] = _raw_zip([
        _deflated_member(*ct), _deflated_member(*rels),
        ("word/document.xml", deflated, zlib.crc32(payload), len(payload), 0xFFFFFFF0),
    ])
    # 64 MB of XML whitespace in ~64 KB: refused for its compression ratio before anything is inflated
    filler = document_xml(en[:12]).replace("<w:body>", "<w:body>" + " " * (64 * 1024 * 1024), 1)
    files["zipbomb_ratio.docx"] = zip_bytes(_docx_parts(filler))
    good = docx_bytes(en)
    files["truncated.docx"] = good[: len(good) // 2]
    files["path_traversal.docx"] = zip_bytes(
        [*_docx_parts(document_xml(en)), ("../../../../tmp/parity_evil.txt", "owned"), ("/etc/parity_evil.txt", "owned"),
         ("word/..\\..\\parity_evil.txt", "owned")]
    )
    files["png_named.docx"] = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    files["text_named.pdf"] = b"The General Assembly,\n\nRecalling its resolution 64/178,\n"
    files["nul_bytes.md"] = b"The General Assembly,\x00\x00\x00\n\nRecalling\x00its resolution\n"
    files["latin1.md"] = "The General Assembly,\n\nRecalling the Caf\u00e9 d\u00e9cision \u00e0 Gen\u00e8ve,\n".encode("latin-1")
    files["huge_page_count.pdf"] = page_tree_bomb()
    files["broken_xref.pdf"] = pdf_bytes(sample_pdf_pages(), break_xref=True)
    for name, make in ODD_TEXT.items():
        files[name] = make().encode("utf-8")
    return files


def _zipbomb_1gb() -> tuple[bytes, int]:
    """1 GiB of zeros deflated to ~1 MB, with honest sizes and CRC: a classic bomb."""
    chunk = bytes(1024 * 1024)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)  # after a full flush the next block is identical
    deflated = block * 1024 + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(chunk, crc)
    return deflated, crc


def _large_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    deflated, crc = _zipbomb_1gb()
    ct, rels, _doc = _docx_parts("")
    head = [_deflated_member(*ct), _deflated_member(*rels)]
    gib = 1024 * 1024 * 1024
    files["zipbomb_1gb.docx"] = _raw_zip([*head, ("word/document.xml", deflated, crc, gib, gib)])
    # the header claims 400 KB: the reader must stop inflating there whatever the stream holds
    files["zipbomb_lying_header.docx"] = _raw_zip([*head, ("word/document.xml", deflated, crc, gib, 400 * 1024)])
    en = sample_paragraphs("en")
    junk = [(f"customXml/item{i:05d}.xml", f"<item n='{i}'/>") for i in range(6_000)]
    files["many_members.docx"] = docx_bytes(en, junk)
    files["many_members_below_limit.docx"] = docx_bytes(en, junk[:4_000])
    files["deep_nesting.pdf"] = pdf_bytes(sample_pdf_pages(), catalog_extra="/Deep " + "[" * 100_000 + "]" * 100_000 + " ")
    files["deep_nesting.md"] = _deep_markdown().encode("utf-8")
    files["many_pages.pdf"] = pdf_bytes(sample_pdf_pages() * 600)
    rnd = random.Random(9)
    words = [w for p in en for w in p.split()]
    para = []
    size = 0
    while size < 10 * 1024 * 1024:
        word = rnd.choice(words)
        para.append(word)
        size += len(word) + 1
    long_text = " ".join(para)
    files["long_line.txt"] = ("\n".join(en[:12]) + "\n" + long_text + "\n").encode("utf-8")
    files["long_paragraph.md"] = ("\n\n".join(en[:12]) + "\n\n" + long_text + "\n").encode("utf-8")
    # many runs of 1 MB each: no single XML text node reaches libxml2's own 10 MB limit
    runs = "".join(f'<w:r><w:t xml:space="preserve">{long_text[i:i + 1_000_000]}</w:t></w:r>'
                   for i in range(0, len(long_text), 1_000_000))
    body = document_xml(en[:12]).replace("</w:body>", f"<w:p>{runs}</w:p></w:body>")
    files["long_paragraph.docx"] = zip_bytes(_docx_parts(body))
    return files


def build(out: Path, large: bool) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (_large_files() if large else _small_files()).items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", metavar="DIR", help="write the large (test-time) files into DIR instead")
    args = parser.parse_args(argv)
    target = Path(args.large) if args.large else HERE
    for path in build(target, large=bool(args.large)):
        print(f"{path.stat().st_size:>12,d}  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
