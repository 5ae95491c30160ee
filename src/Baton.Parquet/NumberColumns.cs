using ParquetSharp;

namespace Baton.Parquet;

/// <summary>The five number columns of a batch as doubles, read from DOUBLE directly or from FLOAT, INT32 or
/// INT64 through a scratch array of its own (columns may be read on different threads at once).</summary>
internal sealed class NumberColumns(int size)
{
    private readonly float[]?[] _floats = new float[5][];
    private readonly int[]?[] _ints = new int[5][];
    private readonly long[]?[] _longs = new long[5][];

    /// <summary>open, high, low, close, volume.</summary>
    public double[][] Values { get; } = [new double[size], new double[size], new double[size], new double[size], new double[size]];

    /// <summary>Reads <paramref name="count"/> values of number <paramref name="index"/> (0 = open) from
    /// <paramref name="column"/>.</summary>
    public void Read(ColumnReader column, int index, int count, ParquetBatchReader reader)
    {
        var target = Values[index].AsSpan(0, count);
        int field = index + 1;
        switch (column)
        {
            case ColumnReader<double> doubles:
                reader.ReadExactly(doubles, target, field);
                break;
            case ColumnReader<float> floats:
                var f = _floats[index] ??= new float[size];
                reader.ReadExactly(floats, f.AsSpan(0, count), field);
                for (int i = 0; i < count; i++) target[i] = f[i];
                break;
            case ColumnReader<int> ints:
                var n = _ints[index] ??= new int[size];
                reader.ReadExactly(ints, n.AsSpan(0, count), field);
                for (int i = 0; i < count; i++) target[i] = n[i];
                break;
            case ColumnReader<long> longs:
                var l = _longs[index] ??= new long[size];
                reader.ReadExactly(longs, l.AsSpan(0, count), field);
                for (int i = 0; i < count; i++) target[i] = l[i];
                break;
            default:
                throw new InvalidOperationException($"Unexpected column reader {column.GetType().Name}.");
        }
    }
}
