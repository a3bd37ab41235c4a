"""The SLA engine: business calendars, policies, deadlines and the checks the worker runs."""
