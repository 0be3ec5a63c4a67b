import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from portal.models import User

pytestmark = pytest.mark.django_db

DEMO = ["actor@example.com", "agent@example.com", "creator@example.com", "staff@example.com"]


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_creates_verified_accounts_and_is_idempotent(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    demo = User.objects.filter(email__endswith="@example.com")
    assert sorted(demo.values_list("email", flat=True)) == sorted(DEMO)
    assert EmailAddress.objects.filter(user__in=demo, verified=True, primary=True).count() == 4
    for email in DEMO:
        assert User.objects.get(email=email).check_password("portrait-demo")
    staff = User.objects.get(email="staff@example.com")
    assert staff.is_staff
    assert staff.is_superuser
    assert Authenticator.objects.filter(user=staff, type="totp").count() == 1
    assert set(User.objects.get(email="agent@example.com").roles) == {"agent"}
    assert "PORTRAITDEMOSTAFFTOTPSECRETKEY22" in capsys.readouterr().out


def test_seed_demo_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(email__endswith="@example.com").count() == 4


def test_the_demo_staff_can_reach_the_admin_with_the_printed_totp(settings, client):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    settings.DEBUG = True
    call_command("seed_demo")
    client.post("/accounts/login/", {"login": "staff@example.com", "password": "portrait-demo"})
    code = format_hotp_value(hotp_value("PORTRAITDEMOSTAFFTOTPSECRETKEY22", int(time.time()) // 30))
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert client.get("/admin/").status_code == 200


def test_manage_py_assumes_a_developer_machine_only_when_nothing_is_configured(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    base = {"PATH": os.environ.get("PATH", ""), "PORTAL_VAR_DIR": str(tmp_path)}

    def run(env, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run(base, "check").returncode == 0  # nothing configured: embedded default, debug
    # A configured database is never treated as a developer's: demo data stays refused.
    configured = {
        **base,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "DJANGO_SECRET_KEY": "x" * 60,
    }
    run(configured, "migrate", "-v", "0")
    refused = run(configured, "seed_demo")
    assert refused.returncode != 0
    assert "DJANGO_DEBUG=1" in refused.stderr
