"""Nothing leaves the machine unless tiekeeper is told to: FastAPI's own OpenTelemetry (0.165 and
later) stays off even when the environment asks for OTLP export, as a variable set for another
program would. Before, the server did not even start without the OpenTelemetry SDK installed."""

from __future__ import annotations

import select
import socket

import pytest
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app


def test_requests_and_errors_are_not_exported(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as collector:
        collector.bind(("127.0.0.1", 0))
        collector.listen()
        endpoint = f"http://127.0.0.1:{collector.getsockname()[1]}"
        monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        monkeypatch.setenv("OTEL_METRIC_EXPORT_INTERVAL", "50")
        monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "50")
        with TestClient(create_app(sqlite_store, allowed_hosts=["testserver"])) as client:
            assert client.get("/api/v1/people").status_code == 200
            assert client.get("/api/v1/people/999").status_code == 404
            assert (
                client.post(
                    "/api/v1/people", content=b"{", headers={"Content-Type": "application/json"}
                ).status_code
                == 400
            )
        ready, _, _ = select.select([collector], [], [], 0.5)
        assert ready == [], "something connected to the OTLP endpoint"
