"""`make demo`: prepare the embedded default and run the web server and a worker until Ctrl-C.

Everything runs on this laptop: SQLite, kombu's filesystem broker, and the local Spotify (sandbox/)
mounted on the same server. Nothing long runs inside a web request: the worker does it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADDRESS = os.environ.get("DEMO_ADDRESS", "127.0.0.1:8000")


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("SITE_URL", f"http://{ADDRESS}")
    print("Preparing the demo database and the local Spotify catalogue...", flush=True)
    manage("migrate", "--no-input", "-v", "0")
    manage("sandbox_seed")
    manage("demo_curator")
    worker = subprocess.Popen(
        # -B: beat inside the worker, for the periodic resume of stalled jobs and clip expiry.
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-B",
            "--loglevel=INFO",
            "--concurrency=2",
            "-n",
            "demo@%h",
            "--schedule",
            str(ROOT / "var" / "celerybeat-schedule"),
        ],
        cwd=ROOT,
    )
    web = subprocess.Popen([PYTHON, "manage.py", "runserver", ADDRESS, "--noreload"], cwd=ROOT)
    # Previews render in the background at low priority while the site already answers; one asked
    # for before its turn renders on demand, so nothing waits for the whole catalogue.
    renderer = subprocess.Popen(["nice", "-n", "10", PYTHON, "manage.py", "sandbox_render"], cwd=ROOT)
    time.sleep(1.5)
    print(
        f"\n  Undercurrent demo: open http://{ADDRESS}  (Ctrl-C stops it)\n"
        f"  Curators' admin:   http://{ADDRESS}/admin/  (user 'curator', password 'curator')\n",
        flush=True,
    )
    children = (web, worker)
    background = (renderer,)

    def stop(*_: object) -> None:
        for child in (*children, *background):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in (*children, *background):
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
