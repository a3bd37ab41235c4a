"""Building blocks shared by every domain's schemas."""

from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints


def no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text; refuse it here with a clear 422 instead.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(no_nul),
]
ShortText = Annotated[str, StringConstraints(max_length=2000), AfterValidator(no_nul)]
RequiredText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(no_nul),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=10000),
    AfterValidator(no_nul),
]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list; pass `next_cursor` back as `?cursor=` for the next one (null: no more)."""

    items: list[T]
    next_cursor: str | None


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)
