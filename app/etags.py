"""ETag out, If-Match in: the HTTP side of app/services/_versions.py."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Header, Response

from app.services._versions import version_of


def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            description='Change it only if its ETag is still one of these (`"*"`: if it exists); '
            "409 `stale-if-match` otherwise."
        ),
    ] = None,
) -> list[str] | None:
    if if_match is None:
        return None
    tags = []
    for part in if_match.split(","):
        tag = part.strip()
        # A weak tag never matches If-Match (RFC 9110, 13.1.1); ours are all strong.
        if tag and not tag.startswith("W/"):
            tags.append(tag if tag == "*" else tag.strip('"'))
    return tags


IfMatch = Annotated[list[str] | None, Depends(_if_match)]


def set_etag(response: Response, updated_at: datetime | None) -> None:
    response.headers["ETag"] = f'"{version_of(updated_at)}"'


# For the OpenAPI document: the routes that send an ETag say so.
ETAG_HEADER = {
    "ETag": {
        "description": "The version of what was returned; send it back in If-Match to change it "
        "only if nobody else has meanwhile",
        "schema": {"type": "string"},
    }
}
