"""A per-client token bucket: generous by default, so a clinic behind one NAT is not held back."""

from __future__ import annotations

import time


class TokenBucket:
    """``rate`` requests per second on average, bursts up to ``burst``, per key."""

    def __init__(self, rate: float, burst: int, max_keys: int = 100_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._state: dict[str, tuple[float, float]] = {}

    def take(self, key: str, now: float | None = None) -> float:
        """Spend one token; return 0 if allowed, else seconds until one is available."""
        now = time.monotonic() if now is None else now
        tokens, last = self._state.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            if len(self._state) >= self.max_keys and key not in self._state:
                self._state.clear()  # bounded memory; a reset only ever allows more
            self._state[key] = (tokens - 1.0, now)
            return 0.0
        self._state[key] = (tokens, now)
        return (1.0 - tokens) / self.rate
