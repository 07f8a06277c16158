"""Export in the browser: each format downloads as a file; a JSON backup restores into an empty
home through the upload form, and is refused (naming why) anywhere else."""

from __future__ import annotations

from seed import interaction, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.services.exporting import export_json
from tiekeeper.services.people import list_people
from tiekeeper.store.uow import Store


def test_the_page_offers_every_download_and_the_restore_form(client: TestClient) -> None:
    page = client.get("/export").text
    for fmt in ("vcard", "csv", "ics", "json"):
        assert f'href="/export/{fmt}"' in page
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page


def test_each_format_downloads_as_a_file(client: TestClient, store: Store) -> None:
    person(store, "Ana Lima", emails=["ana@acme.example"], birthday="03-02")
    expected = {
        "vcard": ("text/vcard", "tiekeeper-contacts.vcf", b"BEGIN:VCARD"),
        "csv": ("text/csv", "tiekeeper-contacts.csv", b"Ana"),
        "ics": ("text/calendar", "tiekeeper-calendar.ics", b"BEGIN:VCALENDAR"),
        "json": ("application/json", "tiekeeper-backup-", b'"tiekeeper-backup"'),
    }
    for fmt, (media, name, content) in expected.items():
        r = client.get(f"/export/{fmt}")
        assert r.status_code == 200, fmt
        assert r.headers["content-type"].startswith(media), fmt
        assert f'attachment; filename="{name}' in r.headers["content-disposition"], fmt
        assert content in r.content, fmt
    assert b"ana@acme.example" in client.get("/export/vcard").content
    assert client.get("/export/pdf").status_code == 404


def test_a_backup_restores_into_an_empty_home_only(
    client: TestClient, store: Store, tmp_path: object
) -> None:
    ana = person(store, "Ana Lima")
    interaction(store, [ana], summary="Coffee")
    backup = export_json(store.uow()).data
    refused = client.post("/export/restore", data={"csrf": token(client)},
                          files={"file": ("backup.json", backup, "application/json")})  # fmt: skip
    assert refused.status_code == 422 and "not empty" in alerts(refused.text)[0]
    assert "This home already has people" in refused.text

    from tiekeeper.services.trash import erase_person

    erase_person(store.uow(), str(ana))
    done = client.post("/export/restore", data={"csrf": token(client)},
                       files={"file": ("backup.json", backup, "application/json")},
                       follow_redirects=False)  # fmt: skip
    assert done.headers["location"] == "/people?notice=backup-restored"
    assert [p.name for p in list_people(store.uow())] == ["Ana Lima"]
    assert "Coffee" in client.get("/search?q=coffee").text


def test_a_file_that_is_not_a_backup_is_named_and_changes_nothing(client: TestClient) -> None:
    bad = client.post("/export/restore", data={"csrf": token(client)},
                      files={"file": ("notes.json", b"{nope", "application/json")})  # fmt: skip
    assert bad.status_code == 422 and alerts(bad.text)[0].startswith("notes.json: ")
    none = client.post("/export/restore", data={"csrf": token(client)})
    assert none.status_code == 422 and "choose the JSON backup" in alerts(none.text)[0]
