using Baton.Core.Signals;
using Baton.Core.Tests.Indicators;

namespace Baton.Core.Tests.Signals;

/// <summary>
/// The one contract every catalogued signal passes, on both candle files of ../shared/data, for each word of each of
/// its choices: an event (1 or 0) from its declared warm-up on and never a 1 before it; it reads only the slots its
/// descriptor declares and resolves every series it declares; NaN where its inputs are NaN; deterministic and clean
/// after Reset; no allocation after warm-up. The argument side is in <see cref="SignalArgumentContractTests"/>.
/// </summary>
public sealed class SignalContractTests
{
    public static TheoryData<string> Types() => [.. SignalRegistry.Descriptors.Select(d => d.Name)];

    private static IEnumerable<SignalCase> CasesOf(string type) => SignalCase.For(SignalRegistry.Descriptors.Single(d => d.Name == type));

    [Theory, MemberData(nameof(Types))]
    public void Is_an_event_from_its_warm_up_never_a_one_before_and_fires_on_real_data(string type)
    {
        foreach (var c in CasesOf(type))
            foreach (var data in MarketData.Files)
            {
                var signal = c.Build();
                var values = SignalCase.Run(signal, c.Rows(data));
                for (int i = 0; i < values.Length; i++)
                {
                    bool due = i + 1 >= signal.WarmUpPeriod;
                    bool ok = due ? values[i] is 0 or 1 : values[i] is 0 || double.IsNaN(values[i]);
                    Assert.True(ok, $"{c} on {data.Name}: {values[i]} after {i + 1} candles (warm-up {signal.WarmUpPeriod})");
                }
                Assert.Contains(1.0, values);
                Assert.Contains(0.0, values);
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void Declared_warm_up_is_the_instance_s(string type)
    {
        foreach (var c in CasesOf(type))
            Assert.Equal(c.Descriptor.WarmUpOf(c.Values), c.Build().WarmUpPeriod);
    }

    [Theory, MemberData(nameof(Types))]
    public void Reads_no_slot_it_does_not_declare(string type)
    {
        foreach (var c in CasesOf(type))
        {
            var data = MarketData.Files[0];
            var rows = c.Rows(data);
            var expected = SignalCase.Run(c.Build(), rows);
            var random = new Random(7);
            foreach (var row in rows)
                for (int s = 0; s < row.Length; s++)
                    if (!c.Declared.Contains(s)) row[s] = random.Next(3) == 0 ? double.NaN : random.NextDouble() * 1e6 - 5e5;
            Assert.Equal(expected, SignalCase.Run(c.Build(), rows));
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void Resolves_every_series_it_declares(string type)
    {
        foreach (var c in CasesOf(type))
        {
            var asked = new HashSet<string>(StringComparer.Ordinal);
            c.Descriptor.Build(c.Values, name => { asked.Add(name); return c.Slots[name]; });
            Assert.Equal(c.Slots.Keys.Order(), asked.Order());
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void Is_not_a_number_on_a_candle_whose_inputs_are_not(string type)
    {
        foreach (var c in CasesOf(type))
        {
            var rows = c.Rows(MarketData.Files[0]);
            var signal = c.Build();
            for (int i = 0; i < 200; i++)
            {
                if (i % 17 == 16)
                    foreach (int s in c.Declared) rows[i][s] = double.NaN;
                double v = signal.Evaluate(rows[i]);
                if (i % 17 == 16) Assert.True(double.IsNaN(v), $"{c}: {v} on candle {i + 1} of NaN inputs");
            }
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void Is_deterministic_and_reset_replays_identically(string type)
    {
        foreach (var c in CasesOf(type))
            foreach (var data in MarketData.Files)
            {
                var rows = c.Rows(data);
                var signal = c.Build();
                var first = SignalCase.Run(signal, rows);
                Assert.Equal(first, SignalCase.Run(c.Build(), rows));
                signal.Reset();
                Assert.Equal(first, SignalCase.Run(signal, rows));
            }
    }

    [Theory, MemberData(nameof(Types))]
    public void Allocates_nothing_after_warm_up(string type)
    {
        foreach (var c in CasesOf(type))
        {
            var rows = c.Rows(MarketData.Files[0]);
            var signal = c.Build();
            SignalCase.Run(signal, rows);
            long allocated = SteadyAllocation.Bytes(() =>
            {
                for (int i = 0; i < 10_000; i++) signal.Evaluate(rows[i % rows.Length]);
            });
            Assert.True(allocated == 0, $"{c}: {allocated} bytes allocated over 10000 candles, in each of three rounds");
        }
    }
}
