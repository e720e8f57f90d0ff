"""Settings read the environment strictly and production settings pass Django's deploy checks."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only what a shell needs: the test process's own settings put values in os.environ.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "undercurrent.example.com",
        "TOKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SPOTIFY_CLIENT_ID": "real-client-id",
        "SPOTIFY_CLIENT_SECRET": "real-client-secret",
        "UNDERCURRENT_VAR_DIR": str(ROOT / "var" / "deploy-check"),
    }
    env.update(overrides)
    return env


def test_production_settings_pass_check_deploy_with_no_issues():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"TOKEN_ENCRYPTION_KEYS": None}, "TOKEN_ENCRYPTION_KEYS"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"OUTSIDE_HTTP_TIMEOUT": "five"}, "OUTSIDE_HTTP_TIMEOUT"),
        ({"SPOTIFY_API_URL": "api.spotify.com"}, "SPOTIFY_API_URL"),
        ({"DATABASE_URL": "nonsense://"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://127.0.0.1"}, "REDIS_URL"),
    ],
)
def test_a_missing_or_malformed_variable_stops_start_up_naming_it(overrides, named):
    env = production_env()
    for key, value in overrides.items():
        if value is None:
            env.pop(key)
        else:
            env[key] = value
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert named in result.stderr


def test_production_refuses_the_sandbox_unless_forced():
    env = production_env()
    env.pop("SPOTIFY_CLIENT_ID")
    env.pop("SPOTIFY_CLIENT_SECRET")
    refused = run_manage("check", env=env)
    assert refused.returncode != 0
    assert "SPOTIFY_SANDBOX" in refused.stderr
    forced = run_manage("check", env={**env, "SPOTIFY_SANDBOX_FORCE": "1"})
    assert forced.returncode == 0, forced.stderr


def test_compose_file_runs_the_whole_stack_with_healthchecks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no healthcheck"
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert "media:/data/media" in services[name]["volumes"], f"{name} does not share the media volume"
    assert "gunicorn" in services["web"]["command"]
