"""A production-like stack on loopback for the tests: the shipped nginx site (TLS with a
certificate made here) in front of gunicorn servers running the tracker in production mode.
Everything listens on 127.0.0.1 and free high ports; the client speaks from 127.0.0.2 so
that its address differs from nginx's."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from config import TestConfig
from tests.ops.conftest import GOOD_PRODUCTION, ROOT
from tests.reminders.conftest import free_port

CLIENT_ADDRESS = "127.0.0.2"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

MAIN_CONF = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
daemon off;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site.conf;
}}
"""


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def site_for_test(folder: Path, http_port: int, https_port: int, upstreams: list[int]) -> str:
    """deploy/nginx-tracker.conf with only addresses, paths and ports changed."""
    site = (ROOT / "deploy" / "nginx-tracker.conf").read_text(encoding="utf-8")
    cert, key = make_certificate(folder)
    replacements = {
        "    listen [::]:80;\n": "",
        "    listen [::]:443 ssl http2;\n": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/ssl/tracker/fullchain.pem": str(cert),
        "/etc/ssl/tracker/privkey.pem": str(key),
        "/var/log/nginx/": f"{folder}/",
        "/opt/tracker/tracker/static/": f"{ROOT}/tracker/static/",
        "    server 127.0.0.1:8000;\n": "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams),
    }
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


@dataclass
class Stack:
    folder: Path
    database_url: str
    upload_dir: Path
    servers: int = 2
    http_port: int = field(default_factory=free_port)
    https_port: int = field(default_factory=free_port)
    app_ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "TRACKER_"))}
        env.update(GOOD_PRODUCTION)
        env.update(
            SECRET_KEY=TestConfig.SECRET_KEY,  # links made by the test open on the servers
            DATABASE_URL=self.database_url,
            UPLOAD_DIR=str(self.upload_dir),  # the folder both servers share
            BASE_URL=self.base_url,
            TRUSTED_PROXIES="1",
            TRACKER_INSTANCE_DIR=str(self.folder / "instance"),
        )
        return env

    def start(self) -> Stack:
        self.app_ports = [free_port() for _ in range(self.servers)]
        for number, port in enumerate(self.app_ports):
            log = (self.folder / f"app{number}.log").open("w")
            self.processes.append(
                subprocess.Popen(
                    [
                        *(sys.executable, "-m", "gunicorn", "--preload", "--workers", "2"),
                        *("--bind", f"127.0.0.1:{port}", "--error-logfile", "-", "wsgi:app"),
                    ],
                    cwd=ROOT,
                    env=self.environment(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        site = site_for_test(self.folder, self.http_port, self.https_port, self.app_ports)
        (self.folder / "site.conf").write_text(site)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's files
        (self.folder / "nginx.conf").write_text(MAIN_CONF.format(user=user, dir=self.folder))
        check = subprocess.run(
            [NGINX, "-t", "-c", str(self.folder / "nginx.conf")], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        self.processes.append(
            subprocess.Popen(
                [NGINX, "-c", str(self.folder / "nginx.conf")], stderr=subprocess.DEVNULL
            )
        )
        for port in [*self.app_ports, self.https_port]:
            self._wait(port)
        return self

    def _wait(self, port: int) -> None:
        for _ in range(600):
            if any(p.poll() is not None for p in self.processes):
                raise AssertionError(f"a server stopped:\n{self.app_log()}")
            try:
                with socket_to(port):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"nothing listens on {port}:\n{self.app_log()}")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def app_log(self) -> str:
        return "".join(p.read_text() for p in sorted(self.folder.glob("app*.log")))

    def access_log(self) -> str:
        path = self.folder / "tracker.access.log"
        return path.read_text() if path.exists() else ""

    def browser(self) -> Browser:
        return Browser(self.https_port, self.folder / "fullchain.pem")


def socket_to(port: int):
    import socket

    return socket.create_connection(("127.0.0.1", port), timeout=1)


class Browser:
    """HTTPS from 127.0.0.2 through nginx, keeping cookies like a browser (Secure honoured)."""

    def __init__(self, port: int, ca: Path):
        self.port = port
        self.context = ssl.create_default_context(cafile=str(ca))
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        conn = http.client.HTTPSConnection(
            "127.0.0.1",
            self.port,
            context=self.context,
            source_address=(CLIENT_ADDRESS, 0),
            timeout=60,
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.setdefault("Referer", f"https://127.0.0.1:{self.port}{path}")
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.set_cookie_headers.append(header)
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response, data

    def get(self, path: str):
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]):
        body = urllib.parse.urlencode(fields).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def post_multipart(self, path: str, fields: dict[str, str], files: dict[str, tuple]):
        boundary = "----tracker-test-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        for name, (filename, content, kind) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def csrf_token(self, page: bytes, prefix: str = "") -> str:
        name = re.escape(f"{prefix}-csrf_token" if prefix else "csrf_token")
        found = re.search(rf'name="{name}" type="hidden" value="([^"]+)"', page.decode())
        assert found, page.decode()[:500]
        return found.group(1)

    def login(self, email: str, password: str):
        _response, page = self.get("/login")
        return self.post_form(
            "/login", {"email": email, "password": password, "csrf_token": self.csrf_token(page)}
        )
