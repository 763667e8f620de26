#!/usr/bin/env python3
"""Reference token ids from the Hugging Face `tokenizers` package, for comparing TokenizerModel against it.

  tokenizer-reference.py TEXTS.jsonl[.gz] TOKENIZER.json [--fields title,body] [--limit N] > OUT.jsonl

TEXTS holds JSON Lines: each line a string, or an object whose --fields (default: title and body) are each a
text; empty texts are skipped. Every text is encoded with special tokens, without truncation or padding, and
written as one line {"text": ..., "ids": [...]}. Needs `pip install tokenizers`.

The Swift test suite compares against OUT when RECOMMEND_TOKENIZER_REFERENCE names it (see docs/embeddings.md).
"""
import argparse
import gzip
import json
import sys

from tokenizers import Tokenizer


def texts(path, fields, limit):
    opener = gzip.open if path.endswith(".gz") else open
    count = 0
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            value = json.loads(line)
            for text in [value] if isinstance(value, str) else [value.get(f) or "" for f in fields]:
                if text:
                    yield text
                    count += 1
                    if limit and count >= limit:
                        return


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts")
    ap.add_argument("tokenizer")
    ap.add_argument("--fields", default="title,body")
    ap.add_argument("--limit", type=int, default=0, help="stop after this many texts (0: all)")
    args = ap.parse_args()
    tokenizer = Tokenizer.from_file(args.tokenizer)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    out = sys.stdout
    for text in texts(args.texts, args.fields.split(","), args.limit):
        ids = tokenizer.encode(text).ids
        out.write(json.dumps({"text": text, "ids": ids}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
