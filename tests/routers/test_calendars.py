"""Business calendars over HTTP: CRUD (admin+), validation, in-use 409, cross-org 404, and the
deadline / business-minutes answers checked against hand-worked examples."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.escalation_helpers import Desk, frozen, make_desk, ts
from tests.factories import assert_problem

OFFICE_HOURS = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)]
# 2026-03-06 is a Friday; London is on UTC until Sunday 2026-03-29 01:00 UTC.
FRIDAY_1630 = "2026-03-06T16:30:00+00:00"


def office(**over: Any) -> dict[str, Any]:
    return {
        "name": "London office",
        "time_zone": "Europe/London",
        "intervals": OFFICE_HOURS,
        **over,
    }


async def create(
    client: AsyncClient, desk: Desk, who: str = "admin", **over: Any
) -> dict[str, Any]:
    r = await client.post(desk.url("/calendars"), json=office(**over), headers=desk.headers[who])
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def deadline(
    client: AsyncClient, desk: Desk, calendar: dict[str, Any], start: str, minutes: float | str
) -> Any:
    return await client.get(
        desk.url(f"/calendars/{calendar['id']}/deadline"),
        params={"start": start, "minutes": minutes},
        headers=desk.headers["agent"],
    )


async def due_at(
    client: AsyncClient, desk: Desk, calendar: dict[str, Any], start: str, minutes: float
) -> datetime | None:
    r = await deadline(client, desk, calendar, start, minutes)
    assert r.status_code == 200, r.text
    return ts(r.json()["due_at"])


async def business_minutes(
    client: AsyncClient, desk: Desk, calendar: dict[str, Any], start: str, end: str
) -> Any:
    return await client.get(
        desk.url(f"/calendars/{calendar['id']}/business-minutes"),
        params={"start": start, "end": end},
        headers=desk.headers["agent"],
    )


async def minutes_in(
    client: AsyncClient, desk: Desk, calendar: dict[str, Any], start: str, end: str
) -> float:
    r = await business_minutes(client, desk, calendar, start, end)
    assert r.status_code == 200, r.text
    value: float = r.json()["minutes"]
    return value


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


class TestCreateCalendar:
    @pytest.mark.parametrize("who", ["admin", "org_owner"])
    async def test_admin_and_owner_create(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        body = await create(
            client,
            desk,
            who,
            holidays=[{"date": "2026-12-25", "name": "Christmas"}, {"date": "2026-12-28"}],
        )
        assert body["org_id"] == str(desk.org.id)
        assert body["time_zone"] == "Europe/London"
        assert body["intervals"] == OFFICE_HOURS
        assert body["holidays"] == [
            {"date": "2026-12-25", "name": "Christmas"},
            {"date": "2026-12-28", "name": None},
        ]
        assert body["holiday_country"] is None and body["holiday_subdivision"] is None

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(desk.url("/calendars"), json=office(), headers=desk.headers[who])
        assert_problem(r, 403, "insufficient-role")
        r = await client.get(desk.url("/calendars"), headers=desk.headers["admin"])
        assert r.json()["items"] == []

    async def test_without_token_is_401(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        assert_problem(await client.post(desk.url("/calendars"), json=office()), 401)

    async def test_other_organisation_is_404(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        r = await client.post(other.url("/calendars"), json=office(), headers=desk.headers["admin"])
        assert_problem(r, 404, "organisation-not-found")

    @pytest.mark.parametrize(
        "intervals",
        [
            [{"weekday": 0, "start": "00:00", "end": "24:00"}],
            [{"weekday": 4, "start": "22:00", "end": "06:00"}],
            [{"weekday": 6, "start": "09:00", "end": "09:00"}],
            [
                {"weekday": 0, "start": "09:00", "end": "12:00"},
                {"weekday": 0, "start": "11:00", "end": "13:00"},
            ],
        ],
        ids=["24-00-end", "overnight", "start-equals-end", "overlapping"],
    )
    async def test_interval_shapes_accepted(
        self, client: AsyncClient, session: AsyncSession, intervals: list[dict[str, Any]]
    ) -> None:
        desk = await make_desk(session)
        assert (await create(client, desk, intervals=intervals))["intervals"] == intervals

    @pytest.mark.parametrize(
        ("country", "subdivision"), [("US", None), ("US", "CA"), ("GB", "ENG")]
    )
    async def test_known_holiday_regions_accepted(
        self, client: AsyncClient, session: AsyncSession, country: str, subdivision: str | None
    ) -> None:
        desk = await make_desk(session)
        body = await create(client, desk, holiday_country=country, holiday_subdivision=subdivision)
        assert (body["holiday_country"], body["holiday_subdivision"]) == (country, subdivision)

    @pytest.mark.parametrize(
        "over",
        [
            {"time_zone": "Mars/Olympus"},
            {"time_zone": "Europe"},
            {"time_zone": "../etc/passwd"},
            {"time_zone": "/etc/localtime"},
            {"time_zone": ""},
            {"time_zone": "UTC\x00"},
            {"time_zone": "Europe/" + "x" * 64},
            {"time_zone": 1},
            {"intervals": []},
            {"intervals": [{"weekday": 7, "start": "09:00", "end": "17:00"}]},
            {"intervals": [{"weekday": -1, "start": "09:00", "end": "17:00"}]},
            {"intervals": [{"weekday": "Monday", "start": "09:00", "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": "24:00", "end": "06:00"}]},
            {"intervals": [{"weekday": 0, "start": "9:00", "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": "09:00", "end": "24:01"}]},
            {"intervals": [{"weekday": 0, "start": "09:60", "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": "25:00", "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": "09:00:00", "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": "\u0660\u0669:\u0660\u0660", "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": 900, "end": "17:00"}]},
            {"intervals": [{"weekday": 0, "start": "09:00"}]},
            {"intervals": [{"weekday": 0, "start": "09:00", "end": "17:00", "tz": "UTC"}]},
            {"intervals": OFFICE_HOURS * 41},
            {"intervals": "weekdays"},
            {"holidays": [{"date": "2026-13-01"}]},
            {"holidays": [{"date": "Christmas"}]},
            {"holidays": [{"name": "Christmas"}]},
            {"holidays": [{"date": "2026-12-25", "name": "Xmas\x00"}]},
            {"holidays": [{"date": "2026-12-25", "name": "x" * 201}]},
            {"holidays": [{"date": "2026-12-25", "extra": 1}]},
            {"holidays": [{"date": "2026-12-25"}] * 1001},
            {"holidays": {"date": "2026-12-25"}},
            {"holiday_country": "XX"},
            {"holiday_country": "us"},
            {"holiday_country": "USA"},
            {"holiday_country": "US", "holiday_subdivision": "ZZ"},
            {"holiday_country": "GB", "holiday_subdivision": "CA"},
            {"holiday_subdivision": "CA"},
            {"holiday_country": "U\x00"},
            {"name": ""},
            {"name": "   "},
            {"name": "x" * 201},
            {"name": "Office\x00"},
            {"name": ["Office"]},
            {"name": None},
            {"colour": "blue"},
        ],
        ids=lambda over: "-".join(f"{k}={str(v)[:24]!r}" for k, v in over.items()),
    )
    async def test_bad_body_is_422(
        self, client: AsyncClient, session: AsyncSession, over: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/calendars"), json=office(**over), headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")

    # Files in the tz directory that ZoneInfo opens but that are no IANA zone names ("localtime"
    # is whatever the host is set to).
    NOT_IANA = ["localtime", "posixrules", "Factory", "right/UTC", "posix/Europe/London"]

    @pytest.mark.parametrize("zone", NOT_IANA)
    async def test_zone_files_that_are_not_iana_names_are_422(
        self, client: AsyncClient, session: AsyncSession, zone: str
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/calendars"), json=office(time_zone=zone), headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")
        calendar = await create(client, desk)
        r = await client.patch(
            desk.url(f"/calendars/{calendar['id']}"),
            json={"time_zone": zone},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        "zone", ["UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires", "Pacific/Kiritimati"]
    )
    async def test_iana_names_are_accepted(
        self, client: AsyncClient, session: AsyncSession, zone: str
    ) -> None:
        desk = await make_desk(session)
        assert (await create(client, desk, time_zone=zone))["time_zone"] == zone

    @pytest.mark.parametrize("missing", ["name", "time_zone", "intervals"])
    async def test_missing_field_is_422(
        self, client: AsyncClient, session: AsyncSession, missing: str
    ) -> None:
        desk = await make_desk(session)
        body = office()
        del body[missing]
        r = await client.post(desk.url("/calendars"), json=body, headers=desk.headers["admin"])
        problem = assert_problem(r, 422, "validation-error")
        assert any(missing in issue["loc"] for issue in problem["errors"])

    @pytest.mark.parametrize(
        "content", [b"", b"{", b"[]", b"null", b'"x"', b"\xff\xfe"], ids=lambda c: repr(c)
    )
    async def test_unparseable_body_is_4xx(
        self, client: AsyncClient, session: AsyncSession, content: bytes
    ) -> None:
        desk = await make_desk(session)
        r = await client.post(
            desk.url("/calendars"),
            content=content,
            headers={**desk.headers["admin"], "content-type": "application/json"},
        )
        assert r.status_code in (400, 422), r.text
        assert_problem(r, r.status_code)


class TestListCalendars:
    async def test_own_calendars_oldest_first_for_any_member(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        first = await create(client, desk, name="First")
        second = await create(client, desk, name="Second")
        await create(client, other, name="Theirs")
        r = await client.get(desk.url("/calendars"), headers=desk.headers["agent"])
        assert r.status_code == 200, r.text
        assert [c["id"] for c in r.json()["items"]] == [first["id"], second["id"]]
        assert r.json()["next_cursor"] is None

    async def test_pages(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = [(await create(client, desk, name=f"C{i}"))["id"] for i in range(3)]
        r = await client.get(
            desk.url("/calendars"), params={"limit": 2}, headers=desk.headers["agent"]
        )
        page = r.json()
        assert [c["id"] for c in page["items"]] == made[:2] and page["next_cursor"]
        r = await client.get(
            desk.url("/calendars"),
            params={"limit": 2, "cursor": page["next_cursor"]},
            headers=desk.headers["agent"],
        )
        assert [c["id"] for c in r.json()["items"]] == made[2:]

    @pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"limit": "x"}])
    async def test_bad_limit_is_422(
        self, client: AsyncClient, session: AsyncSession, params: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/calendars"), params=params, headers=desk.headers["agent"])
        assert_problem(r, 422, "validation-error")

    async def test_garbage_cursor_is_400(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(
            desk.url("/calendars"), params={"cursor": "garbage"}, headers=desk.headers["agent"]
        )
        assert_problem(r, 400, "invalid-cursor")


class TestGetCalendar:
    async def test_any_member_reads_it(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        r = await client.get(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["agent"])
        assert r.status_code == 200, r.text
        assert r.json() == made

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url(f"/calendars/{uuid.uuid4()}"), headers=desk.headers["agent"])
        assert_problem(r, 404, "calendar-not-found")

    async def test_malformed_id_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.get(desk.url("/calendars/not-a-uuid"), headers=desk.headers["agent"])
        assert_problem(r, 422, "validation-error")


class TestUpdateCalendar:
    async def test_admin_edits_fields(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        changes = {
            "name": "New York office",
            "time_zone": "America/New_York",
            "intervals": [{"weekday": 5, "start": "10:00", "end": "14:00"}],
            "holidays": [{"date": "2026-07-03", "name": "Observed"}],
            "holiday_country": "US",
            "holiday_subdivision": "NY",
        }
        r = await client.patch(
            desk.url(f"/calendars/{made['id']}"), json=changes, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert {k: body[k] for k in changes} == {
            **changes,
            "holidays": [{"date": "2026-07-03", "name": "Observed"}],
        }
        r = await client.get(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["agent"])
        assert r.json()["time_zone"] == "America/New_York"

    async def test_empty_patch_changes_nothing(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk, holiday_country="US")
        r = await client.patch(
            desk.url(f"/calendars/{made['id']}"), json={}, headers=desk.headers["admin"]
        )
        assert r.status_code == 200, r.text
        assert {k: v for k, v in r.json().items() if k != "updated_at"} == {
            k: v for k, v in made.items() if k != "updated_at"
        }

    async def test_null_country_turns_public_holidays_off(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk, holiday_country="US", holiday_subdivision="CA")
        r = await client.patch(
            desk.url(f"/calendars/{made['id']}"),
            json={"holiday_country": None, "holiday_subdivision": None},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert r.json()["holiday_country"] is None and r.json()["holiday_subdivision"] is None

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        r = await client.patch(
            desk.url(f"/calendars/{made['id']}"), json={"name": "x"}, headers=desk.headers[who]
        )
        assert_problem(r, 403, "insufficient-role")

    @pytest.mark.parametrize(
        "changes",
        [
            {"name": None},
            {"time_zone": None},
            {"intervals": None},
            {"holidays": None},
            {"name": ""},
            {"name": "x" * 201},
            {"name": "a\x00b"},
            {"time_zone": "Mars/Olympus"},
            {"intervals": []},
            {"intervals": [{"weekday": 0, "start": "24:00", "end": "01:00"}]},
            {"holiday_country": "XX"},
            {"holiday_country": "US", "holiday_subdivision": "ZZ"},
            {"colour": "blue"},
            {"holidays": [{"date": "2026-02-30"}]},
        ],
        ids=lambda c: "-".join(f"{k}={str(v)[:16]!r}" for k, v in c.items()),
    )
    async def test_bad_change_is_422(
        self, client: AsyncClient, session: AsyncSession, changes: dict[str, Any]
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        r = await client.patch(
            desk.url(f"/calendars/{made['id']}"), json=changes, headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        ("stored", "changes"),
        [
            ({"holiday_country": "US"}, {"holiday_subdivision": "ZZ"}),
            ({}, {"holiday_subdivision": "CA"}),
            ({"holiday_country": "US", "holiday_subdivision": "CA"}, {"holiday_country": "GB"}),
            ({"holiday_country": "US", "holiday_subdivision": "CA"}, {"holiday_country": None}),
        ],
        ids=[
            "bad-subdivision-alone",
            "subdivision-without-country",
            "country-keeps-old-subdivision",
            "country-cleared-subdivision-kept",
        ],
    )
    async def test_change_that_leaves_an_unknown_region_is_422(
        self,
        client: AsyncClient,
        session: AsyncSession,
        stored: dict[str, Any],
        changes: dict[str, Any],
    ) -> None:
        """Validated against what the calendar becomes, not just the fields sent."""
        desk = await make_desk(session)
        made = await create(client, desk, **stored)
        r = await client.patch(
            desk.url(f"/calendars/{made['id']}"), json=changes, headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "unknown-holiday-region")
        # Nothing stored: the calendar still answers.
        r = await deadline(client, desk, made, FRIDAY_1630, 60)
        assert r.status_code == 200, r.text

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.patch(
            desk.url(f"/calendars/{uuid.uuid4()}"),
            json={"name": "x"},
            headers=desk.headers["admin"],
        )
        assert_problem(r, 404, "calendar-not-found")

    async def test_malformed_id_is_422(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.patch(
            desk.url("/calendars/123"), json={"name": "x"}, headers=desk.headers["admin"]
        )
        assert_problem(r, 422, "validation-error")


class TestDeleteCalendar:
    async def test_unused_calendar_is_deleted(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        r = await client.delete(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text
        r = await client.get(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["admin"])
        assert_problem(r, 404, "calendar-not-found")

    async def test_calendar_a_policy_uses_is_409_until_the_policy_goes(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        r = await client.post(
            desk.url("/sla-policies"),
            json={"name": "Office SLA", "calendar_id": made["id"], "targets": {}},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 201, r.text
        policy = r.json()
        r = await client.delete(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["admin"])
        assert_problem(r, 409, "calendar-in-use")
        r = await client.get(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 200

        r = await client.delete(
            desk.url(f"/sla-policies/{policy['id']}"), headers=desk.headers["admin"]
        )
        assert r.status_code == 204, r.text
        r = await client.delete(desk.url(f"/calendars/{made['id']}"), headers=desk.headers["admin"])
        assert r.status_code == 204, r.text

    @pytest.mark.parametrize("who", ["supervisor", "agent"])
    async def test_below_admin_is_403(
        self, client: AsyncClient, session: AsyncSession, who: str
    ) -> None:
        desk = await make_desk(session)
        made = await create(client, desk)
        r = await client.delete(desk.url(f"/calendars/{made['id']}"), headers=desk.headers[who])
        assert_problem(r, 403, "insufficient-role")

    async def test_unknown_is_404(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        r = await client.delete(
            desk.url(f"/calendars/{uuid.uuid4()}"), headers=desk.headers["admin"]
        )
        assert_problem(r, 404, "calendar-not-found")


class TestCrossOrganisation:
    """Another organisation's calendar is invisible on every route, even to an admin."""

    @pytest.mark.parametrize(
        ("method", "suffix", "kwargs"),
        [
            ("GET", "", {}),
            ("PATCH", "", {"json": {"name": "Mine now"}}),
            ("DELETE", "", {}),
            ("GET", "/deadline", {"params": {"start": FRIDAY_1630, "minutes": 60}}),
            (
                "GET",
                "/business-minutes",
                {"params": {"start": FRIDAY_1630, "end": "2026-03-09T10:00:00Z"}},
            ),
        ],
        ids=["get", "patch", "delete", "deadline", "business-minutes"],
    )
    async def test_other_orgs_calendar_is_404(
        self,
        client: AsyncClient,
        session: AsyncSession,
        method: str,
        suffix: str,
        kwargs: dict[str, Any],
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        theirs = await create(client, other)
        r = await client.request(
            method,
            desk.url(f"/calendars/{theirs['id']}{suffix}"),
            headers=desk.headers["admin"],
            **kwargs,
        )
        assert_problem(r, 404, "calendar-not-found")
        # Through their organisation's path the caller is not a member at all.
        r = await client.request(
            method,
            other.url(f"/calendars/{theirs['id']}{suffix}"),
            headers=desk.headers["admin"],
            **kwargs,
        )
        assert_problem(r, 404, "organisation-not-found")
        # Untouched.
        r = await client.get(
            other.url(f"/calendars/{theirs['id']}"), headers=other.headers["admin"]
        )
        assert r.status_code == 200 and r.json()["name"] == "London office"

    async def test_list_shows_none_of_theirs(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk, other = await make_desk(session), await make_desk(session)
        await create(client, other)
        r = await client.get(other.url("/calendars"), headers=desk.headers["admin"])
        assert_problem(r, 404, "organisation-not-found")


class TestDeadline:
    async def test_friday_afternoon_carries_to_monday_morning(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await deadline(client, desk, calendar, FRIDAY_1630, 60)
        assert r.status_code == 200, r.text
        body = r.json()
        assert ts(body["start"]) == utc(2026, 3, 6, 16, 30) and body["minutes"] == 60
        assert ts(body["due_at"]) == utc(2026, 3, 9, 9, 30)

    async def test_start_with_another_offset_is_the_same_instant(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        # 11:30 in New York (EST) is 16:30 in London; the answer is in UTC throughout.
        r = await deadline(client, desk, calendar, "2026-03-06T11:30:00-05:00", 60)
        assert r.json()["start"] in ("2026-03-06T16:30:00Z", "2026-03-06T16:30:00+00:00")
        r = await business_minutes(
            client, desk, calendar, "2026-03-06T11:30:00-05:00", "2026-03-09T10:30:00+01:00"
        )
        assert r.json()["start"] in ("2026-03-06T16:30:00Z", "2026-03-06T16:30:00+00:00")
        assert r.json()["end"] in ("2026-03-09T09:30:00Z", "2026-03-09T09:30:00+00:00")
        assert r.json()["minutes"] == 60
        assert await due_at(client, desk, calendar, "2026-03-06T11:30:00-05:00", 60) == utc(
            2026, 3, 9, 9, 30
        )
        assert await due_at(client, desk, calendar, "2026-03-06T16:30:00Z", 60) == utc(
            2026, 3, 9, 9, 30
        )

    async def test_zero_minutes_gives_start(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        # Even outside business hours: nothing has to pass.
        saturday = "2026-03-07T12:00:00+00:00"
        assert await due_at(client, desk, calendar, saturday, 0) == utc(2026, 3, 7, 12)

    async def test_within_the_day(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        assert await due_at(client, desk, calendar, "2026-03-04T10:00:00Z", 90) == utc(
            2026, 3, 4, 11, 30
        )
        # Fractional minutes are business seconds.
        assert await due_at(client, desk, calendar, "2026-03-04T10:00:00Z", 0.5) == utc(
            2026, 3, 4, 10, 0, 30
        )

    async def test_before_opening_starts_at_opening(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        assert await due_at(client, desk, calendar, "2026-03-04T06:00:00Z", 30) == utc(
            2026, 3, 4, 9, 30
        )

    async def test_a_holiday_monday_pushes_to_tuesday(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk, holidays=[{"date": "2026-03-09", "name": "Closed"}])
        assert await due_at(client, desk, calendar, FRIDAY_1630, 60) == utc(2026, 3, 10, 9, 30)

    async def test_holiday_added_by_patch_takes_effect(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await client.patch(
            desk.url(f"/calendars/{calendar['id']}"),
            json={"holidays": [{"date": "2026-03-09"}]},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 200, r.text
        assert await due_at(client, desk, calendar, FRIDAY_1630, 60) == utc(2026, 3, 10, 9, 30)

    async def test_country_holidays_close_the_day(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk, time_zone="America/New_York", holiday_country="US")
        # Thursday 2026-07-02 16:30 EDT; Friday 3 July is Independence Day observed.
        with frozen(utc(2026, 6, 1)):
            got = await due_at(client, desk, calendar, "2026-07-02T16:30:00-04:00", 60)
        assert got == utc(2026, 7, 6, 13, 30)  # Monday 09:30 EDT

    async def test_across_the_march_dst_change_in_london(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        # Friday 2026-03-27 16:30 GMT; clocks go forward on Sunday 29 March.
        assert await due_at(client, desk, calendar, "2026-03-27T16:30:00Z", 60) == utc(
            2026, 3, 30, 8, 30
        )  # Monday 09:30 BST

    async def test_the_skipped_hour_is_not_business_time(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        # Open 00:00-03:00 local on Sundays: on 29 March 01:00-02:00 local never happens.
        calendar = await create(
            client, desk, intervals=[{"weekday": 6, "start": "00:00", "end": "03:00"}]
        )
        assert await due_at(client, desk, calendar, "2026-03-29T00:00:00Z", 90) == utc(
            2026, 3, 29, 1, 30
        )  # 60 minutes of GMT, then 30 of BST (02:30 local)
        assert await due_at(client, desk, calendar, "2026-03-29T00:00:00Z", 121) == utc(
            2026, 4, 4, 23, 1
        )  # the next Sunday opens at 00:00 BST = Saturday 23:00 UTC

    async def test_overnight_interval(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        calendar = await create(
            client, desk, intervals=[{"weekday": 4, "start": "22:00", "end": "06:00"}]
        )
        # Friday 23:00 + 120 minutes runs past midnight into Saturday.
        assert await due_at(client, desk, calendar, "2026-03-06T23:00:00Z", 120) == utc(
            2026, 3, 7, 1
        )

    async def test_24_00_end_runs_to_midnight(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(
            client,
            desk,
            intervals=[
                {"weekday": 0, "start": "18:00", "end": "24:00"},
                {"weekday": 1, "start": "00:00", "end": "01:00"},
            ],
        )
        assert await due_at(client, desk, calendar, "2026-03-09T23:30:00Z", 60) == utc(
            2026, 3, 10, 0, 30
        )

    async def test_more_than_the_horizon_holds_is_422(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await deadline(client, desk, calendar, FRIDAY_1630, 5_256_000)
        assert_problem(r, 422, "calendar-never-opens")

    @pytest.mark.parametrize(
        ("start", "minutes"),
        [
            ("2026-03-06T16:30:00", 60),  # naive: no offset
            ("2026-03-06", 60),
            ("yesterday", 60),
            ("", 60),
            ("2026-03-06T16:30:00Z\x00", 60),
            (FRIDAY_1630, -1),
            (FRIDAY_1630, "ten"),
            (FRIDAY_1630, "nan"),
            (FRIDAY_1630, "inf"),
            (FRIDAY_1630, 5_256_001),
        ],
        ids=[
            "naive",
            "date-only",
            "word",
            "empty",
            "nul",
            "negative",
            "word-minutes",
            "nan",
            "inf",
            "too-many",
        ],
    )
    async def test_bad_query_is_422(
        self, client: AsyncClient, session: AsyncSession, start: str, minutes: Any
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await deadline(client, desk, calendar, start, minutes)
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize("missing", ["start", "minutes"])
    async def test_missing_query_is_422(
        self, client: AsyncClient, session: AsyncSession, missing: str
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        params: dict[str, str | int] = {"start": FRIDAY_1630, "minutes": 60}
        del params[missing]
        r = await client.get(
            desk.url(f"/calendars/{calendar['id']}/deadline"),
            params=params,
            headers=desk.headers["agent"],
        )
        assert_problem(r, 422, "validation-error")

    @pytest.mark.parametrize(
        "start",
        [
            "0001-01-01T00:00:00+01:00",
            "0001-01-01T00:00:00-01:00",
            "9999-12-31T23:59:59-05:00",
            "9999-12-31T23:00:00Z",
        ],
        ids=["year-1-east", "year-1-west", "past-9999-in-utc", "end-of-9999"],
    )
    async def test_instants_at_the_edge_of_time_are_never_500(
        self, client: AsyncClient, session: AsyncSession, start: str
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        for minutes in (0, 60):
            r = await deadline(client, desk, calendar, start, minutes)
            assert r.status_code in (200, 422), r.text
            if r.status_code == 422:
                assert_problem(r, 422)
        r = await business_minutes(client, desk, calendar, start, "2026-01-01T00:00:00Z")
        assert r.status_code in (200, 422), r.text

    @pytest.mark.parametrize(
        "start", ["0002-01-01T00:00:00Z", "9998-12-30T00:00:00+14:00"], ids=["earliest", "latest"]
    )
    async def test_instants_inside_the_supported_range_answer(
        self, client: AsyncClient, session: AsyncSession, start: str
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await deadline(client, desk, calendar, start, 60)
        assert r.status_code in (200, 422), r.text
        if r.status_code == 422:  # too close to 9999 for a whole hour of office time
            assert_problem(r, 422, "deadline-out-of-range")
        r = await business_minutes(client, desk, calendar, start, "2026-01-01T00:00:00Z")
        if start.startswith("0002"):  # millennia apart: refused as unbounded work
            assert_problem(r, 422, "span-too-long")
        else:  # end before start: nothing to count
            assert r.status_code == 200 and r.json()["minutes"] == 0, r.text

    @pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    @pytest.mark.parametrize(
        ("start", "minutes"),
        [
            ("9998-12-30T00:00:00Z", 600_000),  # was a 500: "year 10000 is out of range"
            ("9998-12-31T00:00:00Z", 5_256_000),
            ("9998-12-31T00:00:00+14:00", 600_000),
            ("9990-06-01T00:00:00Z", 5_256_000),
        ],
    )
    async def test_a_deadline_after_9999_is_a_422_problem(
        self, client: AsyncClient, session: AsyncSession, zone: str, start: str, minutes: int
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk, time_zone=zone)
        r = await deadline(client, desk, calendar, start, minutes)
        assert_problem(r, 422, "deadline-out-of-range")

    async def test_country_holidays_close_the_day_in_any_year(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk, time_zone="America/New_York", holiday_country="US")
        with frozen(utc(2026, 6, 1)):
            # Tuesday 3 July 2040 16:30 EDT: Independence Day is a Wednesday (it used to count:
            # holidays were known only from last year to five years ahead).
            assert await due_at(client, desk, calendar, "2040-07-03T16:30:00-04:00", 60) == (
                utc(2040, 7, 5, 13, 30)
            )
            # Wednesday 3 July 2019, before "now": Thursday the 4th is closed too.
            assert await due_at(client, desk, calendar, "2019-07-03T16:30:00-04:00", 60) == (
                utc(2019, 7, 5, 13, 30)
            )
            r = await business_minutes(
                client, desk, calendar, "2040-07-04T00:00:00-04:00", "2040-07-05T00:00:00-04:00"
            )
            assert r.status_code == 200 and r.json()["minutes"] == 0, r.text


class TestBusinessMinutesNearTheEndOfTime:
    @pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    @pytest.mark.parametrize(
        ("start", "end"),
        [
            ("9998-12-30T00:00:00Z", "9998-12-31T00:00:00Z"),
            ("9998-12-21T00:00:00+14:00", "9998-12-31T00:00:00Z"),
            ("0002-01-01T00:00:00Z", "0002-01-11T00:00:00-11:00"),
        ],
    )
    async def test_business_minutes_near_the_year_bounds_answer(
        self, client: AsyncClient, session: AsyncSession, zone: str, start: str, end: str
    ) -> None:
        desk = await make_desk(session)
        around_the_clock = [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)]
        calendar = await create(client, desk, time_zone=zone, intervals=around_the_clock)
        r = await business_minutes(client, desk, calendar, start, end)
        assert r.status_code == 200, r.text
        assert (
            r.json()["minutes"]
            == (ts(r.json()["end"]) - ts(r.json()["start"])).total_seconds() / 60
        )


class TestBusinessMinutes:
    async def test_friday_afternoon_to_monday_morning(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await business_minutes(client, desk, calendar, FRIDAY_1630, "2026-03-09T09:30:00Z")
        assert r.status_code == 200, r.text
        body = r.json()
        assert ts(body["start"]) == utc(2026, 3, 6, 16, 30)
        assert ts(body["end"]) == utc(2026, 3, 9, 9, 30)
        assert body["minutes"] == 60

    async def test_matches_the_deadline(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk, holidays=[{"date": "2026-03-09"}])
        for start, minutes in [(FRIDAY_1630, 60), ("2026-03-27T16:30:00Z", 600), (FRIDAY_1630, 1)]:
            due = await due_at(client, desk, calendar, start, minutes)
            assert due is not None
            assert await minutes_in(client, desk, calendar, start, due.isoformat()) == minutes

    async def test_holiday_counts_nothing(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk, holidays=[{"date": "2026-03-09"}])
        assert (
            await minutes_in(client, desk, calendar, "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")
            == 0
        )
        assert (
            await minutes_in(client, desk, calendar, "2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z")
            == 480
        )

    async def test_across_the_march_dst_change(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        office_calendar = await create(client, desk)
        assert (
            await minutes_in(
                client, desk, office_calendar, "2026-03-27T16:30:00Z", "2026-03-30T08:30:00Z"
            )
            == 60
        )
        around_the_clock = await create(
            client,
            desk,
            name="24x7",
            intervals=[{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)],
        )
        # Business time is real elapsed time: three hours, though the wall clock moved four.
        assert (
            await minutes_in(
                client, desk, around_the_clock, "2026-03-29T00:00:00Z", "2026-03-29T03:00:00Z"
            )
            == 180
        )
        sunday_night = await create(
            client,
            desk,
            name="Sunday small hours",
            intervals=[{"weekday": 6, "start": "00:00", "end": "03:00"}],
        )
        assert (
            await minutes_in(
                client, desk, sunday_night, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"
            )
            == 120
        )

    async def test_overnight_interval_and_a_holiday_on_the_next_date(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        friday_night = [{"weekday": 4, "start": "22:00", "end": "06:00"}]
        calendar = await create(client, desk, intervals=friday_night)
        window = ("2026-03-06T20:00:00Z", "2026-03-07T12:00:00Z")
        assert await minutes_in(client, desk, calendar, *window) == 480
        closed_saturday = await create(
            client, desk, intervals=friday_night, holidays=[{"date": "2026-03-07"}]
        )
        # The after-midnight part belongs to Saturday, which is a holiday.
        assert await minutes_in(client, desk, closed_saturday, *window) == 120

    async def test_overlapping_intervals_union(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(
            client,
            desk,
            intervals=[
                {"weekday": 0, "start": "09:00", "end": "12:00"},
                {"weekday": 0, "start": "11:00", "end": "13:00"},
            ],
        )
        assert (
            await minutes_in(client, desk, calendar, "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")
            == 240
        )

    async def test_end_before_start_is_zero(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        assert (
            await minutes_in(client, desk, calendar, "2026-03-04T12:00:00Z", "2026-03-04T10:00:00Z")
            == 0
        )
        assert (
            await minutes_in(client, desk, calendar, "2026-03-04T12:00:00Z", "2026-03-04T12:00:00Z")
            == 0
        )

    async def test_fractional_minutes(self, client: AsyncClient, session: AsyncSession) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        assert (
            await minutes_in(client, desk, calendar, "2026-03-04T10:00:00Z", "2026-03-04T10:00:30Z")
            == 0.5
        )

    @pytest.mark.parametrize(
        "params",
        [
            {"start": "2026-03-04T10:00:00", "end": "2026-03-04T12:00:00Z"},
            {"start": "2026-03-04T10:00:00Z", "end": "2026-03-04T12:00:00"},
            {"start": "2026-03-04T10:00:00Z"},
            {"end": "2026-03-04T12:00:00Z"},
            {"start": "soon", "end": "later"},
        ],
        ids=["naive-start", "naive-end", "no-end", "no-start", "words"],
    )
    async def test_bad_query_is_422(
        self, client: AsyncClient, session: AsyncSession, params: dict[str, str]
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        r = await client.get(
            desk.url(f"/calendars/{calendar['id']}/business-minutes"),
            params=params,
            headers=desk.headers["agent"],
        )
        assert_problem(r, 422, "validation-error")

    async def test_members_of_every_role_may_ask(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        desk = await make_desk(session)
        calendar = await create(client, desk)
        for who in ("agent", "supervisor", "admin", "org_owner"):
            r = await client.get(
                desk.url(f"/calendars/{calendar['id']}/business-minutes"),
                params={"start": FRIDAY_1630, "end": "2026-03-09T09:30:00Z"},
                headers=desk.headers[who],
            )
            assert r.status_code == 200, (who, r.text)


class TestBusinessMinutesSpan:
    async def test_more_than_ten_years_is_422(self, client, session) -> None:  # type: ignore[no-untyped-def]
        from tests.escalation_helpers import make_desk

        desk = await make_desk(session)
        r = await client.post(
            desk.url("/calendars"),
            json={
                "name": "24x7",
                "time_zone": "UTC",
                "intervals": [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)],
            },
            headers=desk.headers["admin"],
        )
        assert r.status_code == 201, r.text
        r = await client.get(
            desk.url(f"/calendars/{r.json()['id']}/business-minutes"),
            params={"start": "2000-01-01T00:00:00Z", "end": "2100-01-01T00:00:00Z"},
            headers=desk.headers["admin"],
        )
        assert r.status_code == 422 and r.json()["type"].endswith("/span-too-long")
