using ParquetSharp;

namespace Baton.Parquet;

/// <summary>The five number columns of a batch as doubles, read from DOUBLE directly or from FLOAT, INT32 or
/// INT64 through a reused scratch array.</summary>
internal sealed class NumberColumns
{
    private readonly float[] _floats;
    private readonly long[] _longs;

    public NumberColumns(int size)
    {
        Values = [new double[size], new double[size], new double[size], new double[size], new double[size]];
        _floats = new float[size];
        Ints = new int[size];
        _longs = new long[size];
    }

    /// <summary>open, high, low, close, volume.</summary>
    public double[][] Values { get; }

    /// <summary>Scratch for INT32 columns (also DATE timestamps).</summary>
    public int[] Ints { get; }

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
                reader.ReadExactly(floats, _floats.AsSpan(0, count), field);
                for (int i = 0; i < count; i++) target[i] = _floats[i];
                break;
            case ColumnReader<int> ints:
                reader.ReadExactly(ints, Ints.AsSpan(0, count), field);
                for (int i = 0; i < count; i++) target[i] = Ints[i];
                break;
            case ColumnReader<long> longs:
                reader.ReadExactly(longs, _longs.AsSpan(0, count), field);
                for (int i = 0; i < count; i++) target[i] = _longs[i];
                break;
            default:
                throw new InvalidOperationException($"Unexpected column reader {column.GetType().Name}.");
        }
    }
}
