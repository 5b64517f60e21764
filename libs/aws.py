"""AWS clients, built one way for every adapter, and called without blocking the event loop.

boto3 is synchronous: every call goes through :func:`call`, which runs it in a worker thread.
Clients are created in an app's lifespan (never at import time) from the settings' region and
optional endpoint (moto's server in tests and in ``make dev-aws``).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import boto3
from botocore.config import Config

from libs.settings import Settings

T = TypeVar("T")

_CONFIG = Config(
    retries={"max_attempts": 3, "mode": "standard"},
    connect_timeout=2,
    read_timeout=10,
    max_pool_connections=50,
)


def client(settings: Settings, service: str) -> Any:
    """A boto3 client for ``service`` in the configured region (and endpoint, if any)."""
    session = boto3.session.Session()
    return session.client(
        service,  # type: ignore[call-overload]
        region_name=settings.aws_region,
        endpoint_url=settings.aws_endpoint_url,
        config=_CONFIG,
    )


async def call(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a blocking boto3 call in a thread."""
    return await asyncio.to_thread(functools.partial(fn, *args, **kwargs))


def s3_client(settings: Settings) -> Any:
    """An S3 client that signs and presigns with Signature Version 4 (S3 refuses SigV2 on
    buckets created since 2020, and botocore still presigns with SigV2 unless told)."""
    session = boto3.session.Session()
    return session.client(
        "s3",
        region_name=settings.aws_region,
        endpoint_url=settings.aws_endpoint_url,
        config=_CONFIG.merge(Config(signature_version="s3v4")),
    )
