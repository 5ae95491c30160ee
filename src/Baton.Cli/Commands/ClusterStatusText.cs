using System.Globalization;
using Baton.Cluster.Contracts;

namespace Baton.Cli.Commands;

/// <summary><c>baton cluster status</c> for a person: a summary line, the workers as a table (a dead one in capitals, its
/// last report kept), the sweeps as a table (trials done of all with the percent, batches running and queued, the worker
/// its coordinator lives on) and each refusal as a warning under its sweep.</summary>
internal static class ClusterStatusText
{
    public static void Print(ClusterSnapshot snapshot, string address, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        int active = snapshot.Workers.Count(w => w.Status == "active"), dead = snapshot.Workers.Count(w => w.Status == "dead");
        output.WriteLine(Invariant($"cluster {address}: {Count(snapshot.Workers.Length, "worker")} ({active} active, {dead} dead), {Count(snapshot.Sweeps.Length, "sweep")}"));
        output.WriteLine();
        if (snapshot.Workers.Length == 0) output.WriteLine("no worker: start one with baton worker --cluster " + address);
        else Table(output, ["WORKER", "STATUS", "CORES", "JOBS", "TRIALS DONE", "WORKING ON"], [2, 3, 4], snapshot.Workers.Select(Row));
        output.WriteLine();
        if (snapshot.Sweeps.Length == 0)
        {
            output.WriteLine("no sweep in the cluster");
            return;
        }
        Table(output, ["SWEEP", "STRATEGY", "TRIALS DONE", "%", "RUNNING", "QUEUED", "COORDINATOR"], [2, 3, 4, 5], snapshot.Sweeps.Select(Row),
            i => snapshot.Sweeps[i].Refusals.Select(r => "  warning: " + r));
    }

    /// <summary>Status as a person reads it: dead in capitals, Orleans' shutting-down and stopping as leaving.</summary>
    public static string Status(string status) => status switch
    {
        "dead" => "DEAD",
        "shuttingdown" or "stopping" => "leaving",
        "created" or "joining" => "joining",
        _ => status,
    };

    /// <summary>A batch id (<c>FIRST+COUNT-HASH</c>) as <c>FIRST+COUNT</c>.</summary>
    public static string Batch(string? unit) => unit is null ? "" : unit.LastIndexOf('-') is > 0 and var dash ? unit[..dash] : unit;

    private static string[] Row(WorkerView w) =>
    [
        w.Name, Status(w.Status), Number(w.Cores), Number(w.Jobs), w.TrialsDone.ToString(CultureInfo.InvariantCulture),
        w.Sweep is null ? (w.Status == "dead" ? "-" : "idle") : $"sweep {Short(w.Sweep)} batch {Batch(w.Unit)}",
    ];

    private static string[] Row(SweepView s) =>
    [
        Short(s.Sweep), Path.GetFileName(s.Strategy), Invariant($"{s.Done}/{s.Trials}"),
        s.Trials == 0 ? "-" : Invariant($"{Math.Floor(100.0 * s.Done / s.Trials):0}%"), Number(s.Running), Number(s.Queued), s.Coordinator,
    ];

    /// <summary>Columns as wide as their widest cell, two spaces apart, <paramref name="right"/> aligned right; after each
    /// row the lines <paramref name="after"/> gives for it.</summary>
    private static void Table(TextWriter output, string[] header, int[] right, IEnumerable<string[]> rows, Func<int, IEnumerable<string>>? after = null)
    {
        var all = rows.ToList();
        var widths = header.Select((h, c) => all.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, c) =>
            c == cells.Length - 1 && !right.Contains(c) ? cell : right.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
        output.WriteLine(Line(header));
        for (int i = 0; i < all.Count; i++)
        {
            output.WriteLine(Line(all[i]));
            foreach (string line in after?.Invoke(i) ?? []) output.WriteLine(line);
        }
    }

    private static string Short(string key) => key.Length > 12 ? key[..12] : key;
    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Count(int n, string noun) => Invariant($"{n} {noun}{(n == 1 ? "" : "s")}");
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
