"""Benchmarks for issue 6 (run `python -m bench.run`; see bench/README.md).

Plain scripts, never timed assertions in the test suite: `tests/test_bench_smoke.py` only
runs them at tiny sizes so that they keep working.
"""
