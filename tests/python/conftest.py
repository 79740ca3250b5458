"""Fixtures of the Python module's tests (run by ctest as the test `python`).

- `cadenza`: the module; skips every test when it is not built, fails instead under ctest
  (CADENZA_PYTHON_REQUIRED=1), where the build made it.
- `shared_data(relative)`: a path under ../shared/data (or $CADENZA_SHARED_DATA), skipping
  with a message when it is absent and failing when CADENZA_REQUIRE_DATA=1 (CI): the rule of
  tests/support/shared_data.h.
- `cli(*args)`: runs the built `cadenza` program ($CADENZA_CLI, else build/app/cadenza), whose
  output is what the module must reproduce.
- `ticks_inside(call)`: how often another thread ran while `call` was inside C++ (the GIL released).
"""
import os
import pathlib
import subprocess
import threading
import time

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]


def _missing(reason):
    if os.environ.get("CADENZA_REQUIRE_DATA") == "1":
        pytest.fail(reason + " (CADENZA_REQUIRE_DATA=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def cadenza():
    try:
        import cadenza as module
    except ImportError as error:
        reason = (f"the cadenza module is not built or not on PYTHONPATH ({error}); build it "
                  "and run with PYTHONPATH=build/python")
        if os.environ.get("CADENZA_PYTHON_REQUIRED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return module


@pytest.fixture(scope="session")
def shared_data():
    root = pathlib.Path(os.environ.get("CADENZA_SHARED_DATA") or REPOSITORY / ".." / "shared" / "data")

    def find(relative):
        path = root / relative
        if not path.exists():
            _missing(f"shared data not found: {path} (set CADENZA_SHARED_DATA to the "
                     "shared/data folder)")
        return path

    return find


@pytest.fixture(scope="session")
def cli():
    program = pathlib.Path(os.environ.get("CADENZA_CLI") or REPOSITORY / "build" / "app" / "cadenza")
    if not program.is_file():
        reason = f"the cadenza program is not built: {program}"
        if os.environ.get("CADENZA_PYTHON_REQUIRED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)

    def run(*args, check=True):
        result = subprocess.run([str(program), *map(str, args)], capture_output=True, text=True)
        if check and result.returncode != 0:
            raise AssertionError(f"cadenza {' '.join(map(str, args))} exited "
                                 f"{result.returncode}: {result.stderr}")
        return result

    return run


@pytest.fixture(scope="session")
def ticks_inside():
    """`ticks_inside(call)`: how often another Python thread ran while `call()` was inside C++.

    A second thread appends a tick every 5 ms. `call` is repeated until 0.25 s have passed, so that a
    call that has become fast still gives the ticker room; only ticks at least 10 ms inside one call
    count. A call that holds the GIL throughout leaves none."""

    def measure(call, at_least=0.25, margin=0.01):
        ticks, stop, calls = [], threading.Event(), []

        def tick():
            while not stop.is_set():
                ticks.append(time.perf_counter())
                time.sleep(0.005)

        ticker = threading.Thread(target=tick)
        ticker.start()
        try:  # a call that raises must not leave the ticker running (pytest would wait for it)
            time.sleep(0.02)
            first = time.perf_counter()
            while not calls or calls[-1][1] - first < at_least:
                start = time.perf_counter()
                call()
                calls.append((start, time.perf_counter()))
        finally:
            stop.set()
            ticker.join()
        return sum(1 for t in ticks for start, end in calls if start + margin < t < end - margin)

    return measure
