namespace Baton.Cli.Tests;

/// <summary>Strategy files the CLI tests write beside their data.</summary>
internal static class TestStrategies
{
    /// <summary>Daily candles from <c>candles.csv</c> beside it; buys when the close is above a 3-day SMA.</summary>
    public const string DailySma = """
        name: t
        symbols: [X]
        timeframe: 1d
        data: { source: csv, path: candles.csv }
        dependencies:
          indicators:
            - { id: fast, type: sma, period: 3 }
        entry:
          - { when: close > fast, action: buy }
        """;
}
