"""The `integritas` console script: the project's manage.py."""

import os
import sys

# Commands that only read files and print results: they sign nothing, so they run without
# SECRET_KEY (other tools call them on machines that serve nothing).
OFFLINE_COMMANDS = {"lke", "predicates", "survey"}


def main() -> None:
    """Run a Django management command with the project's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integritas.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("INTEGRITAS_OFFLINE_COMMAND", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
