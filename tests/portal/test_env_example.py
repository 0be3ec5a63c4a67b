"""`.env.example` names every variable the portal reads from the environment, and nothing else."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# os.environ.get("X", ...), os.environ["X"], os.getenv("X"), env_bool("X"), env_list("X"), ...
SETTINGS_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\.setdefault|env_\w+)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
)
# ${X}, ${X:-default} and $X in the production Procfile (make serve).
PROCFILE_READ = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)")
# Read by libraries on Portrait's behalf, documented so that production sets them.
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}  # boto3's credential chain


def _names_in_env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.M))


def _names_read() -> set[str]:
    settings = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    from_settings = {a or b for a, b in SETTINGS_READ.findall(settings)}
    procfile = (ROOT / "Procfile").read_text(encoding="utf-8")
    return from_settings | set(PROCFILE_READ.findall(procfile)) | READ_BY_LIBRARIES


def test_the_settings_reader_finds_the_variables_we_know_of():
    # Guards the regular expression itself: a parser that found nothing would pass below.
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_DEBUG", "EMAIL_HOST"} <= _names_read()


def test_every_variable_read_is_documented_in_env_example():
    assert sorted(_names_read() - _names_in_env_example()) == []


def test_env_example_documents_no_variable_nobody_reads():
    assert sorted(_names_in_env_example() - _names_read()) == []
