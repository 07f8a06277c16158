"""Posts (log, who engaged, the posting goal, delete to the trash), Me (profile, the pitch
counted by the server, the headline check, the card as vCard and QR code) and Settings (tag
cadences, templates) in the browser."""

from __future__ import annotations

import re

from seed import DAY, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.services.goals import add_goal
from tiekeeper.services.people import show_person
from tiekeeper.services.visibility import list_posts
from tiekeeper.store.uow import Store

PITCH = "I help small teams ship reliable software. I'm looking for a staff role in climate tech."


# --- posts ------------------------------------------------------------------------------------
def test_log_a_post_with_who_engaged(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    page = client.get("/posts").text
    assert "Nothing logged yet." in page and "No posting goal yet" in page
    form = {
        "csrf": token(client),
        "where": "talk",
        "topic": "Local-first software",
        "url": "https://example.org/talk",
        "when": "2026-11-20",
        "engaged": "ana lima",
    }
    sent = client.post("/posts", data=form, follow_redirects=False)
    assert sent.headers["location"] == "/posts?notice=post-added"
    page = client.get(sent.headers["location"]).text
    assert (
        '<a href="https://example.org/talk" rel="noopener noreferrer">Local-first software</a>'
        in page
    )
    assert f'<a href="/people/{ana}">Ana Lima</a>' in page and "1 engaged" in page
    [ix] = show_person(store.uow(), str(ana), DAY).interactions
    assert ix.channel == "social-comment"


def test_a_refused_post_names_its_field(client: TestClient) -> None:
    bad = client.post("/posts", data={"csrf": token(client), "where": "linkedin", "topic": "x",
                      "engaged": "Nobody Known"})  # fmt: skip
    assert bad.status_code == 422 and "Who engaged:" in alerts(bad.text)[0]
    assert re.search(r'id="post-engaged"[^>]*aria-invalid="true"', bad.text)


def test_the_posting_goal_shows_its_progress(client: TestClient, store: Store) -> None:
    add_goal(store.uow(), "post weekly", "week", 2, DAY, metric="posts")
    client.post("/posts", data={"csrf": token(client), "where": "linkedin", "topic": "Hello"})
    page = client.get("/posts").text
    assert "post weekly" in page and "1 of 2" in page


def test_delete_a_post_to_the_trash_and_back(client: TestClient, store: Store) -> None:
    client.post("/posts", data={"csrf": token(client), "where": "blog", "topic": "On ties"})
    [v] = list_posts(store.uow())
    assert "Delete “On ties”?" in client.get(f"/posts/{v.post.id}/delete").text
    gone = client.post(f"/posts/{v.post.id}/delete", data={"csrf": token(client)},
                       follow_redirects=False)  # fmt: skip
    assert re.fullmatch(r"/trash/\d+", gone.headers["location"]) and list_posts(store.uow()) == []
    client.post(gone.headers["location"] + "/restore", data={"csrf": token(client)})
    assert [p.post.topic for p in list_posts(store.uow())] == ["On ties"]
    assert client.get("/posts/999/delete").status_code == 404


# --- me ---------------------------------------------------------------------------------------
def test_no_card_before_a_name(client: TestClient) -> None:
    page = client.get("/me").text
    assert "Fill in at least your name" in page and 'href="/me/card"' not in page
    assert client.get("/me/card").status_code == 404
    assert client.get("/me/card.svg").status_code == 404


def test_the_profile_saves_and_a_bad_value_is_shown(client: TestClient) -> None:
    bad = client.post("/me", data={"csrf": token(client), "name": "Sam Doe", "email": "nope"})
    assert bad.status_code == 422 and alerts(bad.text)[0].startswith("E-mail:")
    assert re.search(r'id="me-email"[^>]*aria-invalid="true"', bad.text)
    form = {
        "csrf": token(client),
        "name": "Sam Doe",
        "position": "Platform Engineer",
        "headline": "Platform engineer helping teams ship",
    }
    ok = client.post("/me", data=form, follow_redirects=False)
    assert ok.headers["location"] == "/me?notice=profile-saved"
    assert client.get("/api/v1/me").json()["position"] == "Platform Engineer"


def test_the_pitch_is_counted_by_the_server_and_live(client: TestClient) -> None:
    page = client.post("/me/pitch", data={"csrf": token(client), "pitch": PITCH}).text
    assert "Pitch saved and checked." in page
    assert "<strong>16 words</strong>, about <strong>6.4 seconds</strong>" in page
    assert "Says what you do" in page and "Says what you want" in page
    assert 'data-count="pitch-live"' in page and 'id="pitch-live"' in page
    long = client.post("/me/pitch", data={"csrf": token(client), "pitch": "word " * 80}).text
    assert "80 words" in long and "Longer than 75 words" in long
    empty = client.post("/me/pitch", data={"csrf": token(client), "pitch": "  "})
    assert empty.status_code == 422 and "Pitch:" in alerts(empty.text)[0]


def test_the_headline_check(client: TestClient) -> None:
    client.post("/me", data={"csrf": token(client), "name": "Sam Doe",
                             "headline": "Engineer helping teams ship"})  # fmt: skip
    page = client.get("/me").text  # the saved headline, checked
    assert "27</strong> of 220 characters" in page and "Goal: helping" in page
    other = client.get("/me", params={"headline": "x" * 230}).text
    assert "230</strong> of 220" in other and "Too long" in other


def test_the_card_as_vcard_png_svg_and_a_page_for_the_phone(client: TestClient) -> None:
    client.post("/me", data={"csrf": token(client), "name": "Sam Doe", "phone": "+1 555 0100"})
    vcf = client.get("/me/card.vcf")
    assert vcf.headers["content-type"].startswith("text/vcard")
    assert "FN:Sam Doe" in vcf.text and "attachment" in vcf.headers["content-disposition"]
    png = client.get("/me/card.png")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    svg = client.get("/me/card.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    shown = client.get("/me/card").text
    assert '<img class="qr qr-big" src="/me/card.svg"' in shown and "Sam Doe" in shown
    assert client.get("/me/card.gif").status_code == 404


# --- settings ---------------------------------------------------------------------------------
def test_tag_cadences_set_and_stop(client: TestClient, store: Store) -> None:
    person(store, "Ana Lima", tags=["mentor"])
    page = client.get("/settings").text
    assert "No tag sets a cadence yet." in page and "Change your password" not in page
    set_ = client.post("/settings/cadences", data={"csrf": token(client), "tag": "mentor",
                       "every": "quarterly"})  # fmt: skip
    assert "Cadence saved" in set_.text and re.search(
        r'class="tag">mentor</span> <span>quarterly', set_.text
    )
    assert client.get("/api/v1/cadences/tags").json() == [{"tag": "mentor", "cadence_days": 91}]
    stop = client.post("/settings/cadences", data={"csrf": token(client), "tag": "mentor",
                       "every": "off"})  # fmt: skip
    assert "no longer sets a cadence" in stop.text and "No tag sets a cadence yet." in stop.text
    bad = client.post("/settings/cadences", data={"csrf": token(client), "tag": "x",
                      "every": "sometimes"})  # fmt: skip
    assert bad.status_code == 422 and "How often:" in alerts(bad.text)[0]


def test_templates_save_refuse_and_reset(client: TestClient) -> None:
    page = client.get("/settings").text
    assert 'id="template-birthday"' in page and "{first_name}" in page
    bad = client.post("/settings/templates/birthday", data={"csrf": token(client),
                      "text": "Hi {nickname}"})  # fmt: skip
    assert bad.status_code == 422 and "unknown placeholder {nickname}" in alerts(bad.text)[0]
    assert "Hi {nickname}" in bad.text  # what was typed stays
    saved = client.post("/settings/templates/birthday", data={"csrf": token(client),
                        "text": "Happy birthday {first_name}!"})  # fmt: skip
    assert "Template saved." in saved.text and "Use the built-in text" in saved.text
    kinds = {t["kind"]: t for t in client.get("/api/v1/templates").json()}
    assert kinds["birthday"] == {"kind": "birthday", "text": "Happy birthday {first_name}!",
                                 "custom": True}  # fmt: skip
    reset = client.post("/settings/templates/birthday", data={"csrf": token(client), "reset": "1"})
    assert "Back to the built-in template." in reset.text
    assert not {t["kind"]: t for t in client.get("/api/v1/templates").json()}["birthday"]["custom"]
    assert client.post("/settings/tokens", data={"csrf": token(client)}).status_code == 404


def test_every_template_has_a_heading_in_words(client: TestClient) -> None:
    """Regression: the anniversary and thank-you templates were headed by their kind's code
    ("anniversary", "thank-you") since the names were keyed by agenda kinds."""
    headings = re.findall(r"<h3[^>]*>([^<]+)</h3>", client.get("/settings").text)
    assert {"Work anniversary", "Thank-you for a favour", "Before a meeting"} <= set(headings)
    assert not {"anniversary", "thank-you", "meeting"} & set(headings)
