#!/usr/bin/env python3
"""External indicator: relative volume (volume / mean volume of the previous `period` candles).

Reads its candles from PostgreSQL when Baton gives it a query (BATON_DATA_URI and BATON_DATA_QUERY: set
`query:` and `database:` on the component, or use `data: source` with a postgres strategy); otherwise it
reads the window file Baton writes. It needs psql for the query; without a query it needs nothing.
The query must return the columns symbol, ts, open, high, low, close, volume.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "components", "python"))
import baton_component as baton  # noqa: E402


def compute(ctx, series):
    period = int(ctx.params.get("period", 24))
    for symbol, candles in series.items():
        total = 0.0
        for i, c in enumerate(candles):
            if i >= period:
                mean = total / period
                baton.emit_values(c.ts, symbol, value=c.volume / mean if mean > 0 else None)
                total -= candles[i - period].volume
            else:
                baton.emit_values(c.ts, symbol, value=None)
            total += c.volume


ctx = baton.context()
if ctx.data_query and ctx.data_uri:
    baton.log(f"reading candles from PostgreSQL ({ctx.data_uri.split('@')[-1]})")
elif ctx.data_query:
    baton.log("a query was given but no database URI; reading the window file")
else:
    baton.log("no PostgreSQL query given; reading the window file")
baton.run(compute)
