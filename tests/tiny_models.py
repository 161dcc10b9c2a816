"""Translation models generated in-process, so tests and CI never download weights.

- SentencePiece models trained on the sample texts (and a slice of the UN Parallel Corpus dev sample);
- a tiny CTranslate2 Transformer built from random numpy weights with ``TransformerSpec.from_config``;
- a tiny OPUS-MT/Marian release folder (``decoder.yml``, ``.npz`` with Marian's parameter names, vocabulary
  ``.yml``, ``source.spm``/``target.spm``) that ctranslate2's own ``OpusMTConverter`` converts;
- a synthetic Argos Translate ``.argosmodel`` zip.

The weights are random: translations are gibberish, but every byte path (import, load, tokenise, translate,
score, cache, findings) is the real one. ``random_transformer_spec`` is also what the benchmark uses at
OPUS-MT's full size.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "alignment" / "data" / "sample"


def training_lines(language: str, unpc_lines: int = 600) -> list[str]:
    """Sentences of one language: the bundled sample drafts plus the first lines of the UNPC dev sample."""
    from tests.conftest import UNPC

    lines: list[str] = []
    for name in ("en.md", "en-rev1.md") if language == "en" else ("ru.md", "ru-rev1.md"):
        lines += [ln.strip() for ln in (SAMPLE / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
    unpc = UNPC / f"dev.{language}"
    if unpc.is_file():
        lines += unpc.read_text(encoding="utf-8").splitlines()[:unpc_lines]
    return lines


def train_spm(lines: list[str], vocab_size: int = 600) -> bytes:
    """A unigram SentencePiece model (bytes of the .model file); ids 0..2 are <unk>, <s>, </s>."""
    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=out,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
    )
    return out.getvalue()


def spm_vocab(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# ----- CTranslate2 spec from numpy ----------------------------------------------------------------------------
def _sinusoids(length: int, dim: int) -> np.ndarray:
    positions = np.arange(length)[:, None]
    timescales = np.power(10000, 2 * (np.arange(dim) // 2) / dim)[None, :]
    enc = positions / timescales
    table = np.zeros((length, dim))
    table[:, : dim // 2] = np.sin(enc[:, 0::2])
    table[:, dim // 2 :] = np.cos(enc[:, 1::2])
    return table.astype(np.float32)


def random_transformer_spec(
    source_vocab: list[str],
    target_vocab: list[str],
    *,
    layers: tuple[int, int] = (2, 2),
    heads: int = 4,
    d_model: int = 64,
    ffn: int = 128,
    seed: int = 0,
    add_source_eos: bool = True,
):
    """A ``TransformerSpec`` (pre-norm, ReLU) with random weights of the given shape and vocabularies."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)

    def zeros(n: int) -> np.ndarray:
        return np.zeros(n, dtype=np.float32)

    def norm(ln) -> None:
        ln.gamma = np.ones(d_model, dtype=np.float32)
        ln.beta = zeros(d_model)

    def linear(lin, out_dim: int, in_dim: int) -> None:
        lin.weight = w(out_dim, in_dim)
        lin.bias = zeros(out_dim)

    def ffn_block(f) -> None:
        norm(f.layer_norm)
        linear(f.linear_0, ffn, d_model)
        linear(f.linear_1, d_model, ffn)

    spec = transformer_spec.TransformerSpec.from_config(layers, heads, pre_norm=True)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = w(len(source_vocab), d_model)
    enc.position_encodings.encodings = _sinusoids(512, d_model)
    norm(enc.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        ffn_block(layer.ffn)
    dec.embeddings.weight = w(len(target_vocab), d_model)
    dec.position_encodings.encodings = _sinusoids(512, d_model)
    norm(dec.layer_norm)
    linear(dec.projection, len(target_vocab), d_model)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model)
        linear(layer.attention.linear[1], 2 * d_model, d_model)
        linear(layer.attention.linear[2], d_model, d_model)
        ffn_block(layer.ffn)
    spec.register_source_vocabulary(source_vocab)
    spec.register_target_vocabulary(target_vocab)
    spec.config.add_source_eos = add_source_eos
    spec.validate()
    return spec


def save_spec(spec, out_dir: Path, quantization: str | None = "int8") -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.optimize(quantization=quantization)
    spec.save(str(out_dir))
    return out_dir


# ----- the three import formats ------------------------------------------------------------------------------
class TinyFactory:
    """Builds (and memoises) the SentencePiece models once per session, then any model folder on demand."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._spm: dict[str, bytes] = {}

    def spm(self, language: str) -> bytes:
        if language not in self._spm:
            if language == "shared":
                self._spm[language] = train_spm(training_lines("en", 300) + training_lines("ru", 300), 800)
            else:
                self._spm[language] = train_spm(training_lines(language), 600)
        return self._spm[language]

    def ct2_dir(self, out: Path, source: str = "ru", target: str = "en", seed: int = 1) -> Path:
        """(c) an already converted CTranslate2 folder with source.spm/target.spm."""
        src, tgt = self.spm(source), self.spm(target)
        spec = random_transformer_spec(spm_vocab(src), spm_vocab(tgt), seed=seed)
        save_spec(spec, out)
        (out / "source.spm").write_bytes(src)
        (out / "target.spm").write_bytes(tgt)
        return out

    def opus_mt_dir(self, out: Path, source: str = "ru", target: str = "en", seed: int = 2) -> Path:
        """(a) an OPUS-MT release folder as Helsinki-NLP publishes it (post-norm Marian transformer)."""
        out.mkdir(parents=True, exist_ok=True)
        src, tgt = self.spm(source), self.spm(target)
        # Marian's joint vocabulary: </s> and <unk> first, then every piece of both SentencePiece models
        vocab = ["</s>", "<unk>"]
        seen = set(vocab)
        for piece in spm_vocab(src) + spm_vocab(tgt):
            if piece not in seen and piece not in ("<s>",):
                seen.add(piece)
                vocab.append(piece)
        (out / "opus.spm32k-spm32k.vocab.yml").write_text(
            "".join(f"{json.dumps(tok, ensure_ascii=False)}: {i}\n" for i, tok in enumerate(vocab)), encoding="utf-8"
        )
        model = "opus.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz"
        np.savez(out / model, **marian_weights(len(vocab), seed=seed))
        (out / "decoder.yml").write_text(
            f"models:\n  - {model}\nvocabs:\n  - opus.spm32k-spm32k.vocab.yml\n  - opus.spm32k-spm32k.vocab.yml\n"
            "beam-size: 6\nnormalize: 0.6\nword-penalty: 0\nmini-batch: 1\nmaxi-batch: 1\nmaxi-batch-sort: src\n"
            "relative-paths: true\n",
            encoding="utf-8",
        )
        (out / "source.spm").write_bytes(src)
        (out / "target.spm").write_bytes(tgt)
        (out / "README.md").write_text(
            f"# opus-2020-02-26.zip\n\n* dataset: opus\n* model: transformer-align\n"
            f"* source language(s): {source}\n* target language(s): {target}\n"
            "* pre-processing: normalization + SentencePiece (spm32k,spm32k)\n",
            encoding="utf-8",
        )
        (out / "LICENSE").write_text("CC-BY 4.0 (synthetic test model)\n", encoding="utf-8")
        return out

    def opus_mt_zip(self, out_zip: Path, source: str = "ru", target: str = "en") -> Path:
        folder = self.opus_mt_dir(self.workdir / f"opus-src-{source}-{target}", source, target)
        with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(folder.iterdir()):
                zf.write(f, f.name)  # release zips hold the files at the top level
        return out_zip

    def argos_zip(self, out_zip: Path, source: str = "en", target: str = "ru", seed: int = 3) -> Path:
        """(b) an Argos Translate package: <name>/metadata.json, <name>/model/, <name>/sentencepiece.model."""
        shared = self.spm("shared")
        folder = self.workdir / f"argos-{source}-{target}"
        spec = random_transformer_spec(spm_vocab(shared), spm_vocab(shared), seed=seed)
        save_spec(spec, folder / "model")
        name = f"translate-{source}_{target}-1_9"
        meta = {
            "package_version": "1.9",
            "argos_version": "1.9.0",
            "from_code": source,
            "from_name": {"en": "English", "ru": "Russian", "de": "German"}.get(source, source),
            "to_code": target,
            "to_name": {"en": "English", "ru": "Russian", "de": "German"}.get(target, target),
            "type": "translate",
        }
        with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{name}/metadata.json", json.dumps(meta, indent=2))
            zf.writestr(f"{name}/README.md", "Synthetic Argos package for tests.\n")
            zf.writestr(f"{name}/sentencepiece.model", shared)
            for f in sorted((folder / "model").iterdir()):
                zf.write(f, f"{name}/model/{f.name}")
        return out_zip


def marian_weights(vocab_size: int, *, d_model: int = 32, ffn: int = 64, heads: int = 4, depth: int = 2,
                   seed: int = 0) -> dict[str, np.ndarray]:
    """Parameters named as Marian saves a post-norm transformer (tied embeddings, ``special:model.yml``)."""
    rng = np.random.default_rng(seed)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) / np.sqrt(shape[0])).astype(np.float32)

    def b(n: int) -> np.ndarray:
        return np.zeros((1, n), dtype=np.float32)

    p: dict[str, np.ndarray] = {"Wemb": w(vocab_size, d_model), "decoder_ff_logit_out_b": b(vocab_size)}

    def ln(prefix: str) -> None:
        p[f"{prefix}_ln_scale"] = np.ones((1, d_model), dtype=np.float32)
        p[f"{prefix}_ln_bias"] = b(d_model)

    def attention(prefix: str) -> None:
        for part in "qkvo":
            p[f"{prefix}_W{part}"] = w(d_model, d_model)
            p[f"{prefix}_b{part}"] = b(d_model)
        ln(f"{prefix}_Wo")

    def ffn_block(prefix: str) -> None:
        p[f"{prefix}_W1"], p[f"{prefix}_b1"] = w(d_model, ffn), b(ffn)
        p[f"{prefix}_W2"], p[f"{prefix}_b2"] = w(ffn, d_model), b(d_model)
        ln(f"{prefix}_ffn")

    for i in range(1, depth + 1):
        attention(f"encoder_l{i}_self")
        ffn_block(f"encoder_l{i}_ffn")
        attention(f"decoder_l{i}_self")
        attention(f"decoder_l{i}_context")
        ffn_block(f"decoder_l{i}_ffn")
    config = {
        "type": "transformer",
        "dim-emb": d_model,
        "enc-depth": depth,
        "dec-depth": depth,
        "transformer-heads": heads,
        "transformer-dim-ffn": ffn,
        "transformer-ffn-activation": "swish",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "tied-embeddings-all": True,
    }
    import yaml

    p["special:model.yml"] = np.frombuffer(yaml.safe_dump(config).encode("utf-8") + b"\0", dtype=np.int8)
    return p


def build_bundle_models(out: Path, workdir: Path | None = None) -> list:
    """Lay out a tiny ru-en model in ``out`` the way packaging/fetch_models.py does (one folder per model with
    its manifest), through the real import code. Used by packaging/build.py --with-test-model."""
    import tempfile

    from models.importer import import_model
    from models.store import ModelStore

    with tempfile.TemporaryDirectory() as tmp:
        factory = TinyFactory(Path(workdir or tmp) / "factory")
        src = factory.ct2_dir(Path(tmp) / "tiny-ru-en", "ru", "en")
        store = ModelStore(Path(out))
        return [import_model(src, store=store, source_language="ru", target_language="en", model_id="tiny-ru-en")]


# ----- a test double for the Translator interface -------------------------------------------------------------
class TableTranslator:
    """A Translator with fixed answers, for testing what turns translations into findings.

    ``table`` maps each source text to ``(translation, reading)``: ``translation`` is what ``translate_batch``
    returns (a paraphrase, as a real model would produce), ``reading`` is the exact target-language wording of
    what the source says, from which ``score_batch`` derives token log-probabilities: a target word the reading
    has is probable, a word it lacks is improbable. Faithful pairs have reading == the other original.
    """

    def __init__(self, table: dict[str, tuple[str, str]], source: str = "ru", target: str = "en",
                 model_id: str = "table") -> None:
        from alignment.document import Language

        self.table = table
        self._source = Language(source)
        self._target = Language(target)
        self._model_id = model_id
        self.translated: list[str] = []
        self.scored: list[tuple[str, str]] = []

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def source_language(self):
        return self._source

    @property
    def target_language(self):
        return self._target

    def translate_batch(self, texts, progress=None, should_cancel=None):
        from alignment.jobs import check_cancel

        out = []
        for t in texts:
            check_cancel(should_cancel)
            self.translated.append(t)
            out.append(self.table[t][0])
        return out

    def score_batch(self, sources, targets, progress=None, should_cancel=None):
        import re
        import zlib

        from alignment.document import Span
        from models.divergence import matched_words, stopwords, words
        from models.translator import ScoredText, TokenScore

        stop = stopwords(self._target)
        out = []
        for s, t in zip(sources, targets, strict=True):
            self.scored.append((s, t))
            # a target word is predicted when an in-order alignment with the reading pairs it up
            target_words = words(t, self._target)
            predicted, _ = matched_words(target_words, words(self.table[s][1], self._target))
            predicted_at = {target_words[i].span.start for i in predicted}
            tokens = []
            for m in re.finditer(r"\w+(?:[-/.']\w+)*|[^\w\s]", t):
                word = m.group(0)
                jitter = (zlib.crc32(word.encode()) % 100) / 100.0  # deterministic spread, 0..1
                if not word[0].isalnum():
                    lp = -0.2 - jitter
                elif m.start() in predicted_at:
                    lp = -0.3 - 1.5 * jitter
                elif word.lower() in stop:
                    lp = -1.5 - 2.0 * jitter
                else:
                    lp = -9.0 - 3.0 * jitter
                tokens.append(TokenScore("\u2581" + word, Span(m.start(), m.end()), lp))
            out.append(ScoredText(tuple(tokens)))
        return out


# Light, meaning-preserving rewording a real model produces (stems differ, meaning does not)
PARAPHRASES = (
    ("Calls upon", "Calls on"), ("calls upon", "calls on"), ("in particular", "particularly"),
    ("Recognizing", "Recognising"), ("recognizing", "recognising"), ("the implementation of", "implementing"),
    ("also ", ""), ("Further ", ""), ("Welcoming", "Welcoming"), ("Member States", "member states"),
    ("organized", "organised"), ("programmes", "programs"),
    ("with a view to", "in order to"), ("relevant", "pertinent"),
)


def paraphrase(text: str) -> str:
    for a, b in PARAPHRASES:
        text = text.replace(a, b)
    return text


# ----- pytest fixtures (import them into a test module to use them) -------------------------------------------
try:
    import pytest
except ImportError:  # packaging/build.py imports this module without pytest
    pytest = None

if pytest is not None:

    @pytest.fixture(scope="session")
    def tiny(tmp_path_factory) -> TinyFactory:
        """One factory per test session: SentencePiece models are trained once."""
        return TinyFactory(tmp_path_factory.mktemp("tiny-models"))
