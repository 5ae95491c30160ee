#!/usr/bin/env python3
"""External indicator: rolling z-score of the close over `period` candles.

Outputs (declare them in the strategy: outputs: [z, mean]):
  z     (close - mean) / standard deviation of the last `period` closes (null until `period` candles)
  mean  the mean of the last `period` closes
The value stamped at a candle uses that candle's close and earlier ones only.
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "components", "python"))
import baton_component as baton  # noqa: E402


def compute(ctx, series):
    period = int(ctx.params.get("period", 20))
    if period < 2:
        baton.fail(f"period must be at least 2, got {period}")
    for symbol, candles in series.items():
        window, total, squares = [], 0.0, 0.0
        for c in candles:
            window.append(c.close)
            total += c.close
            squares += c.close * c.close
            if len(window) > period:
                old = window.pop(0)
                total -= old
                squares -= old * old
            if len(window) < period:
                baton.emit_values(c.ts, symbol, z=None, mean=None)
                continue
            mean = total / period
            var = max(squares / period - mean * mean, 0.0)
            std = math.sqrt(var)
            baton.emit_values(c.ts, symbol, z=(c.close - mean) / std if std > 0 else 0.0, mean=mean)


baton.run(compute)
