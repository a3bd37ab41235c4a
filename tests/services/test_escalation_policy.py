"""The escalation policy is read once per transaction (services/escalation_policy.get keeps it
on the session), and never served stale: a change through the service is read back at once."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.base import utcnow
from app.services import escalation_policy
from tests.factories import make_org


def _keys(view: escalation_policy.PolicyView) -> list[str]:
    return [c["key"] for c in view.categories]


class TestGet:
    async def test_a_replaced_policy_is_read_again_in_the_same_transaction(
        self, session: AsyncSession
    ) -> None:
        org_id = (await make_org(session)).id  # replace() expires what the session holds
        assert _keys(await escalation_policy.get(session, org_id=org_id)) == [
            "service",
            "accounting",
            "other",
        ]
        categories = [
            {"key": "billing", "name": "Billing", "recipients": []},
            {"key": "other", "name": "Other", "recipients": []},
        ]
        await escalation_policy.replace(
            session, org_id=org_id, categories=categories, default_recipients=[], now=utcnow()
        )
        assert _keys(await escalation_policy.get(session, org_id=org_id)) == ["billing", "other"]

    async def test_a_savepoint_keeps_it_and_the_transactions_end_forgets_it(
        self, session: AsyncSession
    ) -> None:
        org = await make_org(session)
        await escalation_policy.get(session, org_id=org.id)
        async with session.begin_nested():
            await escalation_policy.get(session, org_id=org.id)
        assert org.id in session.info["escalation_policy"]
        await session.commit()
        assert "escalation_policy" not in session.info
