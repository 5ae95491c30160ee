using System.Text;

namespace Baton.Engine.Data.Checks;

/// <summary>
/// The distinct symbols a long-format file holds, noted while looking for another one so that a missing
/// symbol's error can list what is there. Allocates only for a symbol not seen before, and keeps at most
/// <see cref="MaxKept"/>.
/// </summary>
internal sealed class SymbolsSeen
{
    private const int MaxKept = 50;
    private readonly List<byte[]> _symbols = [];
    private int _last = -1;
    private bool _more;

    public int Count => _symbols.Count;

    public void Note(ReadOnlySpan<byte> symbol)
    {
        if (_last >= 0 && symbol.SequenceEqual(_symbols[_last])) return;
        for (int i = 0; i < _symbols.Count; i++)
        {
            if (symbol.SequenceEqual(_symbols[i]))
            {
                _last = i;
                return;
            }
        }
        if (_symbols.Count == MaxKept)
        {
            _more = true;
            return;
        }
        _symbols.Add(symbol.ToArray());
        _last = _symbols.Count - 1;
    }

    /// <summary>The symbols in ordinal order, comma-separated.</summary>
    public string Describe()
    {
        var names = _symbols.Select(s => Encoding.UTF8.GetString(s)).Order(StringComparer.Ordinal);
        return string.Join(", ", names) + (_more ? ", ..." : "");
    }
}
