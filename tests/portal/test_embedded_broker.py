"""The embedded broker keeps all of its state under the var folder, never in the checkout."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_OPTIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.CELERY_BROKER_TRANSPORT_OPTIONS))"
)


def _embedded_transport_options(var_dir):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "1",
        "PORTAL_VAR_DIR": str(var_dir),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_OPTIONS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_filesystem_transport_keeps_its_control_folder_under_var(tmp_path):
    options = _embedded_transport_options(tmp_path)
    control = Path(options["control_folder"])
    assert control.is_relative_to(tmp_path)
    assert control.is_dir()


def test_filesystem_transport_keeps_every_folder_under_var(tmp_path):
    options = _embedded_transport_options(tmp_path)
    folders = {key: value for key, value in options.items() if "folder" in key}
    assert set(folders) == {
        "data_folder_in",
        "data_folder_out",
        "control_folder",
        "processed_folder",
    }
    outside = [key for key, value in folders.items() if not Path(value).is_relative_to(tmp_path)]
    assert outside == []
