using System.Text;
using System.Text.Json;
using Baton.Research.Trials;
using Baton.Runs.Files;

namespace Baton.Research.Sweeps;

/// <summary>
/// The resume state of a sweep folder, <c>journal.jsonl</c>: one JSON line per finished trial (its whole outcome),
/// appended and flushed to disk after each batch. A process killed while writing leaves at most a torn last line,
/// which is ignored and cut off when the sweep resumes; a trial recorded twice keeps its first line.
/// </summary>
internal sealed class SweepJournal
{
    public const string FileName = "journal.jsonl";

    private readonly string _path;

    private SweepJournal(string path) => _path = path;

    /// <summary>Opens the journal in <paramref name="dir"/> and reads what it holds (nothing when it does not exist).</summary>
    public static (SweepJournal Journal, List<TrialOutcome> Recorded) Open(string dir)
    {
        string path = Path.Combine(dir, FileName);
        var recorded = new List<TrialOutcome>();
        if (!File.Exists(path)) return (new SweepJournal(path), recorded);
        byte[] bytes = File.ReadAllBytes(path);
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;   // the complete lines; the rest is a torn write
        var seen = new HashSet<int>();
        int line = 0;
        foreach (string text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            line++;
            var outcome = Parse(text, path, line);
            if (seen.Add(outcome.Id)) recorded.Add(outcome);
        }
        if (end < bytes.Length)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(end);
        }
        return (new SweepJournal(path), recorded);
    }

    /// <summary>Appends <paramref name="outcomes"/> and flushes them to disk before returning.</summary>
    public async Task AppendAsync(IReadOnlyList<TrialOutcome> outcomes, CancellationToken token)
    {
        var text = new StringBuilder();
        foreach (var outcome in outcomes) text.Append(TrialOutcomeJson.Write(outcome)).Append('\n');
        var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: false);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), token).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
    }

    private static TrialOutcome Parse(string text, string path, int line)
    {
        try
        {
            return TrialOutcomeJson.Read(text);
        }
        catch (InvalidDataException e)
        {
            throw Refused(path, line, e.Message);
        }
    }

    private static InvalidDataException Refused(string path, int line, string why) =>
        new($"{path}: line {line} is not a recorded trial ({why}); remove the folder to start the sweep again");
}
