from enum import StrEnum


class PreferencesMutedChannelsItem(StrEnum):
    EMAIL = "email"
    IN_APP = "in_app"

    def __str__(self) -> str:
        return str(self.value)
