"""Secrets the application must read back (an identity provider's client secret), encrypted at
rest with a key derived from SECRET_KEY for one purpose each, so a database dump alone reveals
none of them. Changing SECRET_KEY makes them unreadable: they must then be entered again."""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.config import get_settings


@lru_cache(maxsize=16)
def _fernet(secret_key: str, purpose: str) -> Fernet:
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"escalations:{purpose}".encode()
    )
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(secret_key.encode())))


def _box(purpose: str) -> Fernet:
    return _fernet(get_settings().secret_key.get_secret_value(), purpose)


def seal(purpose: str, plaintext: str) -> str:
    return _box(purpose).encrypt(plaintext.encode()).decode()


def open_sealed(purpose: str, token: str) -> str | None:
    """The plaintext, or None when it was sealed under another SECRET_KEY."""
    try:
        return _box(purpose).decrypt(token.encode()).decode()
    except InvalidToken:
        return None
