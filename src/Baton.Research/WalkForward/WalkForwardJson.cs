using System.Text.Json;
using Baton.Engine.Events;
using Baton.Research.Robustness;

namespace Baton.Research.WalkForward;

/// <summary>Writes a <see cref="WalkForwardResult"/> as <c>walkforward.json</c> (snake_case). A window's
/// <c>train_to</c>/<c>test_to</c> is its last instant included (1 s before the next range starts), so
/// <c>baton backtest --from TEST_FROM --to TEST_TO</c> runs exactly its test range; times in <see cref="Formats.Time"/>.</summary>
public static class WalkForwardJson
{
    public const string FileName = "walkforward.json";

    public static void Write(string dir, WalkForwardResult result) =>
        RobustnessJson.WriteAtomically(Path.Combine(dir, FileName), ToJson(result));

    public static string ToJson(WalkForwardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("objective", result.Plan.Sweep.Objective.Name);
            json.WriteString("train", result.Plan.Train.ToString());
            json.WriteString("test", result.Plan.Test.ToString());
            json.WriteString("step", result.Plan.Step.ToString());
            json.WriteBoolean("anchored", result.Plan.Anchored);
            json.WriteStartArray("windows");
            foreach (var w in result.Windows) Window(json, w);
            json.WriteEndArray();
            RobustnessJson.Number(json, "efficiency", result.Efficiency);
            Stats(json, "out_of_sample", result.OutOfSample);
            json.WriteStartArray("equity");
            foreach (var p in result.Equity)
            {
                json.WriteStartObject();
                json.WriteString("time", Formats.Time(p.Time));
                RobustnessJson.Number(json, "equity", p.Equity);
                json.WriteNumber("window", p.Window);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Window(Utf8JsonWriter json, WalkForwardWindowResult w)
    {
        json.WriteStartObject();
        json.WriteNumber("index", w.Window.Index);
        json.WriteString("train_from", Formats.Time(w.Window.TrainFrom));
        json.WriteString("train_to", Formats.Time(w.Window.Training.To!.Value));
        json.WriteString("test_from", Formats.Time(w.Window.TestFrom));
        json.WriteString("test_to", Formats.Time(w.Window.Testing.To!.Value));
        json.WriteNumber("trials", w.Trials);
        json.WriteStartObject("chosen");
        foreach (var s in w.Chosen.Settings) json.WriteString(s.Name, s.Value);
        json.WriteEndObject();
        Stats(json, "in_sample", w.InSample);
        Stats(json, "out_of_sample", w.OutOfSample);
        RobustnessJson.Number(json, "efficiency", w.Efficiency);
        json.WriteEndObject();
    }

    private static void Stats(Utf8JsonWriter json, string name, WalkForwardStats s)
    {
        json.WriteStartObject(name);
        RobustnessJson.Number(json, "score", s.Score);
        RobustnessJson.Number(json, "total_return", s.TotalReturn);
        RobustnessJson.Number(json, "cagr", s.Cagr);
        RobustnessJson.Number(json, "sharpe", s.Sharpe);
        RobustnessJson.Number(json, "max_drawdown", s.MaxDrawdown);
        json.WriteNumber("trades", s.Trades);
        json.WriteEndObject();
    }
}
