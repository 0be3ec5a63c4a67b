"""Signed checkpoints (C2SP tlog-checkpoint notes) and key rotation."""

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings as django_settings

from portal import ledger, merkle, signing, tasks
from portal.ledger import checkpoint_open, checkpoint_sign, ledger_append
from portal.models import Checkpoint, SigningKey

pytestmark = pytest.mark.django_db

OTHER_SEED = base64.b64encode(b"another-portrait-signing-key-002").decode()


@pytest.fixture
def entries():
    return [ledger_append(event_type="terms.published", subject_id=str(i)) for i in range(4)]


def test_a_checkpoint_is_origin_size_and_root_then_one_signature_line(entries):
    note = checkpoint_sign().note
    body, signatures = note.split("\n\n")
    origin, size, root = body.split("\n")
    assert origin == "portrait.test/ledger"
    assert size == "5"
    hashes = [merkle.leaf_hash(bytes.fromhex(h)) for h in ledger.leaf_hashes_hex(5)]
    assert base64.b64decode(root) == merkle.root_from_leaf_hashes(hashes)
    assert signatures.endswith("\n")
    dash, name, blob = signatures.strip().split(" ")
    assert dash == "\u2014"
    assert name == origin
    assert len(base64.b64decode(blob)) == 4 + 64


def test_the_signature_line_follows_the_signed_note_spec(entries):
    note = checkpoint_sign().note
    text = note.split("\n\n")[0] + "\n"
    blob = base64.b64decode(note.rsplit(" ", 1)[1])
    key = signing.public_key_for("portrait-test-1")
    expected_hash = hashlib.sha256(b"portrait.test/ledger\n\x01" + key.public_key).digest()[:4]
    assert blob[:4] == expected_hash
    assert key.verify(blob[4:], text.encode())


def test_a_checkpoint_whose_text_changed_does_not_open(entries):
    note = checkpoint_sign().note
    assert checkpoint_open(note) is not None
    assert checkpoint_open(note.replace("\n5\n", "\n4\n", 1)) is None


def test_signing_an_unchanged_head_twice_stores_one_checkpoint(entries):
    first = checkpoint_sign()
    assert checkpoint_sign().pk == first.pk
    ledger_append(event_type="listing.listed")
    assert checkpoint_sign().size == 6
    assert Checkpoint.objects.count() == 2


def test_the_beat_signs_a_checkpoint_every_ten_minutes(entries):
    schedule = django_settings.CELERY_BEAT_SCHEDULE["ledger-checkpoint"]
    assert schedule["task"] == "portal.tasks.ledger_checkpoint"
    assert schedule["schedule"] == 600.0
    assert tasks.ledger_checkpoint() == 5


def test_the_management_command_prints_the_signed_note(entries, capsys):
    from django.core.management import call_command

    call_command("ledger_checkpoint")
    assert capsys.readouterr().out == Checkpoint.objects.get().note


def test_old_checkpoints_still_verify_after_the_key_rotates(entries, settings):
    old = checkpoint_sign()
    settings.PORTAL_SIGNING_KEY = OTHER_SEED
    settings.PORTAL_SIGNING_KEY_ID = "portrait-test-2"
    ledger_append(event_type="listing.listed")
    new = checkpoint_sign()
    assert new.key_id == "portrait-test-2"
    assert checkpoint_open(old.note).key_id == "portrait-test-1"
    assert checkpoint_open(new.note).key_id == "portrait-test-2"
    assert set(SigningKey.objects.values_list("key_id", flat=True)) == {
        "portrait-test-1",
        "portrait-test-2",
    }


def test_one_key_id_cannot_name_two_keys(entries, settings):
    checkpoint_sign()
    settings.PORTAL_SIGNING_KEY = OTHER_SEED
    with pytest.raises(ValueError, match="already published for another key"):
        signing.record_current_key()


def test_retired_keys_from_the_environment_are_published(settings):
    retired = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    settings.PORTAL_RETIRED_PUBLIC_KEYS = ["portrait-2025:" + base64.b64encode(retired).decode()]
    keys = {key.key_id: key for key in signing.published_keys()}
    assert keys["portrait-2025"].public_key == retired
    assert not keys["portrait-2025"].current
    assert keys["portrait-test-1"].current


def test_the_embedded_default_generates_one_key_into_var(tmp_path, settings):
    settings.PORTAL_SIGNING_KEY = ""
    settings.PORTAL_SIGNING_KEY_ID = ""
    settings.PORTAL_KEY_FILE = tmp_path / "signing-key.pem"
    first = signing.current_key()
    assert settings.PORTAL_KEY_FILE.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert first.key_id.startswith("portrait-")
    assert signing.current_key().public_key == first.public_key
    assert settings.PORTAL_KEY_FILE.stat().st_mode & 0o077 == 0
