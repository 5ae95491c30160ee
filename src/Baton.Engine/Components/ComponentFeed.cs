namespace Baton.Engine.Components;

/// <summary>
/// The outputs of every running component, per symbol, joined to candles as the engine processes them
/// (<see cref="Trading.TradingEngine.OnCandle"/> calls <see cref="Apply"/> before the symbol's indicators update).
/// A component that failed has no series: its slots stay NaN, so the rules that read it stay false.
/// </summary>
public sealed class ComponentFeed
{
    private readonly IReadOnlyList<CompiledComponent> _components;
    private readonly ComponentSeries?[][] _bySymbol;

    public ComponentFeed(IReadOnlyList<CompiledComponent> components, int symbolCount)
    {
        ArgumentNullException.ThrowIfNull(components);
        _components = components;
        _bySymbol = new ComponentSeries?[symbolCount][];
        for (int s = 0; s < symbolCount; s++) _bySymbol[s] = new ComponentSeries?[components.Count];
    }

    public int SymbolCount => _bySymbol.Length;

    /// <summary>True when <paramref name="component"/> has series attached (it ran successfully).</summary>
    public bool IsAttached(int component) => _bySymbol.Length > 0 && _bySymbol[0][component] is not null;

    /// <summary>The series attached for <paramref name="component"/> and <paramref name="symbol"/>, or null.</summary>
    public ComponentSeries? SeriesOf(int component, int symbol) => _bySymbol[symbol][component];

    /// <summary>New empty series for <paramref name="component"/>, one per symbol, not yet attached.</summary>
    public ComponentSeries[] CreateSeries(int component)
    {
        var series = new ComponentSeries[_bySymbol.Length];
        for (int s = 0; s < series.Length; s++) series[s] = new ComponentSeries(_components[component]);
        return series;
    }

    /// <summary>Makes <paramref name="series"/> (one per symbol) the outputs of <paramref name="component"/>.</summary>
    public void Attach(int component, ComponentSeries[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length != _bySymbol.Length) throw new ArgumentException("expected one series per symbol", nameof(series));
        for (int s = 0; s < series.Length; s++) _bySymbol[s][component] = series[s];
    }

    /// <summary>Stops using <paramref name="component"/> (after a failure while live): from the next candle on its
    /// slots hold NaN, so no rule acts on its stale values.</summary>
    public void Detach(int component)
    {
        foreach (var row in _bySymbol) row[component] = ComponentSeries.Dead(_components[component]);
    }

    /// <summary>Rewinds every series, so the same outputs can feed another run from its first candle.</summary>
    public void Rewind()
    {
        foreach (var row in _bySymbol)
            foreach (var series in row) series?.Rewind();
    }

    /// <summary>Writes every component's outputs due at the candle of <paramref name="symbol"/> opening at
    /// <paramref name="openTime"/> into the symbol's slots.</summary>
    public void Apply(int symbol, long openTime, double[] slots)
    {
        var row = _bySymbol[symbol];
        for (int i = 0; i < row.Length; i++) row[i]?.Apply(openTime, slots);
    }
}
