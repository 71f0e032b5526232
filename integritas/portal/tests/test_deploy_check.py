import os
import subprocess
import sys

import pytest


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "INTEGRITAS_TESTING",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-1234567890",
            "AUDIT_KEY": "y" * 20 + "-production-like-audit-key-kept-outside-the-database",
            "ALLOWED_HOSTS": "integritas.kupangkota.go.id",
            "INTEGRITAS_DATA_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "integritas", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("INTEGRITAS_TESTING", "DEBUG", "SECRET_KEY")
    }
    env.update({"DEBUG": "false", "INTEGRITAS_DATA_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "integritas", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_the_demo_command_refuses_to_run_with_debug_off(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")


def test_the_offline_cli_commands_run_without_a_secret_key(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("INTEGRITAS_TESTING", "DEBUG", "SECRET_KEY")
    }
    env.update({"INTEGRITAS_DATA_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "integritas", "survey", "sample-size", "100"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '{"population": 100, "sample": 80}'
