"""The `integritas` console script: the project's manage.py."""

import os
import sys

# Commands that only read files and print results: they sign nothing, so they run without
# SECRET_KEY (other tools call them on machines that serve nothing).
OFFLINE_COMMANDS = {"lke", "predicates", "survey"}
# Exit status for a configuration the operator must fix (the same as a usage error).
CONFIG_ERROR = 2


def _settings_problem() -> str:
    """The settings' own message when they refuse to load (missing SECRET_KEY…), else ""."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loading the settings is the check
    except ImproperlyConfigured as exc:
        return str(exc)
    return ""


def main() -> None:
    """Run a Django management command with the project's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integritas.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("INTEGRITAS_OFFLINE_COMMAND", "1")
    problem = _settings_problem()
    if problem:
        print(f"integritas: {problem}", file=sys.stderr)
        sys.exit(CONFIG_ERROR)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
