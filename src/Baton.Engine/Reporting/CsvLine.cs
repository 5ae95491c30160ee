using System.Globalization;
using System.Text;

namespace Baton.Engine.Reporting;

/// <summary>
/// Builds one CSV line as UTF-8 in a reused buffer, spelled exactly as <see cref="Formats"/> spells times and
/// numbers but without a string per field: the day part of a time is formatted once per day, and each column
/// remembers the last number it formatted (equity, cash and drawdown repeat for long stretches while flat).
/// For files written once per candle, straight to their byte stream.
/// </summary>
public sealed class CsvLine(int columns)
{
    private const long MsPerDay = 86_400_000;
    private readonly byte[] _buffer = new byte[64 + 40 * columns];
    private readonly CachedNumber[] _numbers = Enumerable.Range(0, columns).Select(_ => new CachedNumber()).ToArray();
    private readonly byte[] _day = new byte[11];
    private long _dayStart = long.MinValue;
    private int _length;

    /// <summary>The line so far, UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 => _buffer.AsSpan(0, _length);

    /// <summary>The line so far, as text (for tests and diagnostics).</summary>
    public string Text => Encoding.UTF8.GetString(Utf8);

    public void Start(long unixMs)
    {
        long dayStart = unixMs - Mod(unixMs, MsPerDay);
        if (dayStart != _dayStart)
        {
            Encoding.ASCII.GetBytes(Formats.Time(dayStart).AsSpan(0, 11), _day);   // yyyy-MM-ddT
            _dayStart = dayStart;
        }
        _day.CopyTo(_buffer, 0);
        int seconds = (int)((unixMs - dayStart) / 1000);
        TwoDigits(seconds / 3600, 11);
        _buffer[13] = (byte)':';
        TwoDigits(seconds / 60 % 60, 14);
        _buffer[16] = (byte)':';
        TwoDigits(seconds % 60, 17);
        _buffer[19] = (byte)'Z';
        _length = 20;
    }

    /// <summary>Appends <c>,value</c> in column <paramref name="column"/> (0-based after the time).</summary>
    public void Add(int column, double value)
    {
        _buffer[_length++] = (byte)',';
        _length += _numbers[column].Format(value, _buffer.AsSpan(_length));
    }

    public void End() => _buffer[_length++] = (byte)'\n';

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
