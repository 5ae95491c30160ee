using System.Globalization;
using System.Text;
using Baton.Engine.Events;

namespace Baton.Runs.Files;

/// <summary>
/// Builds one CSV line, a time then numbers, as UTF-8 in a reused buffer, spelled exactly as <see cref="Formats"/>
/// spells times and numbers but without a string per field. The buffer keeps the previous line, and a line only
/// rewrites what changed: the time's day part once per day, its clock part per line, and the numbers from the
/// first column whose value changed (equity, cash and drawdown repeat for long stretches while flat). For files
/// written once per candle, straight to their byte stream.
/// </summary>
internal sealed class CsvLine(int columns)
{
    private const long MsPerDay = 86_400_000;
    private const int TimeLength = 20;   // yyyy-MM-ddTHH:mm:ssZ, for every year DateTimeOffset can hold
    private readonly byte[] _buffer = new byte[TimeLength + 2 + 40 * columns];
    private readonly CachedNumber[] _numbers = Enumerable.Range(0, columns).Select(_ => new CachedNumber()).ToArray();
    private readonly int[] _ends = new int[columns];   // where each column's text ends in the buffer
    private long _dayStart = long.MinValue;
    private int _written;   // columns of the previous line still in place, unchanged, from column 0
    private int _length;

    /// <summary>The line so far, UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 => new(_buffer, 0, _length);

    /// <summary>The line so far, as text (for tests and diagnostics).</summary>
    public string Text => Encoding.UTF8.GetString(Utf8);

    public void Start(long unixMs)
    {
        long sinceDay = unixMs - _dayStart;
        if (_dayStart == long.MinValue || (ulong)sinceDay >= MsPerDay)
        {
            _dayStart = unixMs - Mod(unixMs, MsPerDay);
            WriteDay(DateTimeOffset.FromUnixTimeMilliseconds(_dayStart).UtcDateTime);
            sinceDay = unixMs - _dayStart;
        }
        int seconds = (int)(sinceDay / 1000);
        TwoDigits(seconds / 3600, 11);
        TwoDigits(seconds / 60 % 60, 14);
        TwoDigits(seconds % 60, 17);
        _length = TimeLength;
    }

    /// <summary>A whole line with the time <paramref name="unixMs"/> and every number of the previous line, which
    /// must be complete: only the time is rewritten.</summary>
    public void Repeat(long unixMs)
    {
        if (_written != _numbers.Length) throw new InvalidOperationException("Repeat needs a previous complete line.");
        Start(unixMs);
        _length = _ends[^1];
        End();
    }

    /// <summary>Whether column <paramref name="column"/> of the previous line, still in place, is
    /// <paramref name="value"/> (bit for bit).</summary>
    public bool Holds(int column, double value) => column < _written && _numbers[column].Holds(value);

    /// <summary>Appends <c>,value</c> in column <paramref name="column"/> (0-based after the time); columns come in
    /// order, each once per line.</summary>
    public void Add(int column, double value)
    {
        if (Holds(column, value))
        {
            _length = _ends[column];   // the same text at the same place as in the previous line
            return;
        }
        _written = column;
        _buffer[_length++] = (byte)',';
        _length += _numbers[column].Format(value, _buffer.AsSpan(_length));
        _ends[column] = _length;
    }

    public void End()
    {
        _buffer[_length++] = (byte)'\n';
        _written = _numbers.Length;
    }

    private void WriteDay(DateTime day)   // yyyy-MM-ddT..:..:..Z, the clock digits filled per line
    {
        TwoDigits(day.Year / 100, 0);
        TwoDigits(day.Year % 100, 2);
        _buffer[4] = _buffer[7] = (byte)'-';
        TwoDigits(day.Month, 5);
        TwoDigits(day.Day, 8);
        _buffer[10] = (byte)'T';
        _buffer[13] = _buffer[16] = (byte)':';
        _buffer[19] = (byte)'Z';
    }

    private void TwoDigits(int value, int at)
    {
        _buffer[at] = (byte)('0' + value / 10);
        _buffer[at + 1] = (byte)('0' + value % 10);
    }

    private static long Mod(long a, long b) => ((a % b) + b) % b;

    private sealed class CachedNumber
    {
        private readonly byte[] _text = new byte[40];
        private long _bits = BitConverter.DoubleToInt64Bits(double.NaN) ^ 1;   // matches no double
        private int _length;

        public bool Holds(double value) => BitConverter.DoubleToInt64Bits(value) == _bits;

        public int Format(double value, Span<byte> destination)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            if (bits != _bits)
            {
                if (!value.TryFormat(_text, out _length, "R", CultureInfo.InvariantCulture))
                    throw new InvalidOperationException("a number did not fit its CSV field");
                _bits = bits;
            }
            _text.AsSpan(0, _length).CopyTo(destination);
            return _length;
        }
    }
}
