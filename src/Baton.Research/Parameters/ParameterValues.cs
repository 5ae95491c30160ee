using System.Globalization;

namespace Baton.Research.Parameters;

/// <summary>
/// Reads the values part of a <c>--param NAME=VALUES</c>: a range <c>a..b:step</c> (the values a, a+step, ... up to b,
/// computed in exact decimal arithmetic), a list <c>a,b,c</c>, either of them in percentages (<c>1%..3%:0.5%</c>,
/// <c>1%,2%</c>). Numbers are plain decimals (no exponent, no NaN or infinity), at most <see cref="Limit"/> in size.
/// </summary>
internal static class ParameterValues
{
    /// <summary>The largest magnitude a value may have.</summary>
    public const decimal Limit = 1_000_000_000_000m;

    public static (List<string> Texts, List<double> Numbers) Parse(string name, string text, long cap)
    {
        string where = $"--param {name}={text}";
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        return dots >= 0 ? Range(where, text[..dots], text[(dots + 2)..], cap) : List(where, text);
    }

    private static (List<string>, List<double>) Range(string where, string first, string rest, long cap)
    {
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        string last = colon < 0 ? rest : rest[..colon];
        var (a, pa) = Number(where, first);
        var (b, pb) = Number(where, last);
        var (step, ps) = colon < 0 ? (1m, pa) : Number(where, rest[(colon + 1)..]);
        if (pa != pb || pa != ps)
            throw new SweepInputException($"{where}: expected the start, end and step all in percent or none of them");
        if (colon < 0 && (a != decimal.Truncate(a) || b != decimal.Truncate(b) || pa))
            throw new SweepInputException($"{where}: expected a step (a..b:step) for a range that is not of whole numbers");
        if (step <= 0) throw new SweepInputException($"{where}: expected a step greater than 0");
        if (a > b) throw new SweepInputException($"{where}: the range is reversed; expected start <= end");
        decimal count = Count(a, b, step, cap);
        if (count > cap)
            throw new SweepInputException($"{where}: {(count == decimal.MaxValue ? "too many" : count.ToString("0", CultureInfo.InvariantCulture))} values; at most {cap} points are allowed in a sweep");
        var texts = new List<string>();
        var numbers = new List<double>();
        for (decimal v = a; v <= b; v += step) Add(texts, numbers, v, pa);
        return (texts, numbers);
    }

    /// <summary>How many values the range has (past <paramref name="cap"/> when the division overflows).</summary>
    private static decimal Count(decimal a, decimal b, decimal step, long cap)
    {
        try
        {
            return decimal.Floor((b - a) / step) + 1;
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }

    private static (List<string>, List<double>) List(string where, string text)
    {
        var texts = new List<string>();
        var numbers = new List<double>();
        bool? percent = null;
        foreach (string item in text.Split(','))
        {
            var (v, p) = Number(where, item);
            if (percent is { } was && was != p)
                throw new SweepInputException($"{where}: expected every value in percent or none of them");
            percent = p;
            int before = texts.Count;
            Add(texts, numbers, v, p);
            if (texts.IndexOf(texts[before]) != before)
                throw new SweepInputException($"{where}: the value {texts[before]} is listed twice");
        }
        return (texts, numbers);
    }

    private static void Add(List<string> texts, List<double> numbers, decimal value, bool percent)
    {
        texts.Add(Text(value) + (percent ? "%" : ""));
        numbers.Add((double)(percent ? value / 100m : value));
    }

    /// <summary>A number as written, with its percent sign taken off.</summary>
    private static (decimal Value, bool Percent) Number(string where, string text)
    {
        string t = text.Trim();
        bool percent = t.EndsWith('%');
        if (percent) t = t[..^1].TrimEnd();
        if (t.Length == 0 || t.Length > 40
            || !decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal v))
            throw new SweepInputException($"{where}: '{Excerpt(text)}' is not a number; expected a range a..b:step or a list a,b,c of decimal numbers (percentages allowed: 1%..3%:0.5%)");
        if (Math.Abs(v) > Limit)
            throw new SweepInputException($"{where}: {Excerpt(text)} is too large; expected a number from -{Limit:0} to {Limit:0}");
        return (v, percent);
    }

    /// <summary>A decimal without trailing zeros (<c>1.50</c> is <c>1.5</c>, <c>-0</c> is <c>0</c>).</summary>
    public static string Text(decimal value)
    {
        string s = value.ToString(CultureInfo.InvariantCulture);
        if (s.Contains('.', StringComparison.Ordinal)) s = s.TrimEnd('0').TrimEnd('.');
        return s is "-0" ? "0" : s;
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text.Trim() : text[..40] + "...";
}
