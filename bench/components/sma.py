#!/usr/bin/env python3
"""Benchmark component: the simple moving average of the close over `period` candles, written with the
helper module like any user component (running sum; null until `period` candles)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "components", "python"))
import baton_component as baton  # noqa: E402


def compute(ctx, series):
    period = int(ctx.params.get("period", 10))
    for symbol, candles in series.items():
        total = 0.0
        for i, c in enumerate(candles):
            total += c.close
            if i >= period:
                total -= candles[i - period].close
            baton.emit_values(c.ts, symbol, value=total / period if i >= period - 1 else None)


baton.run(compute)
