"""The engine's rule list (app/services/rules/engine.py `load`): kept per organisation and
trigger under a digest of the rules' ids, order and versions, so it must follow every change."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.rules import Rule, Trigger
from app.services.rules import engine
from tests.factories import make_org

KEYWORD = {"type": "keywords", "any_of": ["refund"]}
TAG = [{"type": "add_tag", "tag": "money"}]


async def _names(session: AsyncSession, rule: Rule) -> list[str]:
    rules = await engine.load(session, org_id=rule.org_id, trigger=Trigger.message_received)
    return [f"{r.name}@{r.version}" for r in rules]


class TestLoad:
    async def test_the_list_follows_edits_switches_order_and_deletes(
        self, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        a, b = (
            Rule(
                org_id=org.id,
                name=name,
                trigger=Trigger.message_received,
                position=position,
                conditions=KEYWORD,
                actions=TAG,
            )
            for position, name in enumerate("ab")
        )
        session.add_all([a, b])
        await session.flush()
        assert await _names(session, a) == ["a@1", "b@1"]
        assert await _names(session, a) == ["a@1", "b@1"]  # the kept list

        b.name, b.version = "b2", 2
        await session.flush()
        assert await _names(session, a) == ["a@1", "b2@2"]

        a.enabled = False
        await session.flush()
        assert await _names(session, a) == ["b2@2"]
        a.enabled = True  # back as it was: the same digest as the first list, and its answer
        await session.flush()
        assert await _names(session, a) == ["a@1", "b2@2"]

        a.position, b.position = 1, 0
        await session.flush()
        assert await _names(session, a) == ["b2@2", "a@1"]

        await session.delete(b)
        await session.flush()
        assert await _names(session, a) == ["a@1"]
        await session.delete(a)
        await session.flush()
        assert await _names(session, a) == []

    async def test_other_triggers_and_organisations_are_apart(self, session: AsyncSession) -> None:
        org, other = await make_org(session), await make_org(session)
        session.add_all(
            [
                Rule(
                    org_id=org.id,
                    name="mine",
                    trigger=Trigger.message_received,
                    position=0,
                    conditions=KEYWORD,
                    actions=TAG,
                ),
                Rule(
                    org_id=other.id,
                    name="theirs",
                    trigger=Trigger.message_received,
                    position=0,
                    conditions=KEYWORD,
                    actions=TAG,
                ),
            ]
        )
        await session.flush()
        mine = await engine.load(session, org_id=org.id, trigger=Trigger.message_received)
        theirs = await engine.load(session, org_id=other.id, trigger=Trigger.message_received)
        assert [r.name for r in mine] == ["mine"] and [r.name for r in theirs] == ["theirs"]
        assert await engine.load(session, org_id=org.id, trigger=Trigger.escalation_updated) == []
