using System.Text;

namespace Baton.Parquet;

/// <summary>The distinct symbols met in a file, in order of first appearance; ids index <see cref="Names"/>.
/// Looking up the same symbol as the row before costs one byte comparison and no allocation.</summary>
internal sealed class SymbolTable
{
    private readonly List<byte[]> _bytes = [];
    private readonly List<string> _names = [];
    private int _last;

    public IReadOnlyList<string> Names => _names;

    public int IdOf(ReadOnlySpan<byte> symbol)
    {
        if (_last < _bytes.Count && symbol.SequenceEqual(_bytes[_last])) return _last;
        for (int i = 0; i < _bytes.Count; i++)
        {
            if (symbol.SequenceEqual(_bytes[i])) return _last = i;
        }
        _bytes.Add(symbol.ToArray());
        _names.Add(Encoding.UTF8.GetString(symbol));
        return _last = _bytes.Count - 1;
    }

    /// <summary>The id of <paramref name="symbol"/> if it has been met, else -1.</summary>
    public int Find(byte[] symbol)
    {
        for (int i = 0; i < _bytes.Count; i++)
        {
            if (symbol.AsSpan().SequenceEqual(_bytes[i])) return i;
        }
        return -1;
    }
}
