#!/usr/bin/env python3
"""External signal: momentum breakouts.

Fires `long` on the candle where the return over `lookback` candles rises through +threshold, and `short`
where it falls through -threshold; strength is the size of that return. Read it in rules as
momentum.long, momentum.short, momentum.strength (or momentum for either).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "components", "python"))
import baton_component as baton  # noqa: E402


def compute(ctx, series):
    lookback = int(ctx.params.get("lookback", 12))
    threshold = float(ctx.params.get("threshold", 0.01))
    for symbol, candles in series.items():
        side = 0
        for i in range(lookback, len(candles)):
            change = candles[i].close / candles[i - lookback].close - 1
            now = 1 if change > threshold else -1 if change < -threshold else 0
            if now != 0 and now != side:
                baton.emit_signal(candles[i].ts, symbol, "long" if now > 0 else "short", strength=abs(change))
            side = now


baton.run(compute)
