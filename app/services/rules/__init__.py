"""Rules: ordered if/then per organisation, run on incoming messages and escalation changes.

Modules (import them by name; this package re-exports nothing, so that `approvals`, which the
escalation lifecycle uses, loads without pulling in the engine that uses the lifecycle):
`conditions` and `evaluation` (pure: compile and evaluate), `actions` (what a fired rule does),
`engine` (a chain of events in one transaction, audited), `manage` (CRUD, ordering, versions),
`dry_run`, `history`, `approvals` (restricted inboxes) and `triggers` (where events meet rules).
"""
