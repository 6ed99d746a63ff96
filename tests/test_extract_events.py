"""Events: ordinal names, dates at their precision, places, online or not, participants from verbs."""

from __future__ import annotations

import pytest
from _extract import run


@pytest.mark.parametrize("dash", ["-", "\u2013", " \u2013 ", "\u2014"])
def test_ordinal_summit_with_any_dash(dash: str) -> None:
    view = run(f"The 26th ASEAN{dash}Japan Summit was held online on November 12, 2020.")
    (event,) = view.events()
    assert event.kind == "Summit"
    assert event.ordinal == 26
    assert event.date.value == "2020-11-12"
    assert event.online is True
    assert view.participants(event) == {"ASEAN", "Japan"}


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("The ASEAN-China Summit took place on 10 October 2023.", "2023-10-10", "day"),
        ("The ASEAN-China Summit took place in October 2023.", "2023-10", "month"),
        ("The ASEAN-China Summit took place last October.", "2023-10", "month"),
        ("The ASEAN-China Summit took place in 2019.", "2019", "year"),
        ("The ASEAN-China Summit took place on Tuesday.", "2024-06-04", "day"),
    ],
    ids=["day-month-year", "month-year", "last-month", "year", "weekday"],
)
def test_event_date_keeps_its_precision(text: str, value: str, precision: str) -> None:
    (event,) = run(text, "2024-06-10").events()
    assert (event.date.value, event.date.precision) == (value, precision)


def test_future_month_without_year_is_the_next_one() -> None:
    (event,) = run("ASEAN and India will hold a commemorative summit in December.", "2024-06-10").events()
    assert event.date.value == "2024-12"
    assert event.kind == "Summit"


def test_article_without_date_keeps_only_absolute_dates() -> None:
    view = run("The ASEAN-Korea Summit was held last October. The ASEAN-EU Summit took place on 14 December 2022.", None)
    dates = {e.label: e.date.value if e.date else None for e in view.events()}
    assert dates == {"ASEAN-Korea Summit": None, "ASEAN-EU Summit": "2022-12-14"}


@pytest.mark.parametrize(
    "text, place",
    [
        ("The ASEAN-Australia Special Summit was held in Melbourne on March 5.", "Melbourne"),
        ("Leaders met at the National Convention Centre for the ASEAN-US Summit on Monday.", None),
        ("The 18th East Asia Summit was held in the Indonesian capital Jakarta on September 7.", "Jakarta"),
    ],
)
def test_event_place(text: str, place: str | None) -> None:
    events = run(text).events()
    assert events and events[0].place == place


@pytest.mark.parametrize("mode", ["via videoconference", "virtually", "online", "in a virtual format"])
def test_online_event(mode: str) -> None:
    (event,) = run(f"The ASEAN-India Foreign Ministers' Meeting was held {mode} on July 12.").events()
    assert event.online is True


def test_chaired_by_and_attended_by_give_roles() -> None:
    view = run("The meeting was chaired by Lao Foreign Minister Saleumxay Kommasith and attended by "
               "Chinese Foreign Minister Wang Yi.")
    (event,) = view.events()
    roles = view.roles(event)
    assert roles["Saleumxay Kommasith"] == "chair"
    assert roles["Wang Yi"] == "participant"


def test_co_chaired_with() -> None:
    view = run("Indian External Affairs Minister S. Jaishankar co-chaired the 12th ASEAN\u2013India Foreign Ministers' "
               "Meeting with Singapore's Foreign Minister Vivian Balakrishnan in Vientiane on July 26.")
    (event,) = view.events()
    assert event.ordinal == 12
    assert event.place == "Vientiane"
    assert event.date.value == "2024-07-26"
    assert {"S. Jaishankar", "Vivian Balakrishnan", "ASEAN", "India"} <= view.participants(event)
    assert view.roles(event)["S. Jaishankar"] == "chair"


@pytest.mark.parametrize(
    "verb, kind",
    [("held talks with", "Talks"), ("met", "Meeting"), ("met with", "Meeting"), ("had talks with", "Talks")],
)
def test_meeting_verbs_make_one_event_with_both_sides(verb: str, kind: str) -> None:
    view = run(f"Chinese Premier Li Qiang {verb} Malaysian Prime Minister Anwar Ibrahim in Kuala Lumpur on Wednesday.")
    (event,) = view.events()
    assert event.kind == kind
    assert view.participants(event) == {"Li Qiang", "Anwar Ibrahim"}
    assert event.date.value == "2024-06-05"
    assert event.place == "Kuala Lumpur"


def test_attended_gives_participants() -> None:
    view = run("Ambassador Tran Van Minh, head of Vietnam's Permanent Mission to ASEAN, attended the ASEAN-EU "
               "Joint Cooperation Committee meeting in Jakarta on 3 May.")
    (event,) = view.events()
    assert {"Tran Van Minh", "ASEAN", "European Union"} <= view.participants(event)
    assert event.date.value == "2024-05-03"


def test_spoke_at_and_addressed() -> None:
    view = run("US Secretary of State Antony Blinken spoke at the ASEAN-US Ministerial Meeting on July 27. "
               "Kao Kim Hourn, Secretary-General of ASEAN, addressed the forum.")
    events = {e.label: e for e in view.events()}
    assert "Antony Blinken" in view.participants(events["ASEAN-US Ministerial Meeting"])
    assert "Kao Kim Hourn" in view.participants(events["forum"])


def test_the_event_refers_back() -> None:
    view = run("The 27th ASEAN-China Summit opened in Vientiane on October 10. "
               "Chinese Premier Li Qiang attended the event.")
    (event,) = view.events()
    assert "Li Qiang" in view.participants(event)


def test_the_two_sides_take_part_in_the_meeting() -> None:
    view = run("ASEAN and Japan held the 40th ASEAN-Japan Forum in Tokyo on 12 March. "
               "At the meeting, the two sides reviewed their cooperation.")
    (event,) = view.events()
    assert view.participants(event) >= {"ASEAN", "Japan"}
    assert event.kind == "Forum"


def test_press_briefing_and_visit_kinds() -> None:
    view = run("Chinese Foreign Ministry Spokesperson Mao Ning said at a regular press briefing on Monday that "
               "Wang Yi will pay an official visit to Indonesia.")
    kinds = {e.kind for e in view.events()}
    assert kinds == {"PressBriefing", "Visit"}
    (briefing,) = view.events("PressBriefing")
    assert "Mao Ning" in view.participants(briefing)


def test_here_is_the_dateline_city() -> None:
    view = run("JAKARTA, Sept 6 (Bernama) -- Prime Minister Anwar Ibrahim today attended the 26th ASEAN-China Summit here.",
               "2023-09-06")
    (event,) = view.events()
    assert (event.place, event.date.value) == ("Jakarta", "2023-09-06")


def test_in_the_capital_of_a_demonym() -> None:
    (event,) = run("Jaishankar co-chaired the ASEAN-India Foreign Ministers' Meeting in the Lao capital on Saturday.").events()
    assert event.place == "Vientiane"


def test_date_on_the_sidelines_belongs_to_the_talks() -> None:
    view = run("President Yoon Suk Yeol attended the summit on Thursday. Yoon held talks with Lao Prime Minister "
               "Sonexay Siphandone on the sidelines of the summit on Wednesday.", "2024-10-10")
    (talks,) = view.events("Talks")
    assert talks.date.value == "2024-10-09"
    assert view.participants(talks) >= {"Yoon Suk Yeol", "Sonexay Siphandone"}


def test_weekday_in_a_sentence_about_the_future_is_not_moved_a_year() -> None:
    (event,) = run("South Korea and ASEAN agreed Wednesday to upgrade ties next year, as Yoon attended the annual "
                   "Korea-ASEAN summit.", "2023-09-07").events()
    assert event.date.value == "2023-09-06"


def test_verb_meeting_joins_the_named_event_of_its_sentence() -> None:
    view = run("Secretary of State Antony Blinken met with ASEAN foreign ministers today in Vientiane at the "
               "ASEAN-U.S. Post Ministerial Conference.", "2024-07-27")
    (event,) = view.events()
    assert event.label == "ASEAN-U.S. Post Ministerial Conference"
    assert view.participants(event) >= {"Antony Blinken", "ASEAN"}
    assert event.date.value == "2024-07-27"


def test_headline_gives_no_event() -> None:
    assert run("Secretary Blinken's Meeting with ASEAN Foreign Ministers").events() == []


def test_an_indefinite_summit_is_another_event() -> None:
    view = run("Japan and ASEAN held a special summit in Tokyo on December 17. They had upgraded their ties to a "
               "comprehensive strategic partnership in September at a summit in Jakarta. Indonesian President "
               "Joko Widodo co-chaired the summit with Kishida.", "2023-12-17")
    places = {e.place: e for e in view.events("Summit")}
    assert set(places) == {"Tokyo", "Jakarta"}
    assert places["Tokyo"].date.value == "2023-12-17"
    assert places["Jakarta"].date.value == "2023-09"
    assert "Joko Widodo" in view.participants(places["Tokyo"])


def test_bare_noun_event_is_not_folded_into_a_named_one() -> None:
    view = run("Russian Deputy Foreign Minister Andrey Rudenko held consultations with ASEAN Deputy Secretary-General "
               "Astari Daenuri on Tuesday.\n\nEU High Representative Josep Borrell attended the 24th EU-ASEAN "
               "Ministerial Meeting in Brussels.", "2024-03-16")
    events = {e.label: e for e in view.events()}
    assert set(events) == {"consultations", "24th EU-ASEAN Ministerial Meeting"}
    assert view.participants(events["consultations"]) >= {"Andrey Rudenko", "Astari Daenuri"}
    assert "Andrey Rudenko" not in view.participants(events["24th EU-ASEAN Ministerial Meeting"])


def test_will_not_attend_is_no_participation() -> None:
    view = run("The 43rd ASEAN Summit opens in Jakarta on September 5. US President Joe Biden will not attend the "
               "ASEAN summit, the White House said.", "2023-09-01")
    (event,) = view.events()
    assert "Joe Biden" not in view.participants(event)
    assert "United States" not in view.participants(event)


def test_the_text_date_wins_over_the_dateline_date() -> None:
    (event,) = run("HANOI, March 15 (Sputnik) - Russian Deputy Foreign Minister Andrey Rudenko held consultations "
                   "with ASEAN officials on Tuesday.", "2024-03-16").events()
    assert event.date.value == "2024-03-12"


@pytest.mark.parametrize(
    "text, bloc",
    [
        ("Philippine President Ferdinand Marcos Jr. attended the 43rd ASEAN Summit.", "ASEAN"),
        (("Indonesian Foreign Minister Retno L.P. Marsudi chaired the 56th ASEAN Foreign Ministers' Meeting in "
          "Jakarta on July 11."), "ASEAN"),
    ],
)
def test_bloc_named_in_the_event_takes_part(text: str, bloc: str) -> None:
    (event,) = run(text).events()
    assert bloc in run(text).participants(event)


def test_middle_initials_stay_in_the_name_and_the_chair_role_holds() -> None:
    view = run("Indonesian Foreign Minister Retno L.P. Marsudi chaired the 56th ASEAN Foreign Ministers' Meeting.")
    (event,) = view.events()
    assert view.roles(event)["Retno L.P. Marsudi"] == "chair"


def test_a_date_right_after_the_event_wins_over_another_in_the_sentence() -> None:
    # The article is of Monday 2024-06-10; "on Friday" is 2024-06-07, "early next year" is the plan's.
    view = run("ASEAN and Japan will adopt a new work plan early next year, Kamikawa said after the ASEAN-Japan "
               "ministerial meeting on Friday.")
    (event,) = view.events()
    assert event.date.value == "2024-06-07"


@pytest.mark.parametrize(
    "text",
    [
        "Kishida, who landed in Jakarta late on Sunday, attended the ASEAN-Japan Summit and praised the bloc.",
        "Leaders met at the ASEAN-Japan Summit and said they would deepen the comprehensive strategic partnership "
        "they forged last December.",
    ],
    ids=["relative-clause", "agreement-date"],
)
def test_dates_that_belong_to_something_else_do_not_date_the_event(text: str) -> None:
    (event,) = run(text).events("Summit")
    assert event.date is None



@pytest.mark.parametrize(
    "text, summit, day",
    [
        ("Leaders of ASEAN and Japan agreed on Tuesday to accelerate negotiations on a new economic "
         "partnership agreement, Kishida said at the 27th ASEAN-Japan Summit in Vientiane.",
         "27th ASEAN-Japan Summit", "2024-06-04"),
        ("The ministers agreed on Friday to push ahead with talks on the Code of Conduct in the South China Sea, "
         "Wang Yi told the 25th ASEAN-China Foreign Ministers' Meeting in Jakarta.",
         "25th ASEAN-China Foreign Ministers' Meeting", "2024-06-07"),
    ],
    ids=["negotiations-on", "talks-on"],
)
def test_negotiations_on_a_document_are_a_process_and_the_named_event_takes_the_day(text: str, summit: str, day: str) -> None:
    # The article is of Monday 2024-06-10.
    view = run(text)
    (event,) = view.events()
    assert (event.label, event.date.value) == (summit, day)


def test_held_negotiations_on_a_document_is_still_an_event() -> None:
    view = run("Officials of ASEAN and China held negotiations on the free trade agreement in Beijing on Monday.")
    assert [e.kind for e in view.events()] == ["Talks"]


@pytest.mark.parametrize(
    "text, place",
    [
        ("The European Union and ASEAN on Thursday launched a programme on green energy, announced at a ceremony "
         "at the ASEAN Secretariat.", "ASEAN Secretariat"),
        ("Japan and ASEAN launched a new scholarship scheme at a ceremony in Jakarta on Monday.", "Jakarta"),
    ],
    ids=["at-the-secretariat", "in-a-city"],
)
def test_those_who_launch_take_part_in_the_ceremony(text: str, place: str) -> None:
    view = run(text)
    (event,) = view.events("Ceremony")
    assert {"ASEAN"} < view.participants(event)
    assert len(view.participants(event)) == 2
    assert event.place == place


@pytest.mark.parametrize(
    "text, label, parties, place",
    [
        ("Vice Foreign Minister Park Min-soo announced the plan during the 27th ASEAN-Korea Dialogue held in Seoul "
         "on Monday, which was co-chaired by Park and a Lao official.", "27th ASEAN-Korea Dialogue", {"ASEAN", "South Korea"}, "Seoul"),
        ("Officials from both sides met at the 12th ASEAN-India Dialogue in New Delhi on Tuesday.",
         "12th ASEAN-India Dialogue", {"ASEAN", "India"}, "New Delhi"),
        ("The annual ASEAN-EU Dialogue was convened in Brussels on 3 May.", "annual ASEAN-EU Dialogue",
         {"ASEAN", "European Union"}, "Brussels"),
    ],
    ids=["ordinal-held", "ordinal-met-at", "annual-convened"],
)
def test_ordinal_or_annual_dialogue_is_a_meeting(text: str, label: str, parties: set, place: str) -> None:
    view = run(text)
    (event,) = view.events("Meeting")
    assert event.label == label
    assert parties <= view.participants(event)
    assert event.place == place


def test_dialogue_relations_and_partner_stay_agreements() -> None:
    view = run("ASEAN and India upgraded their dialogue relations; India became a full dialogue partner of ASEAN.")
    assert not view.events("Meeting")
    assert any(kind == "DialoguePartnership" for kind, _, _ in view.agreements.values())


@pytest.mark.parametrize(
    "text, present, absent",
    [
        ("Leaders from the 10 ASEAN member states, except Myanmar, and Timor-Leste attended the summit in Vientiane.",
         {"ASEAN", "Timor-Leste"}, "Myanmar"),
        ("The leaders of ASEAN countries, apart from Myanmar, attended the ASEAN-Japan Summit on Friday.",
         {"ASEAN", "Japan"}, "Myanmar"),
        ("Foreign ministers of ASEAN, excluding Cambodia, and Japan met at the ASEAN-Japan Foreign Ministers' Meeting.",
         {"ASEAN", "Japan"}, "Cambodia"),
        ("All ASEAN members with the exception of Laos attended the ASEAN-China Summit with China.",
         {"ASEAN", "China"}, "Laos"),
    ],
    ids=["except", "apart-from", "excluding", "with-the-exception-of"],
)
def test_excepted_actors_do_not_take_part(text: str, present: set, absent: str) -> None:
    view = run(text)
    (event,) = view.events()
    assert present <= view.participants(event)
    assert absent not in view.participants(event)


@pytest.mark.parametrize(
    "text",
    [
        "India and ASEAN agreed on a review. The review negotiations will start in the coming months and are targeted "
        "to be concluded in 2025, the ministry said.",
        "ASEAN and India said the upgrade talks are expected to conclude in 2025.",
        "The negotiations, which will resume next month, are aimed to be completed by 2026, ASEAN and China said.",
    ],
    ids=["will-start-targeted", "expected-to-conclude", "aimed-to-be-completed"],
)
def test_negotiations_ahead_are_a_process_and_a_target_dates_nothing(text: str) -> None:
    view = run(text)
    assert not view.events("Talks")
    assert all(e.date is None or not e.date.value.startswith(("2025", "2026")) for e in view.events())


def test_talks_held_stay_an_event() -> None:
    (event,) = run("ASEAN and Japan held talks in Jakarta on Monday.").events("Talks")
    assert event.date.value == "2024-06-10"


@pytest.mark.parametrize(
    "text, place",
    [
        ("U.S. Secretary of State John Doe met with ASEAN Secretary-General Kao Kim Hourn at the State Department on "
         "November 13.", "State Department"),
        ("Russian Foreign Minister Sergei Lavrov held talks with his Lao counterpart at the Kremlin on Tuesday.", "Kremlin"),
        ("Deputy Foreign Minister Do Hung Viet held talks with Japanese Ambassador Ito Naoki at the Ministry of Foreign "
         "Affairs on Friday.", "Ministry of Foreign Affairs"),
        ("Deputy Foreign Minister Do Hung Viet held talks with Japanese Ambassador Ito Naoki at the Ministry of Foreign "
         "Affairs in Hanoi on Friday.", "Hanoi"),
    ],
    ids=["state-department", "kremlin", "ministry-of", "city-after-the-seat-wins"],
)
def test_government_seat_after_at_the_is_the_place(text: str, place: str) -> None:
    (event,) = run(text, "2023-11-15").events()
    assert event.place == place


def test_talks_held_then_continued_stay_an_event() -> None:
    (event,) = run("ASEAN and Japan held talks on Monday and will continue them in July.").events("Talks")
    assert event.date.value == "2024-06-10"
