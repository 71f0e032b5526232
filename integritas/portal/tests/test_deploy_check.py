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


def _production_env(tmp_path, **values):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("INTEGRITAS_TESTING", "DEBUG", "SECRET_KEY", "AUDIT_KEY", "DJANGO_SETTINGS_MODULE")
    }
    env.update({"DEBUG": "false", "INTEGRITAS_DATA_DIR": str(tmp_path), **values})
    return env


def _run(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "integritas", *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = _run(_production_env(tmp_path), "check")
    assert result.returncode == 2
    assert "SECRET_KEY must be set" in result.stderr
    assert "export SECRET_KEY=" in result.stderr and "DEBUG=true" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # one line, no traceback
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["check"], ["migrate"], ["audit", "verify"]])
def test_it_refuses_to_start_without_an_audit_key_in_production(tmp_path, command):
    result = _run(_production_env(tmp_path, SECRET_KEY="s" * 60), *command)
    assert result.returncode == 2
    assert "AUDIT_KEY must be set" in result.stderr and "export AUDIT_KEY=" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "integritas.sqlite3").exists()  # nothing ran


def test_a_short_audit_key_is_refused_in_production(tmp_path):
    result = _run(_production_env(tmp_path, SECRET_KEY="s" * 60, AUDIT_KEY="kurang"), "check")
    assert result.returncode == 2
    assert "AUDIT_KEY is too short" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


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
