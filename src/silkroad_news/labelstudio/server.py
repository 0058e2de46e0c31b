"""Start and stop a local Label Studio server from ``.venv-labelstudio``.

Contract:

- :func:`start_server` runs ``label-studio start --no-browser --internal-host 127.0.0.1
  --port N`` from ``.venv-labelstudio`` (its pins clash with ours, so it never shares our
  virtualenv) with ``LABEL_STUDIO_BASE_DATA_DIR`` set to ``data_dir``: Label Studio otherwise
  writes to ``~/.local/share/label-studio``. It returns once ``GET /api/version/`` answers on
  that port, or raises :class:`LabelStudioError` (timeout, early exit, busy port).
- The admin user and API token come from ``SILKROAD_LS_USERNAME`` (an e-mail),
  ``SILKROAD_LS_PASSWORD`` and ``SILKROAD_LS_TOKEN`` and are handed to Label Studio as
  ``LABEL_STUDIO_USERNAME``/``_PASSWORD``/``_USER_TOKEN`` with legacy tokens enabled; they only
  take effect when the data dir is new (the user is created once). The token is never printed,
  logged or written by this module.
- The child environment is scrubbed: Label Studio reads un-prefixed ``HOST``, ``PORT``,
  ``USERNAME``, ``PASSWORD`` and ``DEBUG`` (a shell's ``USERNAME`` would become the admin),
  and any ``LABEL_STUDIO_*``/``DJANGO_*`` left in the caller's environment would override ours.
  Update checks, analytics and Sentry are switched off (offline hygiene).
- :func:`serve` is the command-line form: start, print the URL, wait for Ctrl-C, stop.
- :meth:`Server.stop` sends SIGTERM, waits, then kills.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from silkroad_news.labelstudio.config import REPO_ROOT
from silkroad_news.labelstudio.errors import LabelStudioError

LABELSTUDIO_VENV = REPO_ROOT / ".venv-labelstudio"
BOOTSTRAP_HINT = "run `bash scripts/bootstrap.sh --with-labelstudio`"
DEFAULT_HOST = "127.0.0.1"
#: A fresh SQLite data dir needs ~30 s of migrations; a loaded machine needs more.
DEFAULT_START_TIMEOUT = 180.0

#: Our variables -> Label Studio's.
CREDENTIAL_VARIABLES = {
    "SILKROAD_LS_USERNAME": "LABEL_STUDIO_USERNAME",
    "SILKROAD_LS_PASSWORD": "LABEL_STUDIO_PASSWORD",
    "SILKROAD_LS_TOKEN": "LABEL_STUDIO_USER_TOKEN",
}
#: Read by Label Studio without a prefix; never let the caller's values through.
_UNPREFIXED = ("HOST", "PORT", "USERNAME", "PASSWORD", "DEBUG")
_SCRUBBED_PREFIXES = ("LABEL_STUDIO_", "DJANGO_", "SILKROAD_LS_")
OFFLINE_VARIABLES = {
    "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
    "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
}


def label_studio_executable(venv: Path = LABELSTUDIO_VENV) -> Path:
    exe = venv / "bin" / "label-studio"
    if not exe.is_file():
        raise LabelStudioError(f"{exe} is missing: {BOOTSTRAP_HINT}")
    return exe


def server_environment(data_dir: Path, source: Mapping[str, str] | None = None) -> dict[str, str]:
    """The child's environment: ``source`` (default ``os.environ``) scrubbed, then ours."""
    source = os.environ if source is None else source
    env = {
        k: v
        for k, v in source.items()
        if k not in _UNPREFIXED and not k.startswith(_SCRUBBED_PREFIXES)
    }
    env.update(OFFLINE_VARIABLES)
    env["LABEL_STUDIO_BASE_DATA_DIR"] = str(data_dir)
    # Needed on the first start: new organisations have legacy tokens switched off, and the
    # preset token is a legacy token.
    env["LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN"] = "true"
    for ours, theirs in CREDENTIAL_VARIABLES.items():
        if source.get(ours):
            env[theirs] = source[ours]
    return env


def free_port(host: str = DEFAULT_HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_is_free(port: int, host: str = DEFAULT_HOST) -> bool:
    """Whether a server could listen on ``host:port`` now.

    ``SO_REUSEADDR`` as every server sets it (Label Studio's included): without it, the
    connections a server just closed (``TIME_WAIT``, up to a minute) make the port look busy,
    and ``serve`` right after a clean stop on the same port was refused.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def version_answer(url: str, timeout: float = 2.0) -> dict[str, Any] | None:
    """The JSON of ``GET <url>/api/version/``, or None when nothing answers there."""
    import json

    try:
        with urllib.request.urlopen(f"{url}/api/version/", timeout=timeout) as resp:
            body = json.loads(resp.read().decode("utf-8"))
    except (OSError, ValueError):  # refused, reset, timeout, HTTP error, not JSON
        return None
    # Anything else on that port (another web server) does not count as Label Studio.
    return body if isinstance(body, dict) and "release" in body else None


@dataclass
class Server:
    url: str
    port: int
    data_dir: Path
    process: subprocess.Popen
    log_path: Path | None

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM, wait up to ``timeout`` s, then SIGKILL; returns the exit code."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    self.process.kill()
                self.process.wait(timeout=timeout)
        return self.process.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(
    data_dir: Path,
    port: int | None = None,
    *,
    host: str = DEFAULT_HOST,
    timeout: float = DEFAULT_START_TIMEOUT,
    environ: Mapping[str, str] | None = None,
    log_path: Path | None = None,
    venv: Path = LABELSTUDIO_VENV,
) -> Server:
    """Start Label Studio on ``host:port`` (a free port when None) and wait until it answers.

    Output goes to ``log_path`` (default ``<data_dir>/server.log``); Label Studio does not log
    the preset token there.
    """
    exe = label_studio_executable(venv)
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    if port is None:
        port = free_port(host)
    elif not port_is_free(port, host):
        # Label Studio would silently move to port+1 and we would talk to whatever is here.
        raise LabelStudioError(f"port {port} on {host} is busy; pick another with --port")
    url = f"http://{host}:{port}"
    log_path = log_path or data_dir / "server.log"
    log: IO[bytes] = open(log_path, "ab")  # noqa: SIM115 - the child keeps it open
    try:
        process = subprocess.Popen(
            [str(exe), "start", "--no-browser", "--internal-host", host, "--port", str(port)],
            env=server_environment(data_dir, environ),
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in a terminal reaches us, not straight to it
        )
    finally:
        log.close()
    server = Server(url=url, port=port, data_dir=data_dir, process=process, log_path=log_path)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if version_answer(url) is not None:
                return server
            if process.poll() is not None:
                raise LabelStudioError(
                    f"Label Studio exited with code {process.returncode} before answering on "
                    f"{url}; see {log_path}"
                )
            time.sleep(0.5)
    except BaseException:  # Ctrl-C or a signal while waiting: leave no server behind
        server.stop()
        raise
    server.stop()
    raise LabelStudioError(
        f"Label Studio did not answer GET {url}/api/version/ within {timeout:.0f} s; see {log_path}"
    )


class _Stop(Exception):
    """Raised by the signal handlers of :func:`serve`."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signal.Signals(signum).name)


def serve(
    data_dir: Path,
    port: int | None = None,
    *,
    host: str = DEFAULT_HOST,
    timeout: float = DEFAULT_START_TIMEOUT,
) -> int:
    """Run Label Studio until Ctrl-C, SIGTERM or SIGHUP, or until it exits.

    Returns Label Studio's exit code, 0 when we stopped it. The server runs in its own
    session (a Ctrl-C reaches only us), so every way of stopping us stops it too: the
    handlers are set explicitly because a shell's ``&`` leaves SIGINT ignored.
    """
    if not os.environ.get("SILKROAD_LS_TOKEN"):
        print(
            "labelstudio serve: SILKROAD_LS_TOKEN is not set; push and pull will need the "
            "token of a user you create in the browser"
        )
    previous = {
        sig: signal.signal(sig, _raise_stop)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    server = None
    try:
        print(f"labelstudio serve: starting Label Studio (data in {data_dir}) ...", flush=True)
        server = start_server(data_dir, port, host=host, timeout=timeout)
        print(f"labelstudio serve: Label Studio is up at {server.url}  (Ctrl-C stops it)")
        print(f"labelstudio serve: export SILKROAD_LS_URL={server.url}", flush=True)
        return server.process.wait() or 0
    except (_Stop, KeyboardInterrupt) as why:
        print(f"labelstudio serve: stopping ({why or 'interrupted'})", flush=True)
        return 0
    finally:
        if server is not None:
            server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
