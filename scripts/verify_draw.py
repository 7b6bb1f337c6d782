#!/usr/bin/env python3
"""Verify an Antre release draw, independently of Antre's code.

Antre publishes, before entries open, the commitment SHA-256(seed). After the draw it publishes
the seed and the digests of all entries in drawn order. The order is the digests sorted by
HMAC-SHA256(seed, digest). This script checks both, so anyone can confirm nobody was moved.

Usage:
  verify_draw.py RESULT              # RESULT: a file or URL of GET /v1/draws/{id}/result
  verify_draw.py RESULT --mine SALT ENTRY_ID
                                     # also find your own entry (the app shows salt and id)

Exit status 0 when the draw verifies, 1 when it does not. Standard library only.
"""
import argparse
import hashlib
import hmac
import json
import sys
import urllib.request


def load(location):
    if location.startswith(("http://", "https://")):
        with urllib.request.urlopen(location) as response:
            return json.load(response)
    with open(location, encoding="utf-8") as f:
        return json.load(f)


def rank(seed, digest):
    return hmac.new(seed, digest.encode("ascii"), hashlib.sha256).digest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("result")
    parser.add_argument("--mine", nargs=2, metavar=("SALT", "ENTRY_ID"))
    args = parser.parse_args()
    result = load(args.result)
    seed = bytes.fromhex(result["seed"])
    order = result["order"]
    ok = True
    if hashlib.sha256(seed).hexdigest() != result["commitment"]:
        print("FAIL: the seed is not the one committed to before entries opened")
        ok = False
    recomputed = sorted(order, key=lambda d: (rank(seed, d), d))
    if recomputed != order:
        moved = sum(1 for a, b in zip(recomputed, order) if a != b)
        print(f"FAIL: {moved} of {len(order)} positions differ from the order the seed gives")
        ok = False
    if len(set(order)) != len(order):
        print("FAIL: a digest appears twice")
        ok = False
    if args.mine:
        salt, entry_id = args.mine
        mine = hashlib.sha256(bytes.fromhex(salt) + entry_id.encode("utf-8")).hexdigest()
        if mine in order:
            print(f"your entry is number {order.index(mine) + 1} of {len(order)}")
        else:
            print("FAIL: your entry is not in the published list")
            ok = False
    if ok:
        print(f"OK: draw {result.get('draw_id', '?')} verified: {len(order)} entries in the order the committed seed gives")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
