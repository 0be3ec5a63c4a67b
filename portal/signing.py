"""
Ed25519 keys with ids, rotatable: who signs receipts and ledger checkpoints.

The current signing key comes from the environment in production (``PORTAL_SIGNING_KEY``: a PEM
PKCS#8 private key or the base64 of the 32-byte seed, with ``PORTAL_SIGNING_KEY_ID``), or, in the
embedded default, from ``var/signing-key.pem``, generated on first use. To rotate, set a new key
and id: every key that ever signed is recorded in ``SigningKey`` the first time it signs, and
``PORTAL_RETIRED_PUBLIC_KEYS`` (``id:base64-public-key`` pairs, comma separated) can list more, so
``/.well-known/portrait-keys.json`` keeps publishing them and old signatures still verify.

A key id names a key; it never decides trust by itself: verification always uses the public
key published under that id.
"""

import base64
import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import IntegrityError, transaction

# C2SP signed-note algorithm byte for Ed25519.
NOTE_ALG_ED25519 = b"\x01"


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    public_key: bytes  # 32 raw bytes
    current: bool = False

    @property
    def b64(self) -> str:
        return base64.b64encode(self.public_key).decode()

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class SigningKeyPair:
    key_id: str
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)


def _load_private(text: str) -> Ed25519PrivateKey:
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("PORTAL_SIGNING_KEY must be an Ed25519 key")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text, validate=True))


def default_key_id(public_key: bytes) -> str:
    return "portrait-" + hashlib.sha256(public_key).hexdigest()[:12]


def _embedded_key(path: Path) -> Ed25519PrivateKey:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # O_EXCL: two processes starting together keep whichever key was written first.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
    return _load_private(path.read_text())


@functools.cache
def _keypair(secret: str, key_id: str, path: str) -> SigningKeyPair:
    private = _load_private(secret) if secret else _embedded_key(Path(path))
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return SigningKeyPair(key_id=key_id or default_key_id(public), private_key=private)


def current_key() -> SigningKeyPair:
    """The key that signs now; its public half is recorded in ``SigningKey`` when it signs."""
    return _keypair(
        settings.PORTAL_SIGNING_KEY, settings.PORTAL_SIGNING_KEY_ID, str(settings.PORTAL_KEY_FILE)
    )


def record_current_key() -> SigningKeyPair:
    """Make sure the current public key is published (idempotent, safe under concurrency)."""
    from portal.models import SigningKey

    pair = current_key()
    public_b64 = base64.b64encode(pair.public_key).decode()
    known = SigningKey.objects.filter(key_id=pair.key_id).values_list("public_key", flat=True)
    if not known:
        try:
            with transaction.atomic():
                SigningKey.objects.create(key_id=pair.key_id, public_key=public_b64)
        except IntegrityError:
            known = SigningKey.objects.filter(key_id=pair.key_id).values_list(
                "public_key", flat=True
            )
    if known and known[0] != public_b64:
        # One id, two keys: verifiers could no longer tell which key signed what.
        raise ValueError(f"key id {pair.key_id} is already published for another key")
    return pair


def _retired_from_settings() -> list[PublicKey]:
    keys = []
    for item in settings.PORTAL_RETIRED_PUBLIC_KEYS:
        key_id, _, b64 = item.partition(":")
        keys.append(PublicKey(key_id=key_id.strip(), public_key=base64.b64decode(b64.strip())))
    return keys


def published_keys() -> list[PublicKey]:
    """Every public key a verifier may meet, current first, by id (one key per id)."""
    from portal.models import SigningKey

    pair = current_key()
    keys = {pair.key_id: PublicKey(key_id=pair.key_id, public_key=pair.public_key, current=True)}
    for key in _retired_from_settings():
        keys.setdefault(key.key_id, key)
    for key_id, b64 in SigningKey.objects.values_list("key_id", "public_key"):
        keys.setdefault(key_id, PublicKey(key_id=key_id, public_key=base64.b64decode(b64)))
    return list(keys.values())


def public_key_for(key_id: str) -> PublicKey | None:
    return next((key for key in published_keys() if key.key_id == key_id), None)


# --- C2SP signed notes (https://c2sp.org/signed-note) --------------------------------------


def note_key_hash(name: str, public_key: bytes) -> bytes:
    """The 4-byte key hash: SHA-256(name || 0x0A || 0x01 || public key)[:4]."""
    return hashlib.sha256(name.encode() + b"\n" + NOTE_ALG_ED25519 + public_key).digest()[:4]


def note_verifier_key(name: str, public_key: bytes) -> str:
    """The verifier key string: ``<name>+<hex key hash>+<base64(0x01 || key)>``."""
    key_hash = note_key_hash(name, public_key).hex()
    return f"{name}+{key_hash}+{base64.b64encode(NOTE_ALG_ED25519 + public_key).decode()}"


def note_sign(text: str, *, name: str, pair: SigningKeyPair) -> str:
    """Sign a note body (ending in a newline); returns the whole signed note."""
    if not text.endswith("\n"):
        raise ValueError("a note's text ends with a newline")
    signature = pair.sign(text.encode())
    blob = base64.b64encode(note_key_hash(name, pair.public_key) + signature).decode()
    return f"{text}\n\u2014 {name} {blob}\n"


def note_open(note: str, *, name: str, keys: list[PublicKey]) -> tuple[str, PublicKey] | None:
    """
    The note's text and the published key that signed it under ``name``, or None when no
    signature line verifies. Unknown signature lines are skipped, as the spec asks.
    """
    text, sep, signatures = note.rpartition("\n\n")
    if not sep:
        return None
    text += "\n"
    for line in signatures.splitlines():
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != "\u2014" or parts[1] != name:
            continue
        try:
            blob = base64.b64decode(parts[2], validate=True)
        except ValueError:
            continue
        for key in keys:
            if blob[:4] == note_key_hash(name, key.public_key) and key.verify(
                blob[4:], text.encode()
            ):
                return text, key
    return None
