"""Helpers for Baton external components (standard library only).

A component is a program Baton starts with BATON_* environment variables; it prints one JSON object per
line on stdout. This module reads the environment and the candles, and writes valid lines:

    import baton_component as baton

    def compute(ctx, series):                 # series: {symbol: [Candle, ...]} in time order
        n = int(ctx.params.get("period", 20))
        for symbol, candles in series.items():
            closes = [c.close for c in candles]
            for i, c in enumerate(candles):
                value = sum(closes[i - n + 1:i + 1]) / n if i >= n - 1 else None
                baton.emit_values(c.ts, symbol, value=value)

    baton.run(compute)

`run` handles every mode: a backtest (the whole window at once), live with a window file (the last N
candles; only lines for the newest candle are kept), and live as a long-running process reading candles as
JSON lines on stdin (it acknowledges each one). The protocol is documented in docs/components.md.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import namedtuple
from datetime import datetime, timezone

__all__ = ["Candle", "Context", "context", "candles", "by_symbol", "emit_values", "emit_signal", "flush", "log", "fail",
           "run", "stream", "ack", "parse_time"]

Candle = namedtuple("Candle", "symbol ts open high low close volume")
Candle.__doc__ = "One candle; ts is its open time in Unix milliseconds UTC."

Context = namedtuple("Context", "id type mode symbols timeframe timeframe_ms start end data_source data_path data_uri "
                                "data_query params outputs live window_bars strategy")

_out = sys.stdout
_pending = []            # lines not yet written: written in chunks, far faster than a write per line
_symbol_json = {}
_key_json = {}
_day_ms = {}
_emit_from = None  # live: lines stamped before the newest candle are not written
_TIME_COLUMNS = ("timestamp", "time", "date", "datetime", "ts")


def log(message):
    """Writes a line to stderr; Baton logs it."""
    print(message, file=sys.stderr, flush=True)


def fail(message, code=2):
    """Writes the reason to stderr and exits non-zero: Baton logs an error and applies on_error."""
    log(message)
    sys.exit(code)


def context():
    """The BATON_* environment as a Context (params parsed from JSON, lists split)."""
    env = os.environ
    try:
        params = json.loads(env.get("BATON_PARAMS") or "{}")
    except ValueError as e:
        fail(f"BATON_PARAMS is not valid JSON: {e}")
    return Context(
        id=env.get("BATON_COMPONENT_ID", "component"),
        type=env.get("BATON_COMPONENT_TYPE", "indicator"),
        mode=env.get("BATON_MODE", "backtest"),
        symbols=[s for s in env.get("BATON_SYMBOLS", "").split(",") if s],
        timeframe=env.get("BATON_TIMEFRAME", ""),
        timeframe_ms=int(env.get("BATON_TIMEFRAME_MS") or 0),
        start=env.get("BATON_FROM") or None,
        end=env.get("BATON_TO") or None,
        data_source=env.get("BATON_DATA_SOURCE", "window"),
        data_path=env.get("BATON_DATA_PATH") or None,
        data_uri=env.get("BATON_DATA_URI") or None,
        data_query=env.get("BATON_DATA_QUERY") or None,
        params=params,
        outputs=[o for o in env.get("BATON_OUTPUTS", "").split(",") if o],
        live=env.get("BATON_LIVE") or None,
        window_bars=int(env.get("BATON_WINDOW_BARS") or 0),
        strategy=env.get("BATON_STRATEGY") or None,
    )


def parse_time(text):
    """An ISO-8601 date or date-time (UTC unless it has an offset) or an integer epoch (s/ms/us/ns by
    magnitude, as Baton reads CSV files), as Unix milliseconds."""
    text = str(text).strip()
    if text.lstrip("-").isdigit():
        n = int(text)
        a = abs(n)
        if a < 10**11:
            return n * 1000
        if a < 10**14:
            return n
        if a < 10**17:
            return n // 1000
        return n // 1_000_000
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    if len(text) > 10 and text[10] == " ":
        text = text[:10] + "T" + text[11:]
    if len(text) >= 3 and text[-3] in "+-" and text[-2:].isdigit() and "T" in text:   # PostgreSQL's +00
        text += ":00"
    t = datetime.fromisoformat(text)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return int(round(t.timestamp() * 1000))


def _fast_time(text):
    """parse_time for the forms Baton writes (2024-01-01T05:00:00Z, 2024-01-01), with midnights cached."""
    if len(text) == 20 and text[10] == "T" and text[19] == "Z":
        day = _day_ms.get(text[:10])
        if day is None:
            day = _day_ms[text[:10]] = parse_time(text[:10])
        return day + (int(text[11:13]) * 3600 + int(text[14:16]) * 60 + int(text[17:19])) * 1000
    if len(text) == 10 and text[4] == "-":
        day = _day_ms.get(text)
        if day is None:
            day = _day_ms[text] = parse_time(text)
        return day
    return parse_time(text)


def _read_csv(lines, default_symbol, wanted):
    reader = csv.reader(lines)
    header = [h.strip().lower() for h in next(reader, [])]
    try:
        t = next(i for i, h in enumerate(header) if h in _TIME_COLUMNS)
        o, h, l, c, v = (header.index(k) for k in ("open", "high", "low", "close", "volume"))
    except (StopIteration, ValueError):
        fail(f"candle data: expected columns timestamp,open,high,low,close,volume (and symbol), got {','.join(header)}")
    s = header.index("symbol") if "symbol" in header else None
    for row in reader:
        if not row:
            continue
        symbol = row[s] if s is not None else default_symbol
        if wanted and symbol not in wanted:
            continue
        yield Candle(symbol, _fast_time(row[t]), float(row[o]), float(row[h]), float(row[l]), float(row[c]), float(row[v]))


def _read_parquet(path, default_symbol, wanted):
    try:
        import pyarrow.parquet as pq  # optional: not in the standard library
    except ImportError:
        fail("reading Parquet needs the pyarrow module (pip install pyarrow); or give the component data: window")
    table = pq.read_table(path).to_pydict()
    columns = {k.lower(): k for k in table}
    tcol = next((columns[k] for k in _TIME_COLUMNS if k in columns), None)
    if tcol is None:
        fail(f"{path}: no timestamp column (columns: {', '.join(table)})")
    for i in range(len(table[tcol])):
        symbol = table[columns["symbol"]][i] if "symbol" in columns else default_symbol
        if wanted and symbol not in wanted:
            continue
        ts = table[tcol][i]
        ts = int(ts.timestamp() * 1000) if hasattr(ts, "timestamp") else parse_time(ts)
        yield Candle(symbol, ts, *(float(table[columns[k]][i]) for k in ("open", "high", "low", "close", "volume")))


def query_csv(uri, query):
    """Runs `query` on PostgreSQL at `uri` with psql and returns its result as CSV text (with a header)."""
    if shutil.which("psql") is None:
        fail("PostgreSQL query given but psql is not installed; install the PostgreSQL client or give the component data: window")
    copy = f"COPY ({query.strip().rstrip(';')}) TO STDOUT WITH (FORMAT csv, HEADER)"
    done = subprocess.run(["psql", uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", copy],
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        fail("PostgreSQL query failed: " + (done.stderr.strip().splitlines() or ["psql exited with code %d" % done.returncode])[-1])
    return done.stdout


def candles(ctx=None):
    """Every candle of the run, in the order of the data (time order; symbols interleaved when several)."""
    ctx = ctx or context()
    default = ctx.symbols[0] if len(ctx.symbols) == 1 else None
    wanted = set(ctx.symbols)
    source = ctx.data_source
    if source == "postgres" or (ctx.data_query and ctx.data_uri and source != "parquet"):
        if not (ctx.data_uri and ctx.data_query):
            fail("BATON_DATA_SOURCE is postgres but BATON_DATA_URI or BATON_DATA_QUERY is empty")
        return _read_csv(io.StringIO(query_csv(ctx.data_uri, ctx.data_query)), default, wanted)
    if not ctx.data_path:
        fail(f"BATON_DATA_PATH is empty (data source {source})")
    if source == "parquet":
        return _read_parquet(ctx.data_path, default, wanted)
    return _read_csv(open(ctx.data_path, newline="", encoding="utf-8"), default, wanted)


def by_symbol(ctx=None):
    """{symbol: [Candle, ...]} for every symbol of the run, each in time order."""
    ctx = ctx or context()
    series = {s: [] for s in ctx.symbols}
    for c in candles(ctx):
        series.setdefault(c.symbol, []).append(c)
    for s in series.values():
        s.sort(key=lambda c: c.ts)
    return series


def _number(v):
    if v is None:
        return "null"
    v = float(v)
    return repr(v) if v - v == 0 else "null"   # NaN and infinities are not JSON numbers


def _key(name):
    j = _key_json.get(name)
    if j is None:
        j = _key_json[name] = json.dumps(str(name)) + ":"
    return j


def _write(line):
    _pending.append(line)
    if len(_pending) >= 4096:
        flush()


def flush():
    """Writes the lines emitted so far (run() and ack() call it)."""
    if _pending:
        _out.write("".join(_pending))
        _pending.clear()
    _out.flush()


def _symbol(symbol):
    j = _symbol_json.get(symbol)
    if j is None:
        j = _symbol_json[symbol] = json.dumps(symbol)
    return j


def emit_values(ts, symbol, values=None, **named):
    """Writes an indicator line: values by output name (None or NaN: not ready). ts: Unix ms or ISO text."""
    if _emit_from is not None and ts < _emit_from:
        return
    items = (dict(values, **named) if named else values) if values else named
    body = ",".join([_key(k) + _number(v) for k, v in items.items()])
    _write(f'{{"ts":{_ts(ts)},"symbol":{_symbol(symbol)},"values":{{{body}}}}}\n')


def emit_signal(ts, symbol, direction="long", strength=1.0, signal=None):
    """Writes a signal event: direction long, short or flat; signal defaults to the component's id."""
    if _emit_from is not None and ts < _emit_from:
        return
    if direction not in ("long", "short", "flat"):
        raise ValueError(f"direction must be long, short or flat, not {direction!r}")
    name = signal or os.environ.get("BATON_COMPONENT_ID", "signal")
    _write(f'{{"ts":{_ts(ts)},"symbol":{_symbol(symbol)},"signal":{json.dumps(name)},'
           f'"direction":"{direction}","strength":{_number(strength)}}}\n')


def _ts(ts):
    return str(ts) if type(ts) is int else str(int(ts)) if isinstance(ts, float) else json.dumps(str(ts))


def stream():
    """Live stream mode: yields each candle Baton writes on stdin ({"ts","symbol","open",...} per line)."""
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        yield Candle(d["symbol"], parse_time(d["ts"]), float(d["open"]), float(d["high"]), float(d["low"]),
                     float(d["close"]), float(d["volume"]))


def ack():
    """Live stream mode: tells Baton this candle's lines are all written."""
    _write('{"ack":true}\n')
    flush()


def run(compute):
    """Calls compute(ctx, {symbol: [candles]}) as the mode requires, then flushes. In live stream mode it keeps
    the last BATON_WINDOW_BARS candles per symbol, calls compute with the symbol that got a new candle, writes
    only that candle's lines and acknowledges it."""
    global _emit_from
    ctx = context()
    try:
        if ctx.mode == "live" and ctx.live == "stream":
            keep = ctx.window_bars or 500
            history = {}
            for c in stream():
                h = history.setdefault(c.symbol, [])
                h.append(c)
                del h[:-keep]
                _emit_from = c.ts
                compute(ctx, {c.symbol: h})
                ack()
            return
        series = by_symbol(ctx)
        if ctx.mode == "live":  # window mode: only the newest candle's lines are used
            _emit_from = max((s[-1].ts for s in series.values() if s), default=None)
        compute(ctx, series)
        flush()
    except BrokenPipeError:
        sys.exit(1)
