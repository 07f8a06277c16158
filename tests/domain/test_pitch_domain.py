from tiekeeper.domain.pitch import check_pitch, profile_keywords

GOOD = "I help small teams build reliable data pipelines. I'm looking for a role in climate tech."


def test_words_and_seconds_at_150_words_a_minute() -> None:
    c = check_pitch(" ".join(["word"] * 75) + " I help. looking for")
    assert c.words == 79
    assert c.seconds == 31.6


def test_a_short_pitch_saying_what_you_do_and_want_has_no_warnings() -> None:
    c = check_pitch(GOOD)
    assert (c.says_what_you_do, c.says_what_you_want, c.warnings) == (True, True, [])


def test_over_75_words_warns_too_long_and_75_does_not() -> None:
    base = "I help people and I'm looking for work "  # 8 words
    at_limit = base + " ".join(["more"] * 67)
    assert check_pitch(at_limit).words == 75
    assert not any("too long" in w for w in check_pitch(at_limit).warnings)
    assert any("too long" in w for w in check_pitch(at_limit + " extra").warnings)


def test_a_pitch_without_a_role_or_an_ask_warns_about_each() -> None:
    c = check_pitch("Hello, nice weather today.")
    assert not c.says_what_you_do and not c.says_what_you_want
    assert len(c.warnings) == 2
    assert "what you do" in c.warnings[0] and "what you want" in c.warnings[1]


def test_the_profiles_position_words_count_as_saying_what_you_do() -> None:
    text = "Data engineering is my thing, and I'd love to meet climate founders."
    assert not check_pitch(text).says_what_you_do
    c = check_pitch(text, profile_keywords("Data Engineer", None))
    assert c.says_what_you_do and c.says_what_you_want


def test_phrases_match_whole_words_and_curly_apostrophes() -> None:
    assert check_pitch("I’d love an intro").says_what_you_want
    assert not check_pitch("Chi helped us").says_what_you_do  # 'i help' inside a word
