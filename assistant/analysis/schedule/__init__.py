"""Production scheduling: the stripboard, an optimal shooting schedule (OR-Tools CP-SAT),
day-out-of-days, call sheets and exports (docs/schedule.md); ``talent.py`` is the ordering core,
proved on the classic talent-scheduling instances by ``scripts/bench_schedule.py``."""
