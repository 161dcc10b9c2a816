"""Benchmark: translation speed and memory of an OPUS-MT-shaped model, CTranslate2 int8 / float32 vs PyTorch.

    python tests/bench/bench_translation.py [--paragraphs 25] [--out-len 48] [--beam 2] [--no-torch]
    BENCH_THREADS=1 python tests/bench/bench_translation.py   # per-core figures, steadier on a shared machine

The model has OPUS-MT's shape (Marian transformer-base: 6+6 layers, d_model 512, 8 heads, FFN 2048, a ~60k
shared vocabulary, post-norm, swish) with random weights, written as a Marian .npz and converted with
CTranslate2's own OpusMTConverter — the same path as `parity models import`. Every engine translates the
sample's Russian paragraphs (split into sentences as the app does) with a fixed output length, so the work is
identical; each runs in its own subprocess so its peak memory (VmHWM / ru_maxrss) is its own. When torch and
transformers are installed, a same-shape MarianMTModel ``generate()`` runs side by side (they are optional:
``pip install torch==2.13.0 transformers``; not dependencies of Parity).

Then the app's own path: the translation-based analysis of a 60-paragraph resolution (ru->en translation and
forced scoring, int8) and a second run over the same documents, which must translate nothing (cache hit rate).
Targets (issue 5): int8 >= 4x PyTorch's tokens/s; 60 paragraphs in < 30 s of translation time; 100% cache hits.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

VOCAB = 60_000
SHAPE = {"d_model": 512, "ffn": 2048, "heads": 8, "depth": 6}
BATCH = 16


# ----- building the model -------------------------------------------------------------------------------------
def build(work: Path) -> dict:
    """Marian release folder -> CTranslate2 int8 and float32 folders; returns paths and the vocabulary size."""
    import numpy as np
    from ctranslate2.converters import OpusMTConverter

    from tests.tiny_models import marian_weights, spm_vocab, train_spm, training_lines

    marian = work / "opus-mt-shaped"
    marian.mkdir(parents=True, exist_ok=True)
    spm = train_spm(training_lines("ru", 3000) + training_lines("en", 3000), vocab_size=8000)
    (marian / "source.spm").write_bytes(spm)
    (marian / "target.spm").write_bytes(spm)
    vocab = ["</s>", "<unk>"] + [p for p in spm_vocab(spm) if p not in ("<s>", "</s>", "<unk>")]
    vocab += [f"<filler{i}>" for i in range(VOCAB - len(vocab))]  # a 60k vocabulary, like OPUS-MT's
    (marian / "vocab.yml").write_text("".join(f"{json.dumps(t, ensure_ascii=False)}: {i}\n" for i, t in enumerate(vocab)),
                                      encoding="utf-8")
    np.savez(marian / "model.npz", **marian_weights(len(vocab), seed=5, **SHAPE))
    (marian / "decoder.yml").write_text("models:\n  - model.npz\nvocabs:\n  - vocab.yml\n  - vocab.yml\n", encoding="utf-8")
    out = {}
    for q in ("int8", "float32"):
        d = work / f"ct2-{q}"
        OpusMTConverter(str(marian)).convert(str(d), quantization=q, force=True)
        (d / "source.spm").write_bytes(spm)
        (d / "target.spm").write_bytes(spm)
        out[q] = str(d)
    out["vocab"] = len(vocab)
    out["spm"] = str(marian / "source.spm")
    return out


def segments(paragraphs: list[str], spm_path: str) -> list[list[str]]:
    """The paragraphs as the app feeds them: split into sentences, SentencePiece pieces."""
    from models.ct2_translator import Tokenizer
    from models.sentences import split_for_model

    tok = Tokenizer(Path(spm_path))
    out = []
    for text in paragraphs:
        for span in split_for_model(text, lambda s: len(tok.pieces(s)), 200):
            out.append(tok.pieces(span.slice(text)))
    return out


def sample_paragraphs(n: int) -> list[str]:
    from alignment.comparison import Comparison

    c = Comparison.sample()
    paras = [p.text for doc in c.ru for p in doc.paragraphs]
    return paras[:n]


# ----- one engine per subprocess ------------------------------------------------------------------------------
def child(engine: str, info: dict, segs: list[list[str]], out_len: int, beam: int, repeat: int) -> dict:
    threads = int(os.environ.get("BENCH_THREADS", "0")) or len(os.sched_getaffinity(0))
    started = time.perf_counter()
    if engine.startswith("ct2"):
        import ctranslate2

        q = engine.split("-")[1]
        model = ctranslate2.Translator(info[q], device="cpu", compute_type=q, inter_threads=1, intra_threads=threads)
        loaded = time.perf_counter()

        def run() -> int:
            produced = 0
            for i in range(0, len(segs), BATCH):
                res = model.translate_batch(segs[i : i + BATCH], beam_size=beam, min_decoding_length=out_len,
                                            max_decoding_length=out_len, max_input_length=256)
                produced += sum(len(r.hypotheses[0]) for r in res)
            return produced
    else:
        import torch
        from transformers import MarianConfig, MarianMTModel

        torch.set_num_threads(threads)
        torch.manual_seed(0)
        pad = info["vocab"]  # Marian's pad token is the last id
        config = MarianConfig(
            vocab_size=info["vocab"] + 1, d_model=SHAPE["d_model"], encoder_layers=SHAPE["depth"],
            decoder_layers=SHAPE["depth"], encoder_attention_heads=SHAPE["heads"], decoder_attention_heads=SHAPE["heads"],
            encoder_ffn_dim=SHAPE["ffn"], decoder_ffn_dim=SHAPE["ffn"], activation_function="swish",
            max_position_embeddings=512, pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
            forced_eos_token_id=None, scale_embedding=True, share_encoder_decoder_embeddings=True,
        )
        model = MarianMTModel(config).eval()
        vocab_index = {t: i for i, t in enumerate(_vocab_of(info))}
        loaded = time.perf_counter()

        def run() -> int:
            produced = 0
            with torch.inference_mode():
                for i in range(0, len(segs), BATCH):
                    batch = [[vocab_index.get(t, 1) for t in s] + [0] for s in segs[i : i + BATCH]]
                    width = max(len(b) for b in batch)
                    ids = torch.tensor([b + [pad] * (width - len(b)) for b in batch])
                    mask = (ids != pad).long()
                    gen = model.generate(input_ids=ids, attention_mask=mask, num_beams=beam, do_sample=False,
                                         min_new_tokens=out_len, max_new_tokens=out_len)
                    produced += (gen.shape[1] - 1) * gen.shape[0]
            return produced

    # best of a few runs: the machine is shared, and OpenMP threads suffer badly when another process takes a core
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        produced = run()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {
        "engine": engine,
        "tokens": produced,
        "seconds": min(times),
        "all_seconds": [round(t, 2) for t in times],
        "cpu_seconds": min(cpu),  # less sensitive than wall time to other processes on a shared machine
        "load_seconds": loaded - started,
        "load_average": os.getloadavg()[0],
        "peak_rss_mib": peak_rss_mib(),
        "threads": threads,
    }


def peak_rss_mib() -> float:
    """This process's peak resident memory. VmHWM restarts at exec; ru_maxrss would carry over the parent's
    peak from the fork (the parent holds the 60k-vocabulary weights it just wrote)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vocab_of(info: dict) -> list[str]:
    return json.loads((Path(info["int8"]) / "shared_vocabulary.json").read_text(encoding="utf-8"))


def run_child(engine: str, work: Path, out_len: int, beam: int, repeat: int) -> dict | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", engine, "--work", str(work), "--out-len", str(out_len), "--beam", str(beam),
         "--repeat", str(repeat)],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0:
        print(f"  {engine}: failed\n{proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----- the app's own path: 60 paragraphs, then again from the cache -----------------------------------------
def analysis(info: dict, out_len: int, beam: int, work: Path) -> None:
    from alignment.comparison import Comparison
    from alignment.document import Language
    from models.cache import CachedTranslator, TranslationCache
    from models.ct2_translator import CT2Translator, DecodingOptions
    from models.divergence import PairText, translation_findings
    from tests.conftest import UNPC

    c = Comparison.sample()
    pairs = []
    for rev in c.bilingual_revisions:
        for e, r in zip(c.en[rev].paragraphs, c.ru[rev].paragraphs, strict=False):
            pairs.append(PairText(f"rev{rev}", f"en{rev or ''}:{e.id}", f"ru{rev or ''}:{r.id}", e.text, r.text))
    if len(pairs) < 60 and (UNPC / "dev.en").is_file():
        en = (UNPC / "dev.en").read_text(encoding="utf-8").splitlines()
        ru = (UNPC / "dev.ru").read_text(encoding="utf-8").splitlines()
        pairs += [PairText("unpc", f"en:{i}", f"ru:{i}", en[i], ru[i]) for i in range(60 - len(pairs))]
    pairs = pairs[:60]
    model = CT2Translator(info["int8"], info["spm"], info["spm"], model_id="bench-int8", source_language=Language.RU,
                          target_language=Language.EN,
                          decoding=DecodingOptions(beam_size=beam, min_decoding_length=out_len, max_decoding_length=out_len))
    model.load()
    (work / "cache.sqlite3").unlink(missing_ok=True)
    cache = TranslationCache(work / "cache.sqlite3")
    first = CachedTranslator(model, cache)
    t0 = time.perf_counter()
    translation_findings(pairs, first)
    t1 = time.perf_counter()
    second = CachedTranslator(model, cache)
    translation_findings(pairs, second)
    t2 = time.perf_counter()
    n_words = sum(len(p.ru_text.split()) for p in pairs)
    print(f"\nanalysis of a {len(pairs)}-paragraph resolution ({n_words} Russian words; ru->en translation + forced "
          f"scoring, int8, beam {beam}, {out_len} tokens per sentence): {t1 - t0:.1f} s "
          f"(target < 30 s: {'OK' if t1 - t0 < 30 else 'MISSED'})")
    print(f"second run over the same documents: {t2 - t1:.2f} s, translations {second.translation_stats.misses}, "
          f"scorings {second.score_stats.misses}, cache hit rate {100 * second.translation_stats.hit_rate:.0f}% "
          f"(target 100%: {'OK' if second.translation_stats.misses == 0 else 'MISSED'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=25, help="Russian sample paragraphs to translate")
    parser.add_argument("--out-len", type=int, default=48, help="fixed output length per sentence (tokens)")
    parser.add_argument("--beam", type=int, default=2)
    parser.add_argument("--no-torch", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine; the best is reported")
    parser.add_argument("--child")
    parser.add_argument("--work", type=Path, help="(internal) folder of the built model, for --child")
    parser.add_argument("--keep", type=Path, help="build the model in this folder and keep it (reused when present)")
    args = parser.parse_args()

    if args.child:
        info = json.loads((args.work / "info.json").read_text())
        segs = json.loads((args.work / "segments.json").read_text())
        print(json.dumps(child(args.child, info, segs, args.out_len, args.beam, args.repeat)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        info = json.loads((work / "info.json").read_text()) if (work / "info.json").is_file() else build(work)
        segs = segments(sample_paragraphs(args.paragraphs), info["spm"])
        (work / "info.json").write_text(json.dumps(info))
        (work / "segments.json").write_text(json.dumps(segs, ensure_ascii=False))
        print(f"model: OPUS-MT shape (6+6 layers, d_model 512, 8 heads, FFN 2048, vocabulary {info['vocab']}), "
              f"random weights, built in {time.perf_counter() - t:.0f} s; input: {args.paragraphs} sample paragraphs = "
              f"{len(segs)} sentences, {sum(map(len, segs))} source tokens; output fixed at {args.out_len} tokens, "
              f"beam {args.beam}, batch {BATCH}")
        engines = ["ct2-int8", "ct2-float32"]
        try:
            import torch  # noqa: F401
            import transformers  # noqa: F401

            if not args.no_torch:
                engines.append("torch")
        except ImportError:
            print("torch/transformers not installed: PyTorch comparison skipped (pip install torch==2.13.0 transformers)")
        results = {e: r for e in engines if (r := run_child(e, work, args.out_len, args.beam, args.repeat))}
        threads = next(iter(results.values()))["threads"] if results else 0
        print(f"\n{'engine':<14}{'tokens/s':>10}{'tok/CPU-s':>10}{'peak MiB':>10}{'load s':>8}  runs (s), load average"
              f"   [{threads} threads]")
        for e, r in results.items():
            print(f"{e:<14}{r['tokens'] / r['seconds']:>10.0f}{r['tokens'] / r['cpu_seconds']:>10.0f}"
                  f"{r['peak_rss_mib']:>10.0f}{r['load_seconds']:>8.1f}  {r['all_seconds']}, {r['load_average']:.1f}")
        if "torch" in results:
            base = results["torch"]
            tps = base["tokens"] / base["seconds"]
            for e in ("ct2-int8", "ct2-float32"):
                if e in results:
                    r = results[e]
                    print(f"{e} vs PyTorch: {r['tokens'] / r['seconds'] / tps:.1f}x tokens/s "
                          f"({base['cpu_seconds'] / r['cpu_seconds']:.1f}x per CPU-second), "
                          f"{base['peak_rss_mib'] / r['peak_rss_mib']:.1f}x less memory")
            if "ct2-int8" in results:
                ratio = results["ct2-int8"]["tokens"] / results["ct2-int8"]["seconds"] / tps
                print(f"target int8 >= 4x PyTorch tokens/s: {'OK' if ratio >= 4 else 'MISSED'} ({ratio:.1f}x)")
        analysis(info, args.out_len, args.beam, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
