from enum import StrEnum


class SecurityEventKind(StrEnum):
    API_KEY_CREATED = "api_key_created"
    API_KEY_REVOKED = "api_key_revoked"
    BACKUP_CODES_REGENERATED = "backup_codes_regenerated"
    BACKUP_CODE_USED = "backup_code_used"
    PASSWORD_CHANGED = "password_changed"
    SESSION_ENDED = "session_ended"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    TWO_FACTOR_DISABLED = "two_factor_disabled"
    TWO_FACTOR_ENROLLED = "two_factor_enrolled"
    TWO_FACTOR_FAILED = "two_factor_failed"
    TWO_FACTOR_REQUIREMENT_CHANGED = "two_factor_requirement_changed"

    def __str__(self) -> str:
        return str(self.value)
