using System.Globalization;
using System.Text.Json;

namespace Baton.Cli.Tests;

public class IndicatorsCommandTests
{
    /// <summary>The spec that computes each TA-Lib series of ../shared/data, and the column it lands in.</summary>
    private static readonly (string Spec, string Key, string Column)[] ReferenceColumns =
    [
        .. Single("sma:period=10", "SMA_10", "sma_10"),
        .. Single("sma:period=30", "SMA_30", "sma_30"),
        .. Single("ema:period=12", "EMA_12", "ema_12"),
        .. Single("ema:period=26", "EMA_26", "ema_26"),
        .. Single("rsi:period=14", "RSI_14", "rsi_14"),
        .. Multi("macd:fast=12,slow=26,signal=9", "MACD_12_26_9", "macd_12_26_9", "macd", "signal", "hist"),
        .. Multi("macd:fast=12,slow=26,signal=9,independent_seed=1", "MACD_12_26_9_independent_seed", "macd_12_26_9_1", "macd", "signal", "hist"),
        .. Multi("bbands:period=20,stddev=2", "BBANDS_20_2", "bbands_20_2", "upper", "middle", "lower"),
        .. Single("atr:period=14", "ATR_14", "atr_14"),
        .. Multi("stoch:k=14,smooth_k=3,d=3", "STOCH_14_3_3", "stoch_14_3_3", "k", "d"),
        .. Single("adx:period=14", "ADX_14", "adx_14.adx"),
        .. Single("cci:period=20", "CCI_20", "cci_20"),
        .. Single("willr:period=14", "WILLR_14", "willr_14"),
        .. Single("obv", "OBV", "obv"),
        .. Single("roc:period=10", "ROC_10", "roc_10"),
        .. Multi("donchian:period=20", "DONCHIAN_20", "donchian_20", "upper", "lower", "middle"),
        .. Single("max:period=20,source=close", "MAX_20_close", "max_20_close"),
        .. Single("min:period=20,source=close", "MIN_20_close", "min_20_close"),
        .. Single("wma:period=10", "WMA_10", "wma_10"),
        .. Single("dema:period=10", "DEMA_10", "dema_10"),
        .. Single("tema:period=10", "TEMA_10", "tema_10"),
        .. Single("kama:period=10", "KAMA_10", "kama_10"),
        .. Single("trange", "extra.TRANGE", "trange"),
        .. Single("plus_di:period=14", "extra.PLUS_DI_14", "plus_di_14"),
        .. Single("minus_di:period=14", "extra.MINUS_DI_14", "minus_di_14"),
    ];

    private static IEnumerable<(string, string, string)> Single(string spec, string key, string column) => [(spec, key, column)];

    private static IEnumerable<(string, string, string)> Multi(string spec, string key, string column, params string[] outputs) =>
        outputs.Select(o => (spec, key + "." + o, column + "." + o));

    private static string DataFile(string name) => Path.GetFullPath(Path.Combine(BatonProcess.RepoRoot, "..", "shared", "data", name));

    private static string[] Compute(string data, params string[] specs) => Compute(data, "csv", specs).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Compute(string data, string format, string[] specs)
    {
        var args = new List<string> { "indicators", "compute", "--data", data, "--format", format };
        foreach (var spec in specs) args.AddRange(["--indicator", spec]);
        var (exit, stdout, err) = BatonProcess.Run([.. args]);
        Assert.True(exit == 0, err);
        return stdout;
    }

    [Theory]
    [InlineData("synthetic_5000")]
    [InlineData("real_daily")]
    public void Compute_reproduces_every_TA_Lib_reference_series(string file)
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(DataFile(file + ".ta.json")));
        var series = reference.RootElement.GetProperty("indicators");
        var keys = series.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Empty(keys.Except(ReferenceColumns.Select(c => c.Key)));     // every reference key is checked

        var lines = Compute(DataFile(file + ".csv"), [.. ReferenceColumns.Select(c => c.Spec).Distinct()]);
        var header = lines[0].Split(',');
        Assert.Equal("timestamp", header[0]);
        Assert.Equal(reference.RootElement.GetProperty("timestamp").GetArrayLength() + 1, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        foreach (var (_, key, column) in ReferenceColumns)
        {
            int c = Array.IndexOf(header, column);
            Assert.True(c > 0, $"no column {column} in {lines[0]}");
            int i = 0;
            foreach (var expected in series.GetProperty(key).GetProperty("values").EnumerateArray())
            {
                string actual = rows[i][c];
                if (expected.ValueKind == JsonValueKind.Null) Assert.True(actual.Length == 0, $"{file} {key} row {i}: expected empty, got {actual}");
                else
                {
                    Assert.True(actual.Length > 0, $"{file} {key} row {i}: expected {expected.GetDouble()}, got empty");
                    double a = double.Parse(actual, CultureInfo.InvariantCulture), b = expected.GetDouble();
                    Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b)), $"{file} {key} row {i}: {a} vs TA-Lib {b}");
                }
                i++;
            }
        }
    }

    [Fact]
    public void Columns_follow_the_order_given_and_json_holds_the_same_bits_as_csv()
    {
        string[] specs = ["obv", "bbands:period=20,stddev=2", "max:period=5,source=high", "sma:period=3"];
        var csv = Compute(DataFile("synthetic_5000.csv"), specs);
        Assert.Equal("timestamp,obv,bbands_20_2.upper,bbands_20_2.middle,bbands_20_2.lower,max_5_high,sma_3", csv[0]);
        Assert.StartsWith("2000-01-03T00:00:00Z,1050953,,,,,", csv[1], StringComparison.Ordinal);
        Assert.Equal(",,,", csv[2][^3..]);   // max(5) and sma(3) still warming up on the second candle; bbands too

        using var json = JsonDocument.Parse(Compute(DataFile("synthetic_5000.csv"), "json", specs));
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(csv.Length - 1, rows.Length);
        var header = csv[0].Split(',');
        for (int i = 0; i < rows.Length; i += 97)
        {
            var fields = csv[i + 1].Split(',');
            Assert.Equal(fields[0], rows[i].GetProperty("timestamp").GetString());
            for (int c = 1; c < header.Length; c++)
            {
                var v = rows[i].GetProperty(header[c]);
                Assert.Equal(fields[c], v.ValueKind == JsonValueKind.Null ? "" : v.GetRawText());
            }
        }
    }

    [Theory]
    [InlineData("smaa:period=10", "--indicator smaa:period=10: unknown indicator type 'smaa'; did you mean 'sma'?")]
    [InlineData("sma:perod=10", "--indicator sma:perod=10: unknown parameter 'perod' for sma; did you mean 'period'? (known: period, source)")]
    [InlineData("sma:period=ten", "--indicator sma:period=ten: period: expected a number, got 'ten'")]
    [InlineData("sma:period=0", "--indicator sma:period=0: period: expected a value between 1 and 100000, got 0")]
    [InlineData("sma:period=2.5", "--indicator sma:period=2.5: period: expected a whole number, got 2.5")]
    [InlineData("bbands:stddev=-1", "--indicator bbands:stddev=-1: stddev: expected a value between")]
    [InlineData("sma:source=hi", "--indicator sma:source=hi: source 'hi' is not a price field; did you mean 'high'?")]
    [InlineData("atr:source=close", "--indicator atr:source=close: atr reads whole candles; it takes no source")]
    [InlineData("sma:period", "--indicator sma:period: expected key=value, got 'period'")]
    public void A_bad_spec_is_named_with_its_problem_and_exits_2(string spec, string message)
    {
        var (exit, stdout, err) = BatonProcess.Run("indicators", "compute", "--data", DataFile("synthetic_5000.csv"), "--indicator", spec);
        Assert.Equal(2, exit);
        Assert.Contains("error: " + message, err, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void The_same_column_twice_no_indicator_and_a_missing_file_are_refused()
    {
        var (exit, _, err) = BatonProcess.Run("indicators", "compute", "--data", DataFile("synthetic_5000.csv"),
            "--indicator", "sma:period=10", "--indicator", "sma:period=10.0");
        Assert.Equal(2, exit);
        Assert.Contains("column 'sma_10' is already computed", err, StringComparison.Ordinal);
        (exit, _, err) = BatonProcess.Run("indicators", "compute", "--data", DataFile("synthetic_5000.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("--indicator: give at least one", err, StringComparison.Ordinal);
        (exit, _, err) = BatonProcess.Run("indicators", "compute", "--data", "/no/such.csv", "--indicator", "sma");
        Assert.Equal(2, exit);
        Assert.Contains("data file not found: /no/such.csv", err, StringComparison.Ordinal);
    }

    [Fact]
    public void List_prints_every_type_with_defaults_outputs_and_warm_up()
    {
        var (exit, stdout, err) = BatonProcess.Run("indicators", "list");
        Assert.True(exit == 0, err);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["name", "parameters", "outputs", "warm_up", "input", "title"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Skip(1).TakeWhile(l => !l.StartsWith("signal ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(f => f[0]);
        Assert.Equal(46, rows.Count);
        Assert.Equal(["sma", "period=20", "value", "20", "series"], rows["sma"][..5]);
        Assert.Equal(["macd", "fast=12,slow=26,signal=9,independent_seed=0", "macd,signal,hist", "34", "series"], rows["macd"][..5]);
        Assert.Equal(["adx", "period=14", "adx,plus_di,minus_di", "28;plus_di=15;minus_di=15", "candle"], rows["adx"][..5]);
        Assert.Equal(["obv", "-", "value", "1", "candle"], rows["obv"][..5]);
    }

    [Fact]
    public void List_prints_every_signal_type_after_the_indicators()
    {
        var (exit, stdout, err) = BatonProcess.Run("indicators", "list");
        Assert.True(exit == 0, err);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("signal ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["signal", "arguments", "warm_up", "reads", "title"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(f => f[0]);
        Assert.Equal(["crossover", "threshold", "breakout", "rising", "falling", "divergence", "engulfing", "hammer", "doji",
            "morning_star", "evening_star"], rows.Keys);
        Assert.Equal(["crossover", "above,below", "2", "series"], rows["crossover"][..4]);
        Assert.Equal(["breakout", "input=close,upper?,lower?,direction(up|down|any)=any", "3", "series"], rows["breakout"][..4]);
        Assert.Equal(["rising", "input=close,bars", "bars+1", "series"], rows["rising"][..4]);
        Assert.Equal(["hammer", "shadow_ratio=2,max_upper_shadow=0.1", "1", "candle"], rows["hammer"][..4]);
    }
}
