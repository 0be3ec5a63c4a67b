"""
The transparency ledger: one append-only, hash-chained log of consent-relevant events.

Contract (other apps rely on it; keep the names and signatures)::

    from portal.ledger import ledger_append, LedgerEntry

    ledger_append(*, event_type: str, subject=None, subject_type: str = "", subject_id: str = "",
                  payload: dict | None = None, actor=None, on_behalf_of=None) -> LedgerEntry

- Appends one entry in the caller's transaction (it is itself ``@transaction.atomic``): the
  entry exists if and only if that transaction commits.
- ``subject``: a model instance (``subject_type`` = ``_meta.label_lower``, ``subject_id`` =
  ``str(pk)``), or give the two strings.
- ``actor``: the user who acted, None for the system; ``on_behalf_of``: the user they acted for
  (an agent for an actor, staff for anyone).
- ``payload``: JSON (strings, integers, booleans, null, lists, objects; no floats: write amounts
  as decimal strings). NO personal data: public names and ids only, never email addresses or
  dates of birth (keys that look like them are refused).
- Concurrent appends serialize on the single ``LedgerHead`` row (``select_for_update``): the
  sequence is gapless from the genesis entry (seq 0, written by the first append) and the chain
  never forks. On SQLite the IMMEDIATE transactions serialize writers anyway.

``LedgerEntry`` fields: ``seq``, ``created_at``, ``event_type``, ``subject_type``,
``subject_id``, ``actor`` (FK user, null = system), ``on_behalf_of``, ``payload``, ``prev_hash``
(genesis: 64 zeros) and ``entry_hash`` = SHA-256 of the canonical JSON (``portal.canonical``) of
``entry_body(entry)``: every other field, with ``created_at`` as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.

Event names are ``<noun>.<past participle>`` ("listing.listed", "grant.revoked"); staff
actions carry ``"staff": true`` in the payload.

Around the chain: an RFC 6962 Merkle tree whose leaves are the entries' 32-byte hashes
(``portal.merkle``), signed checkpoints in the C2SP tlog-checkpoint format
(``checkpoint_sign``), inclusion and consistency proofs, and ``ledger_verify`` (what
``manage.py verify_ledger`` runs).
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from portal import merkle, signing
from portal.canonical import canonical_sha256
from portal.models import Checkpoint, LedgerEntry, LedgerHead

__all__ = [
    "GENESIS_EVENT",
    "Checkpoint",
    "LedgerEntry",
    "checkpoint_latest",
    "checkpoint_sign",
    "consistency_proof",
    "entry_body",
    "entry_hash",
    "inclusion_proof",
    "ledger_append",
    "ledger_verify",
]

GENESIS_EVENT = "ledger.genesis"
ZERO_HASH = "0" * 64
# Keys that would carry personal data into a public, permanent log.
_PERSONAL_KEYS = ("email", "birth", "dob", "phone", "address", "password", "legal_name")


def _timestamp(value) -> str:
    """``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC (isoformat is several times faster than strftime)."""
    if value.utcoffset():
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def entry_body(entry: LedgerEntry) -> dict:
    """Everything the entry's hash covers."""
    return {
        "seq": entry.seq,
        "created_at": _timestamp(entry.created_at),
        "event_type": entry.event_type,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "actor": entry.actor_id,
        "on_behalf_of": entry.on_behalf_of_id,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
    }


def entry_hash(entry: LedgerEntry) -> str:
    return canonical_sha256(entry_body(entry))


def entry_public(entry: LedgerEntry) -> dict:
    """The entry as published at ``/ledger/entries/<seq>.json``."""
    return {**entry_body(entry), "entry_hash": entry.entry_hash}


def _check_payload(value, path="payload"):
    if isinstance(value, float):
        raise TypeError(f"{path}: no floats in the ledger; write amounts as decimal strings")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be strings")
            if any(word in key.lower() for word in _PERSONAL_KEYS):
                raise ValueError(f"{path}.{key}: personal data stays out of the ledger")
            _check_payload(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _check_payload(item, f"{path}[{i}]")
    elif not (value is None or isinstance(value, str | int | bool)):
        raise TypeError(f"{path}: {type(value).__name__} is not JSON")


# The head is locked for as long as the caller's transaction lasts, so everything done under
# it is kept short: raw statements (no ORM compilation) and, on PostgreSQL, the entry's INSERT
# and the head's UPDATE in one round trip.
_HEAD = LedgerHead._meta.db_table
_ENTRY = LedgerEntry._meta.db_table
_ENTRY_FIELDS = list(LedgerEntry._meta.concrete_fields)
_INSERT = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (the model's own names)
    _ENTRY, ", ".join(f.column for f in _ENTRY_FIELDS), ", ".join(["%s"] * len(_ENTRY_FIELDS))
)
_MOVE_HEAD = f"UPDATE {_HEAD} SET size = %s, head_hash = %s WHERE id = 1"  # noqa: S608


def _lock_head() -> LedgerHead:
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    select = f"SELECT size, head_hash FROM {_HEAD} WHERE id = 1{lock}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(select)
        row = cursor.fetchone()
        if row is None:
            # The first append ever: create the head, racing safely with any other first one.
            LedgerHead.objects.bulk_create([LedgerHead(pk=1)], ignore_conflicts=True)
            cursor.execute(select)
            row = cursor.fetchone()
    return LedgerHead(pk=1, size=row[0], head_hash=row[1])


def _user_id(user) -> int | None:
    return user.pk if user is not None and user.pk else None


def _write(head: LedgerHead, **fields) -> LedgerEntry:
    entry = LedgerEntry(
        seq=head.size,
        created_at=timezone.now(),
        prev_hash=head.head_hash or ZERO_HASH,
        **fields,
    )
    entry.entry_hash = hashlib.sha256(_encode(entry_body(entry)).encode("utf-8")).hexdigest()
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in _ENTRY_FIELDS]
    moved = [head.size + 1, entry.entry_hash]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"WITH entry AS ({_INSERT}) {_MOVE_HEAD}", [*values, *moved])
        else:
            cursor.execute(_INSERT, values)
            cursor.execute(_MOVE_HEAD, moved)
    entry._state.adding, entry._state.db = False, connection.alias
    head.size, head.head_hash = moved
    return entry


@transaction.atomic
def ledger_append(
    *,
    event_type: str,
    subject=None,
    subject_type: str = "",
    subject_id: str = "",
    payload: dict | None = None,
    actor=None,
    on_behalf_of=None,
) -> LedgerEntry:
    """Append one entry in the caller's transaction (see the module docstring)."""
    if not event_type or len(event_type) > 64:
        raise ValueError("event_type: 1 to 64 characters")
    if subject is not None:
        subject_type, subject_id = subject._meta.label_lower, str(subject.pk)
    payload = payload or {}
    _check_payload(payload)
    if event_type == GENESIS_EVENT:
        raise ValueError("the genesis entry is written by the ledger itself")
    head = _lock_head()
    _ensure_genesis(head)
    return _write(
        head,
        event_type=event_type,
        subject_type=subject_type,
        subject_id=str(subject_id),
        actor_id=_user_id(actor),
        on_behalf_of_id=_user_id(on_behalf_of),
        payload=payload,
    )


def _ensure_genesis(head: LedgerHead) -> None:
    if head.size == 0:
        _write(
            head,
            event_type=GENESIS_EVENT,
            payload={"ledger": "Portrait", "origin": settings.PORTAL_LEDGER_ORIGIN},
        )


@transaction.atomic
def ledger_genesis() -> LedgerEntry:
    """The genesis entry, written if the ledger is empty (idempotent)."""
    _ensure_genesis(_lock_head())
    return LedgerEntry.objects.get(seq=0)


# --- the Merkle tree, proofs and checkpoints ---------------------------------------------------


def ledger_size() -> int:
    """Committed entries (the head moves in the same transaction as each entry)."""
    return LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first() or 0


def leaf_hashes_hex(size: int) -> list[str]:
    """The entry hashes (hex) of the first ``size`` entries, in order."""
    hashes = list(
        LedgerEntry.objects.filter(seq__lt=size)
        .order_by("seq")
        .values_list("entry_hash", flat=True)
    )
    if len(hashes) != size:
        raise LedgerBroken(f"the ledger holds {len(hashes)} of its first {size} entries")
    return hashes


def leaf_hashes(size: int) -> list[bytes]:
    """RFC 6962 leaf hashes of the first ``size`` entries (leaf data: the 32-byte entry hash)."""
    return [merkle.leaf_hash(bytes.fromhex(h)) for h in leaf_hashes_hex(size)]


def tree_root(size: int) -> bytes:
    return merkle.root_from_leaf_hashes(leaf_hashes(size))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def inclusion_proof(*, seq: int, size: int) -> dict:
    hashes = leaf_hashes(size)
    return {
        "seq": seq,
        "tree_size": size,
        "leaf_hash": _b64(hashes[seq]),
        "root_hash": _b64(merkle.root_from_leaf_hashes(hashes)),
        "proof": [_b64(node) for node in merkle.inclusion_proof(seq, hashes)],
    }


def consistency_proof(*, old_size: int, new_size: int) -> dict:
    hashes = leaf_hashes(new_size)
    return {
        "old_size": old_size,
        "new_size": new_size,
        "old_root": _b64(merkle.root_from_leaf_hashes(hashes[:old_size])),
        "new_root": _b64(merkle.root_from_leaf_hashes(hashes)),
        "proof": [_b64(node) for node in merkle.consistency_proof(old_size, hashes)],
    }


def checkpoint_text(*, size: int, root_hash: bytes, origin: str | None = None) -> str:
    """The C2SP tlog-checkpoint body: origin, tree size, base64 root hash, each on a line."""
    return f"{origin or settings.PORTAL_LEDGER_ORIGIN}\n{size}\n{_b64(root_hash)}\n"


def checkpoint_latest() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size", "-created_at").first()


def checkpoint_sign() -> Checkpoint:
    """
    Sign the tree head as it stands (idempotent: an unchanged head signed by the current key
    returns the checkpoint already stored). Called by the beat task and ``ledger_checkpoint``.
    """
    pair = signing.record_current_key()
    size = ledger_size()
    latest = checkpoint_latest()
    if latest is not None and latest.size == size and latest.key_id == pair.key_id:
        return latest
    root_hash = tree_root(size)
    origin = settings.PORTAL_LEDGER_ORIGIN
    note = signing.note_sign(
        checkpoint_text(size=size, root_hash=root_hash, origin=origin), name=origin, pair=pair
    )
    return Checkpoint.objects.create(
        size=size, root_hash=root_hash.hex(), key_id=pair.key_id, note=note
    )


@dataclass(frozen=True)
class CheckpointBody:
    origin: str
    size: int
    root_hash: bytes
    key_id: str


def checkpoint_open(note: str) -> CheckpointBody | None:
    """Parse a signed checkpoint and check its signature against the published keys."""
    origin = note.split("\n", 1)[0]
    opened = signing.note_open(note, name=origin, keys=signing.published_keys())
    if opened is None:
        return None
    text, key = opened
    lines = text.split("\n")
    try:
        return CheckpointBody(
            origin=lines[0],
            size=int(lines[1]),
            root_hash=base64.b64decode(lines[2], validate=True),
            key_id=key.key_id,
        )
    except (IndexError, ValueError):
        return None


# --- verification -------------------------------------------------------------------------


class LedgerBroken(Exception):
    """The ledger's own records do not add up."""


@dataclass(frozen=True)
class Problem:
    seq: int | None
    kind: str  # changed, missing, reordered, broken_link, head, truncated, checkpoint
    message: str


# The verifier reads raw rows in seq ranges (keyset pages, no server-side cursor) and hashes
# with one reused encoder configured exactly like ``portal.canonical``: at 100,000 entries the
# ORM's per-row converters and a fresh encoder per row were most of the time.
_COLUMNS = (
    "seq, created_at, event_type, subject_type, subject_id, actor_id, on_behalf_of_id, "
    "payload, prev_hash, entry_hash"
)
_encode = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode


def _chain_rows(page: int = 10_000):
    table = LedgerEntry._meta.db_table
    after = -1
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM {table} WHERE seq > %s ORDER BY seq LIMIT %s",  # noqa: S608
                [after, page],
            )
            rows = cursor.fetchall()
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1][0]


def _as_datetime(value) -> datetime:
    if isinstance(value, str):  # SQLite hands back text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


_BODY = (
    '{"actor":%s,"created_at":"%s","event_type":%s,"on_behalf_of":%s,"payload":%s,'
    '"prev_hash":%s,"seq":%d,"subject_id":%s,"subject_type":%s}'
)
_string = json.encoder.encode_basestring  # what the canonical encoder writes for a str


def _row_hash(row) -> str:
    """
    The entry hash from a raw row. Byte for byte ``canonical_json(entry_body(...))``: the keys
    are already in sorted order and the payload column holds its canonical text, so the row is
    hashed without decoding and re-encoding JSON (most of verify_ledger's time otherwise).
    """
    seq, created_at, event_type, subject_type, subject_id, actor, behalf, payload, prev, _ = row
    text = _BODY % (
        "null" if actor is None else int(actor),
        _timestamp(_as_datetime(created_at)),
        _string(event_type),
        "null" if behalf is None else int(behalf),
        payload,
        _string(prev),
        seq,
        _string(subject_id),
        _string(subject_type),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _position_of(entry_hash: str) -> int | None:
    return LedgerEntry.objects.filter(entry_hash=entry_hash).values_list("seq", flat=True).first()


def ledger_verify(*, checkpoint_note: str | None = None) -> Problem | None:
    """
    Walk the chain from genesis; return the FIRST problem (an entry changed, missing or out of
    order, a broken link, a head that disagrees, or a kept checkpoint the ledger no longer
    extends), or None when the whole ledger checks out.
    """
    expected, previous = 0, ZERO_HASH
    for row in _chain_rows():
        seq, prev_hash, stored = row[0], row[8], row[9]
        if seq != expected:
            return Problem(expected, "missing", f"entry #{expected} is missing (next is #{seq})")
        if prev_hash != previous:
            linked = _position_of(prev_hash)
            if linked is not None and linked != seq - 1:
                return Problem(
                    seq, "reordered", f"entry #{seq} was written after #{linked}, not #{seq - 1}"
                )
            return Problem(seq, "broken_link", f"entry #{seq} does not follow #{seq - 1}")
        if _row_hash(row) != stored:
            return Problem(seq, "changed", f"entry #{seq} was changed after it was written")
        expected, previous = seq + 1, stored
    head = LedgerHead.objects.filter(pk=1).first()
    head_size, head_hash = (head.size, head.head_hash) if head else (0, "")
    if head_size != expected or (expected and head_hash != previous):
        return Problem(
            None, "head", f"the head says {head_size} entries, the chain holds {expected}"
        )
    if checkpoint_note is not None:
        return _check_against(checkpoint_note, expected)
    return None


def _check_against(note: str, size: int) -> Problem | None:
    body = checkpoint_open(note)
    if body is None:
        return Problem(None, "checkpoint", "the checkpoint's signature does not verify")
    if body.size > size:
        return Problem(
            size,
            "truncated",
            f"the checkpoint covers {body.size} entries, the ledger now holds {size}",
        )
    if tree_root(body.size) != body.root_hash:
        return Problem(
            None, "checkpoint", f"the first {body.size} entries no longer match the checkpoint"
        )
    return None
