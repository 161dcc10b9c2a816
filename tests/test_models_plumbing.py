"""End to end with generated models (no downloads): import -> list -> translate -> cache hit -> findings.

The weights are random, so the translations are gibberish; what is tested is that every real path runs: the
OPUS-MT converter, the Argos layout, CTranslate2 loading, SentencePiece, splitting, scoring, the SQLite cache,
the findings and the CLI.
"""

from __future__ import annotations

import json

import pytest

from alignment.cli import main
from alignment.document import Language
from alignment.findings import FindingKind
from models.cache import CachedTranslator, TranslationCache
from models.ct2_translator import DecodingOptions
from models.store import ModelStore
from tests.tiny_models import tiny  # noqa: F401 - fixture

FAST = {"decoding": DecodingOptions(beam_size=1, max_decoding_length=12)}


class Counting:
    """Wraps a Translator and counts what reaches the model."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.translated = 0
        self.scored = 0
        self.model_id, self.source_language, self.target_language = (
            inner.model_id, inner.source_language, inner.target_language)

    def translate_batch(self, texts, progress=None, should_cancel=None):
        self.translated += len(texts)
        return self.inner.translate_batch(texts, progress, should_cancel)

    def score_batch(self, sources, targets, progress=None, should_cancel=None):
        self.scored += len(sources)
        return self.inner.score_batch(sources, targets, progress, should_cancel)


@pytest.fixture()
def installed(isolated_dirs, tiny, capsys):  # noqa: F811
    """OPUS-MT ru-en (release zip) and Argos en-ru (.argosmodel) installed through the CLI."""
    opus = tiny.opus_mt_zip(isolated_dirs / "opus-2020-02-26.zip", "ru", "en")
    argos = tiny.argos_zip(isolated_dirs / "translate-en_ru-1_9.argosmodel", "en", "ru")
    assert main(["models", "import", str(opus)]) == 0
    assert main(["models", "import", str(argos)]) == 0
    out = capsys.readouterr().out
    assert "Installed opus-mt-ru-en: ru -> en, opus-mt, int8" in out
    assert "Installed argos-en-ru: en -> ru, argos" in out
    return ModelStore.default()


def test_import_list_translate_cache_findings(installed, isolated_dirs, sample_comparison, capsys):
    # list
    assert main(["models", "list"]) == 0
    listing = capsys.readouterr().out
    assert "opus-mt-ru-en" in listing and "ru -> en" in listing and "argos-en-ru" in listing
    assert listing.count(" ok") == 2
    manifest = json.loads((installed.root / "opus-mt-ru-en" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_language"] == "ru" and manifest["format"] == "ctranslate2" and len(manifest["sha256"]) == 64
    assert manifest["size_bytes"] == sum(manifest["files"].values())

    # translate (long paragraphs are split so no input exceeds the model's length)
    ru_en = installed.get("opus-mt-ru-en").translator(max_input_tokens=24, **FAST)
    assert ru_en.source_language is Language.RU and ru_en.target_language is Language.EN
    ru_paras = [p.text for p in sample_comparison.ru[0].paragraphs[:6]]
    _, src_tok, _ = ru_en.load()
    longest = max(ru_paras, key=len)
    pieces = [len(src_tok.pieces(s.slice(longest))) for s in ru_en._split(longest, src_tok)]
    assert len(pieces) > 1 and max(pieces) <= 24
    out = ru_en.translate_batch(ru_paras)
    assert len(out) == len(ru_paras) and all(isinstance(t, str) and t for t in out)

    # cache: a second pass translates nothing
    cache = TranslationCache(isolated_dirs / "cache" / "t.sqlite3")
    counting = Counting(ru_en)
    cached = CachedTranslator(counting, cache)
    first = cached.translate_batch(ru_paras)
    again = CachedTranslator(counting, cache).translate_batch(ru_paras)
    assert first == again and counting.translated == len(ru_paras)
    assert cache.count() == len(ru_paras)

    # findings over the sample, both directions, through the Comparison
    en_ru = Counting(installed.get("argos-en-ru").translator(**FAST))
    counting = Counting(ru_en)
    findings = sample_comparison.translation_findings(0, counting, cache, en_ru)
    assert counting.translated > 0 and counting.scored > 0 and en_ru.translated > 0
    assert findings and all(f.kind is FindingKind.TRANSLATION for f in findings)
    for f in findings:
        if f.en_span is not None:
            assert f.en_span.end <= len(sample_comparison.paragraph(f.en_id).text)
        if f.ru_span is not None:
            assert f.ru_span.end <= len(sample_comparison.paragraph(f.ru_id).text)
    assert any(f.ru_span is not None for f in findings) and any(f.en_span is not None for f in findings)

    # a fresh Comparison over the same documents: everything comes from the cache
    from alignment.comparison import Comparison

    again_counting, again_en_ru = Counting(ru_en), Counting(installed.get("argos-en-ru").translator(**FAST))
    second = Comparison.sample().translation_findings(0, again_counting, cache, again_en_ru)
    assert (again_counting.translated, again_counting.scored, again_en_ru.translated, again_en_ru.scored) == (0, 0, 0, 0)
    assert [f.id for f in second] == [f.id for f in findings]


def test_compare_uses_installed_models_and_the_cache(installed, isolated_dirs, capsys):
    out_json = isolated_dirs / "out.json"
    code = main(["compare", "--sample", "--json", str(out_json)])
    first = capsys.readouterr().out
    assert code in (0, 1)
    assert "Translation-based checks with opus-mt-ru-en, argos-en-ru" in first
    # random weights translate nothing like the documents: the report withholds their findings and says why
    assert "WARNING: the model's translations do not resemble the documents" in first
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["translation"]["status"] == "done" and data["translation"]["models"] == ["opus-mt-ru-en", "argos-en-ru"]
    assert data["translation"]["findings"] == [] and "withheld" in data["translation"]["reason"]
    from alignment import serialize

    serialize.validate(data)
    main(["compare", "--sample"])
    second = capsys.readouterr().out
    assert "0 paragraphs translated" in second and "(100% hit rate)" in second


def test_model_option_names_one_model(installed, capsys):
    main(["compare", "--sample", "--model", "opus-mt-ru-en"])
    assert "Translation-based checks with opus-mt-ru-en" in capsys.readouterr().out
    main(["compare", "--sample", "--model", "none"])
    assert "skipped: --model none was given" in capsys.readouterr().out
    main(["compare", "--sample", "--model", "no-such-model"])
    out = capsys.readouterr().out
    assert "skipped: no model named 'no-such-model' is installed" in out


def test_remove(installed, capsys):
    assert main(["models", "remove", "argos-en-ru"]) == 0
    assert [m.id for m in ModelStore.default().models()] == ["opus-mt-ru-en"]
    assert main(["models", "remove", "argos-en-ru"]) == 2
    assert "no model named 'argos-en-ru' is installed" in capsys.readouterr().err


def test_without_models_the_report_says_the_checks_were_skipped(isolated_dirs, capsys):
    code = main(["compare", "--sample"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "Translation-based checks were skipped: no Russian -> English translation model is installed" in out
    assert "parity models import" in out and "README" in out


def test_bundled_models_are_listed_and_cannot_be_removed(isolated_dirs, tiny, monkeypatch, capsys):  # noqa: F811
    from tests.tiny_models import build_bundle_models

    bundle = isolated_dirs / "bundled"
    [manifest] = build_bundle_models(bundle, isolated_dirs / "work")
    monkeypatch.setenv("PARITY_MODELS_PATH", str(bundle))
    main(["models", "list"])
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("tiny-ru-en"))
    assert "bundled" in line and line.endswith("ok")
    store = ModelStore.default()
    [m] = store.models()
    assert m.bundled and m.usable and m.id == manifest.id
    assert main(["models", "remove", "tiny-ru-en"]) == 2
    assert "bundled with the application" in capsys.readouterr().err
    assert store.find(Language.RU, Language.EN) is not None


def test_scoring_long_pairs_maps_tokens_back_to_the_whole_text(tiny, tmp_path, sample_comparison):  # noqa: F811
    """Pairs longer than the model's input are scored sentence by sentence (or by relative position); every
    token's span still points into the whole target paragraph, in order, covering its text."""
    from models.ct2_translator import CT2Translator

    d = tiny.ct2_dir(tmp_path / "m", "ru", "en")
    t = CT2Translator(d, d / "source.spm", d / "target.spm", model_id="m", source_language=Language.RU,
                      target_language=Language.EN, max_input_tokens=16, **FAST)
    en = [p.text for p in sample_comparison.en[0].paragraphs if len(p.text) > 300][:3]
    ru = [p.text for p in sample_comparison.ru[0].paragraphs if len(p.text) > 300][:3]
    scored = t.score_batch(ru, en)
    for text, s in zip(en, scored, strict=True):
        spans = [tok.span for tok in s.tokens if tok.span.end > tok.span.start]
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
        for tok in s.tokens:
            surface = tok.token.replace("\u2581", "")
            if surface and tok.span.end > tok.span.start:
                assert tok.span.slice(text) == surface
            assert tok.log_prob <= 0
        covered = "".join(sp.slice(text) for sp in spans)
        assert covered == text.replace(" ", "")
