#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # An environment with no configuration at all is a developer's machine with the embedded
    # default (SQLite under var/): run commands in debug mode there. Anywhere a secret key or a
    # database is configured, nothing is assumed, so seed_demo and friends stay refused.
    if not any(
        os.environ.get(name) for name in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL")
    ):
        os.environ["DJANGO_DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
