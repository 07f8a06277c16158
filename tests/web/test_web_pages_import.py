"""Import in the browser: the dry run first (nothing written, each skip with its reason, what
is not kept), then the import, whose result links the people created; a refused file is named
on the form; uploads are capped, and an upload is its account's alone."""

from __future__ import annotations

import re

from seed import DAY
from starlette.testclient import TestClient
from webforms import alerts, everyone, token

from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

VCARDS = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.com\r\n"
    b"EMAIL:ask my assistant\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nTEL:+44 20 7946 0001\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n"
)


def upload(client: TestClient, data: bytes = VCARDS, name: str = "contacts.vcf") -> str:
    """Send a file through the form; the address of its dry-run page."""
    form = {"csrf": token(client), "format": "auto"}
    files = {"file": (name, data, "text/vcard")}
    sent = client.post("/import", data=form, files=files, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    return str(sent.headers["location"])


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_form_explains_where_files_come_from(client: TestClient) -> None:
    page = client.get("/import")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and 'name="file"' in page.text
    assert "LinkedIn" in page.text and "Google CSV" in page.text and "Export vCard" in page.text
    assert 'src="/static/app.js"' in page.text  # the working state, as an enhancement


def test_the_dry_run_writes_nothing_and_says_what_would_happen(
    client: TestClient, store: Store
) -> None:
    at = upload(client)
    assert re.fullmatch(r"/import/[\w-]{20,}", at)
    page = client.get(at)
    words = text(page.text)
    assert "What the import would do" in words and "Nothing has been written yet" in words
    assert "2 new" in words and "1 skipped" in words
    assert "contacts.vcf, row 3" in words  # the skip names the file and the card, with why
    assert "EMAIL (not an address) 1 time" in words  # not kept, said out loud
    assert "Import 2 people" in words
    assert everyone(client) == []
    assert "/tmp" not in page.text  # the server's folder never shows


def test_the_import_then_links_the_people_created(client: TestClient, store: Store) -> None:
    at = upload(client)
    done = client.post(at, data={"csrf": token(client)}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == at
    page = client.get(at).text
    people = {p["name"]: p["id"] for p in everyone(client)}
    assert set(people) == {"Ana Lima", "Bo Chen"}
    for name, pid in people.items():
        assert f'<a href="/people/{pid}">{name}</a>' in page
    assert "Imported" in page and "2 people added" in text(page)
    again = client.post(at, data={"csrf": token(client)})  # a second press imports nothing
    assert again.status_code == 200 and len(everyone(client)) == 2


def test_reimporting_the_same_file_says_already_here(client: TestClient) -> None:
    client.post(upload(client), data={"csrf": token(client)})
    words = text(client.get(upload(client)).text)
    assert "0 new" in words and "2 already here" in words


def test_a_file_that_is_no_contacts_is_named_on_the_form(client: TestClient) -> None:
    sent = client.post("/import", data={"csrf": token(client)},
                       files={"file": ("notes.txt", b"just some words", "text/plain")})  # fmt: skip
    assert sent.status_code == 422
    [message] = alerts(sent.text)
    assert "notes.txt" in message and "/tmp" not in message
    assert re.search(r'id="import-file"[^>]*aria-invalid="true"', sent.text)
    missing = client.post("/import", data={"csrf": token(client)})
    assert missing.status_code == 422 and "choose the file" in alerts(missing.text)[0]


def test_uploads_are_capped_with_a_clear_message(client: TestClient) -> None:
    client.app.state.upload_limit = 2048  # type: ignore[attr-defined]
    big = client.post("/import", data={"csrf": token(client)},
                      files={"file": ("big.vcf", VCARDS * 40, "text/vcard")})  # fmt: skip
    assert big.status_code == 413
    assert "larger than 2 KB" in alerts(big.text)[0] and "tiekeeper import" in alerts(big.text)[0]
    assert everyone(client) == []
    api = client.post("/api/v1/imports", files={"file": ("big.vcf", VCARDS * 40, "text/vcard")})
    assert api.status_code == 413 and api.json()["error"]["field"] == "file"
    small = {"file": ("ok.vcf", VCARDS, "text/vcard")}
    assert client.post("/import", data={"csrf": token(client)}, files=small).status_code == 200


def test_an_unknown_upload_is_404(client: TestClient) -> None:
    assert client.get("/import/nothing-here").status_code == 404
    assert client.post("/import/nothing-here", data={"csrf": token(client)}).status_code == 404


def test_the_api_imports_a_multipart_upload_dry_run_first(client: TestClient) -> None:
    files = {"file": ("contacts.vcf", VCARDS, "text/vcard")}
    dry = client.post("/api/v1/imports", data={"dry_run": "true"}, files=files)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert body["dry_run"] is True and body["created"] == 2 and body["people_created"] == []
    assert body["skipped"][0]["file"] == "contacts.vcf" and body["skipped"][0]["position"] == 3
    assert body["not_kept"] == {"EMAIL (not an address)": 1}
    assert everyone(client) == []
    real = client.post("/api/v1/imports", files=files).json()
    assert real["dry_run"] is False
    assert sorted(p["name"] for p in real["people_created"]) == ["Ana Lima", "Bo Chen"]
    assert {p["id"] for p in real["people_created"]} == {p["id"] for p in everyone(client)}


def test_the_import_may_run_on_another_worker_than_its_dry_run(
    client: TestClient, store: Store
) -> None:
    """`serve --workers N`: the second request can reach another process (another app)."""
    other = create_app(store, today=lambda: DAY, allowed_hosts=["testserver"])
    at = upload(client)
    with TestClient(other, cookies=dict(client.cookies)) as worker:
        done = worker.post(at, data={"csrf": token(client)}, follow_redirects=False)
        assert done.status_code == 303, done.text
        assert "Imported" in worker.get(at).text and "Imported" in client.get(at).text
    assert len(everyone(client)) == 2


def test_an_upload_id_cannot_walk_out_of_its_folder(client: TestClient) -> None:
    for bad in ("..%2F..%2Fetc", "....................../", "%2E%2E"):
        assert client.get(f"/import/{bad}").status_code == 404, bad
