"""
Canonical JSON: one byte string for one value, so that a hash or a signature over a document
can be recomputed by anyone. Keys sorted, no insignificant white space, UTF-8, no NaN; the
subset of RFC 8785 (JCS) that Portrait's documents use (strings, integers, booleans, null,
lists and objects; amounts are written as decimal strings, never floats).
"""

import hashlib
import json


def canonical_json(value) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_sha256(value) -> str:
    """The SHA-256 (hex) of a value's canonical JSON."""
    return sha256_hex(canonical_json(value))
