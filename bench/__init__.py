"""Benchmarks that generate their own data (run them by hand, not in the test suite)."""
