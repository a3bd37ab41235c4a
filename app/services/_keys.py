"""Keys derived from SECRET_KEY, one per purpose (HKDF), so no two features share a key: a token
minted for one (an email action link, a Slack link) can never pass for another's."""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.config import get_settings


@lru_cache(maxsize=16)
def _derive(secret_key: str, purpose: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"escalations:" + purpose)
    return hkdf.derive(secret_key.encode())


def derived_key(purpose: bytes) -> bytes:
    return _derive(get_settings().secret_key.get_secret_value(), purpose)


def fernet(purpose: bytes) -> Fernet:
    """For secrets stored encrypted at rest (a copy of the database alone cannot read them)."""
    return Fernet(base64.urlsafe_b64encode(derived_key(purpose)))


def seal(purpose: bytes, plaintext: str) -> str:
    return fernet(purpose).encrypt(plaintext.encode()).decode()


def unseal(purpose: bytes, token: str) -> str | None:
    """The plaintext, or None when it was sealed under another SECRET_KEY (it must then be
    entered again)."""
    try:
        return fernet(purpose).decrypt(token.encode()).decode()
    except InvalidToken:
        return None
