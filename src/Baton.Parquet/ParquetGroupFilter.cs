using Baton.Engine.Data;
using ParquetSharp;

namespace Baton.Parquet;

internal enum GroupVerdict
{
    Read,
    OutsideTime,
    OtherSymbols,
}

/// <summary>
/// Decides from a row group's column statistics whether it can hold a wanted candle: its timestamp min/max
/// must overlap the time range, and (for one symbol of a long-format file) the symbol must lie within the
/// symbol column's min/max. A group without statistics is read.
/// </summary>
internal sealed class ParquetGroupFilter
{
    private readonly ParquetLayout _layout;
    private readonly TimeRange _range;
    private readonly byte[]? _symbol;

    public ParquetGroupFilter(ParquetLayout layout, TimeRange range, string? symbol)
    {
        _layout = layout;
        _range = range;
        _symbol = symbol is not null && layout.SymbolColumn >= 0 ? System.Text.Encoding.UTF8.GetBytes(symbol) : null;
    }

    public GroupVerdict Check(RowGroupMetaData group)
    {
        if (group.NumRows == 0) return GroupVerdict.OtherSymbols;
        if (_symbol is not null && !MayHoldSymbol(group)) return GroupVerdict.OtherSymbols;
        if ((_range.From is not null || _range.To is not null) && TimeBounds(group) is var (min, max)
            && ((_range.To is { } to && min > to) || (_range.From is { } from && max < from)))
            return GroupVerdict.OutsideTime;
        return GroupVerdict.Read;
    }

    private (long Min, long Max)? TimeBounds(RowGroupMetaData group)
    {
        using var chunk = group.GetColumnChunkMetaData(_layout.Columns[0]);
        if (!chunk.IsStatsSet) return null;
        using var stats = chunk.Statistics;
        if (stats is null || !stats.HasMinMax) return null;
        return stats switch
        {
            Statistics<long> longs when ToMs(longs.Min) is { } lo && ToMs(longs.Max) is { } hi => (lo, hi),
            Statistics<int> days when _layout.TimeKind == TimeKind.Days => (days.Min * 86_400_000L, days.Max * 86_400_000L),
            _ => null,
        };
    }

    private long? ToMs(long value) => _layout.TimeKind switch
    {
        TimeKind.Millis => value,
        TimeKind.Micros => Math.DivRem(value, 1000L).Quotient - (value % 1000 < 0 ? 1 : 0),
        TimeKind.Nanos => Math.DivRem(value, 1_000_000L).Quotient - (value % 1_000_000 < 0 ? 1 : 0),
        TimeKind.Epoch => CandleTimestamp.TryFromEpoch(value, out long ms) ? ms : null,
        _ => null,
    };

    private unsafe bool MayHoldSymbol(RowGroupMetaData group)
    {
        using var chunk = group.GetColumnChunkMetaData(_layout.SymbolColumn);
        if (!chunk.IsStatsSet) return true;
        using var stats = chunk.Statistics;
        if (stats is not Statistics<ByteArray> { HasMinMax: true } strings) return true;
        var min = strings.Min;
        var max = strings.Max;
        var low = new ReadOnlySpan<byte>((void*)min.Pointer, min.Length);
        var high = new ReadOnlySpan<byte>((void*)max.Pointer, max.Length);
        return _symbol.AsSpan().SequenceCompareTo(low) >= 0 && _symbol.AsSpan().SequenceCompareTo(high) <= 0;
    }
}
