from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiekeeper.domain.dates import PartialDate
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.linkedin_messages import split_names
from tiekeeper.interchange.records import ImportedInteraction

HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
)
ME = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera-0a1b2c3d")
CARLOS = ("Carlos Yilmaz", "https://www.linkedin.com/in/carlos-yilmaz-16759ecb")
BJORN = ("Björn Tanaka, Ph.D.", "https://www.linkedin.com/in/bj%C3%B6rn-tanaka")
LIAM = ("Liam Ueda", "https://www.linkedin.com/in/liam-ueda-e88e752f")
HIDDEN = ("LinkedIn Member", "")


def row(
    conv: str,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    when: str,
    body: str = "hello",
    subject: str = "",
) -> str:
    names = ", ".join(n for n, _ in to)
    urls = ",".join(u for _, u in to)
    return (
        f'{conv},{subject},"{sender[0]}",{sender[1]},"{names}","{urls}",{when} UTC,'
        f'"{subject}","{body}",INBOX,No,No\n'
    )


# Another conversation so that "me" (the participant of every conversation) is unambiguous.
OTHER = ("Zoe Other", "https://www.linkedin.com/in/zoe-other")


def read(tmp_path: Path, text: str, name: str = "messages.csv") -> list[ImportedInteraction]:
    """Interactions of `text`; for messages a conversation with someone else on 2020-01-01 is added
    (and dropped from the result) so that "me" is unambiguous without Profile.csv."""
    if name == "messages.csv" and text.startswith("CONVERSATION ID"):
        text += row("zz", OTHER, [ME], "2020-01-01 00:00:00")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [i for i in read_path(path).interactions if i.occurred_on != date(2020, 1, 1)]


def test_one_interaction_per_conversation_and_day(tmp_path: Path) -> None:
    text = HEADER + "".join(
        [
            row("c1", CARLOS, [ME], "2025-02-11 19:06:00", "Sure, let&rsquo;s continue."),
            row("c1", ME, [CARLOS], "2025-02-11 21:06:00", "Thanks"),
            row("c1", ME, [CARLOS], "2025-02-12 17:06:00", "Again"),
            row("c2", ME, [CARLOS], "2025-02-12 18:00:00", "Other thread"),
        ]
    )
    found = read(tmp_path, text)
    assert [(i.occurred_on, i.initiated_by, i.channel) for i in found] == [
        (date(2025, 2, 11), "them", "message"),
        (date(2025, 2, 12), "me", "message"),
        (date(2025, 2, 12), "me", "message"),
    ]
    assert found[0].people[0].linkedin_url == CARLOS[1]
    assert found[0].summary == "Sure, let’s continue."
    assert found[0].position == 2


def test_earliest_message_of_the_day_decides_who_started(tmp_path: Path) -> None:
    text = (
        HEADER
        + row("c1", ME, [CARLOS], "2025-02-11 21:00:00")
        + row("c1", CARLOS, [ME], "2025-02-11 08:00:00")
    )
    [only] = read(tmp_path, text)
    assert only.initiated_by == "them"


def test_multiline_bodies_and_names_with_commas(tmp_path: Path) -> None:
    text = HEADER + "".join(
        [
            row("g", ME, [BJORN, LIAM], "2025-05-29 13:30:00", "Hi,\n\nGreat to meet you.\nBye"),
            row("g", BJORN, [ME], "2025-05-30 08:30:00"),
        ]
    )
    first, second = read(tmp_path, text)
    assert [(p.name, p.linkedin_url) for p in first.people] == [
        ("Björn Tanaka, Ph.D.", "https://www.linkedin.com/in/björn-tanaka"),
        ("Liam Ueda", LIAM[1]),
    ]
    assert first.summary == "Hi, Great to meet you. Bye"
    assert [p.name for p in second.people] == ["Björn Tanaka, Ph.D."]
    assert second.position == 6  # the first record spans lines 2-5


def test_subject_is_the_summary_and_long_content_is_cut(tmp_path: Path) -> None:
    text = HEADER + row("a", ME, [CARLOS], "2024-01-01 10:00:00", "x", subject="Coffee?")
    text += row("b", ME, [LIAM], "2024-01-01 10:00:00", "word " * 100)
    coffee, long = read(tmp_path, text)
    assert coffee.summary == "Coffee?"
    assert len(long.summary) <= 200 and long.summary.endswith("…")


def test_hidden_linkedin_member_is_never_a_person(tmp_path: Path) -> None:
    text = HEADER + row("c", CARLOS, [ME], "2024-01-01 10:00:00")
    text += row("c", HIDDEN, [CARLOS], "2024-01-03 10:00:00")
    text += row("c", HIDDEN, [ME], "2024-01-04 10:00:00")
    found = read(tmp_path, text)
    assert [(i.occurred_on.day, i.initiated_by) for i in found] == [(1, "them"), (3, "them")]
    assert all(p.name != "LinkedIn Member" for i in found for p in i.people)
    batch = read_path(tmp_path / "messages.csv")
    assert [s.position for s in batch.skipped] == [4]


def test_me_from_profile_csv(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Profile.csv").write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
        'Geo Location\nSam,Rivera,,,"Feb 17, 1998",Data engineer,"multi\nline",Software,,'
        '"Lisbon, Portugal"\n',
        encoding="utf-8",
    )
    # a single conversation: without the profile both sides appear "in every conversation"
    (folder / "messages.csv").write_text(
        HEADER + row("c", CARLOS, [ME], "2024-01-01 10:00:00"), encoding="utf-8"
    )
    batch = read_path(folder)
    [only] = batch.interactions
    assert only.initiated_by == "them" and only.people[0].name == "Carlos Yilmaz"
    assert batch.profile is not None
    assert batch.profile.birthday == PartialDate(2, 17, 1998)
    assert batch.profile.location == "Lisbon, Portugal"
    assert batch.profile.linkedin_url == ME[1]


def test_me_without_profile_is_the_participant_in_every_conversation(tmp_path: Path) -> None:
    text = HEADER + row("a", CARLOS, [ME], "2024-01-01 10:00:00")
    text += row("b", ME, [LIAM], "2024-01-02 10:00:00")
    first, second = read(tmp_path, text)
    assert (first.initiated_by, first.people[0].name) == ("them", "Carlos Yilmaz")
    assert (second.initiated_by, second.people[0].name) == ("me", "Liam Ueda")


def test_2018_layout_with_direction_and_html_entities(tmp_path: Path) -> None:
    text = (
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Ann Lee,Sam Rivera,"1/8/18, 6:14 PM",,"Tom &amp; Jerry &lt;3",INCOMING,INBOX\n'
        'Sam Rivera,Ann Lee,"1/8/18, 7:00 PM",,Reply,OUTGOING,SENT\n'
        'Sam Rivera,Ann Lee,"1/9/18, 7:00 PM",Re: hi,Reply,OUTGOING,SENT\n'
    )
    first, second = read(tmp_path, text)
    assert (first.occurred_on, first.initiated_by, first.summary) == (
        date(2018, 1, 8),
        "them",
        "Tom & Jerry <3",
    )
    assert [p.name for p in first.people] == ["Ann Lee"]
    assert (second.initiated_by, second.summary) == ("me", "Re: hi")


def test_invitations(tmp_path: Path) -> None:
    text = (
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Sam Rivera,"Pedro P, Ph.D.","9/15/24, 12:07 PM","Hi! We met",OUTGOING,'
        f"{ME[1]},https://www.linkedin.com/in/pedro-p\n"
        f'Grace A,Sam Rivera,"4/15/24, 5:29 PM",,INCOMING,https://www.linkedin.com/in/grace,{ME[1]}\n'
    )
    inc, out = read(tmp_path, text, "Invitations.csv")  # sorted by date
    assert (out.channel, out.initiated_by, out.occurred_on) == (
        "invitation",
        "me",
        date(2024, 9, 15),
    )
    assert out.people[0].name == "Pedro P, Ph.D." and out.summary == "Hi! We met"
    assert (inc.initiated_by, inc.people[0].linkedin_url) == (
        "them",
        "https://www.linkedin.com/in/grace",
    )


@pytest.mark.parametrize(
    ("names", "count", "expected"),
    [
        ("A B", 1, ["A B"]),
        ("A B, C D", 2, ["A B", "C D"]),
        ("Björn Tanaka, Ph.D., Liam Ueda", 2, ["Björn Tanaka, Ph.D.", "Liam Ueda"]),
        ("Ann, MBA, Bo, Jr., Cy", 3, ["Ann, MBA", "Bo, Jr.", "Cy"]),
        ("A, B, C, D", 2, None),
    ],
)
def test_split_names(names: str, count: int, expected: list[str] | None) -> None:
    assert split_names(names, count) == expected


def test_profile_birthday_without_year(tmp_path: Path) -> None:
    path = tmp_path / "Profile.csv"
    path.write_text("First Name,Last Name,Birth Date,Headline\nSam,Rivera,Mar 31,Hi\n")
    profile = read_path(path).profile
    assert profile is not None and profile.birthday == PartialDate(3, 31, None)
