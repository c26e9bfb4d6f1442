"""No ID number, phone or name asked for in a query string reaches the server's logs.

The requests go through the development server's own request handler (what ``make run``
writes) and the site's logging configuration; the test reads what the handlers wrote.
"""

import datetime as dt
import io
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application

ID_NUMBER = "330482195804120011"
PHONE = "17099990000"
NAME = "曾国平"


@pytest.fixture
def written_log() -> Iterator[io.StringIO]:
    """Everything the configured handlers (access log and console) write during the test."""
    handlers = [
        *logging.getLogger("django.server").handlers,
        *logging.getLogger().handlers,
    ]
    # The site's own StreamHandlers, not pytest's capture handler (a subclass of it).
    handlers = [h for h in handlers if type(h) is logging.StreamHandler]
    assert handlers, "the site's logging configuration has stream handlers"
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


@pytest.fixture
def server() -> Iterator[str]:
    """runserver's request handler on a free loopback port, serving the site."""
    httpd = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    httpd.set_app(get_wsgi_application())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_searches_leave_no_id_number_phone_or_name_in_the_log(server, written_log):
    quoted_name = urllib.parse.quote(NAME)
    statuses = [
        _get(f"{server}/accounts/login/?q={ID_NUMBER}&field=id_number"),
        _get(f"{server}/registry/households/?q={PHONE}"),
        _get(f"{server}/api/v1/registry/households?q={quoted_name}"),
        _get(f"{server}/no-such-page/?q={ID_NUMBER}"),
    ]

    log = written_log.getvalue()
    assert statuses == [200, 200, 401, 404]  # the household search sends to the login page
    assert "GET /accounts/login/?q=[redacted]&field=[redacted]" in log  # the request is logged
    for secret in (ID_NUMBER, PHONE, NAME, quoted_name):
        assert secret not in log


def test_the_production_access_log_names_the_path_without_the_query(tmp_path):
    from pathlib import Path
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    settings_file = Path(__file__).resolve().parents[2] / "config" / "gunicorn_settings.py"
    config = Config()
    for name, value in _gunicorn_settings(settings_file).items():
        config.set(name, value)
    config.set("accesslog", str(tmp_path / "access.log"))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/registry/households/?q={ID_NUMBER}",
        "PATH_INFO": "/registry/households/",
        "QUERY_STRING": f"q={ID_NUMBER}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"http://127.0.0.1/registry/households/?q={PHONE}",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[])

    logger = Logger(config)
    logger.access(response, request, environ, dt.timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()

    line = (tmp_path / "access.log").read_text()
    assert '"GET /registry/households/ HTTP/1.1" 200 1234' in line
    assert ID_NUMBER not in line
    assert PHONE not in line


def _gunicorn_settings(path) -> dict[str, object]:
    """The settings a gunicorn_settings.py defines, read as gunicorn reads them (as Python)."""
    namespace: dict[str, object] = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102 - our own file
    return {k: v for k, v in namespace.items() if not k.startswith("__")}
