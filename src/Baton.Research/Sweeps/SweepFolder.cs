using Baton.Research.Objectives;
using Baton.Research.Parameters;
using Baton.Research.Trials;
using Baton.Runs.Folder;

namespace Baton.Research.Sweeps;

/// <summary>
/// The folder of <c>baton sweep --out DIR</c>: <c>manifest.json</c> first, then <c>journal.jsonl</c> after each batch
/// (the resume state), then <c>trials.csv</c> and <c>trials.parquet</c> when the sweep ends or is interrupted. Opening a
/// folder that holds this sweep resumes it (its recorded trials are <see cref="Recorded"/>); a folder that holds another
/// sweep, or other files, is refused. Every file is written inside the folder, the tables atomically.
/// </summary>
public sealed class SweepFolder
{
    public const string CsvName = "trials.csv";
    public const string ParquetName = "trials.parquet";

    private readonly SweepJournal _journal;
    private readonly List<TrialOutcome> _recorded;
    private readonly Lock _lock = new();

    private SweepFolder(string path, SweepJournal journal, List<TrialOutcome> recorded)
    {
        Path = path;
        _journal = journal;
        _recorded = recorded;
    }

    private bool _created;       // this Open wrote the manifest
    private bool _createdFolder; // ... into a folder it made

    /// <summary>Undoes what <see cref="Open"/> made when nothing was recorded (the data was bad, the window empty): the
    /// manifest, the empty journal and the folder if it made it, so that the corrected command starts afresh instead of
    /// being refused as another sweep. Does nothing once a trial is recorded or when the folder held this sweep before.</summary>
    public void AbandonIfEmpty()
    {
        if (!_created || Recorded.Count > 0) return;
        string journal = System.IO.Path.Combine(Path, SweepJournal.FileName);
        if (File.Exists(journal) && new FileInfo(journal).Length > 0) return;
        File.Delete(journal);
        File.Delete(System.IO.Path.Combine(Path, SweepManifest.FileName));
        if (_createdFolder && !Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
    }

    /// <summary>The folder (full path).</summary>
    public string Path { get; }

    /// <summary>The trials recorded so far (resumed ones first), in the order recorded.</summary>
    public IReadOnlyList<TrialOutcome> Recorded
    {
        get
        {
            lock (_lock) return _recorded.ToArray();
        }
    }

    /// <summary>Why <paramref name="dir"/> cannot hold a sweep reading <paramref name="inputs"/>, or null.</summary>
    public static string? Problem(string dir, IEnumerable<string?> inputs)
    {
        if (RunFolder.Problem(dir, inputs) is { } problem) return problem.Replace("a run writes", "a sweep writes", StringComparison.Ordinal);
        string full = System.IO.Path.GetFullPath(dir);
        if (Directory.Exists(full) && !File.Exists(System.IO.Path.Combine(full, SweepManifest.FileName))
            && Directory.EnumerateFileSystemEntries(full).Any())
            return $"the output folder \"{dir}\" is not empty and holds no sweep (no {SweepManifest.FileName}); name a new or empty folder";
        return null;
    }

    /// <summary>Creates <paramref name="dir"/> with <paramref name="manifest"/>, or reopens it when it holds the same
    /// sweep; throws <see cref="SweepInputException"/> naming the first manifest field that differs.</summary>
    public static SweepFolder Open(string dir, SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string full = System.IO.Path.GetFullPath(dir);
        string manifestPath = System.IO.Path.Combine(full, SweepManifest.FileName);
        bool created = !File.Exists(manifestPath), createdFolder = !Directory.Exists(full);
        if (!created)
        {
            if (manifest.FirstDifference(File.ReadAllText(manifestPath)) is { } field)
                throw new SweepInputException($"--out {dir}: holds another sweep (its {SweepManifest.FileName} differs in \"{field}\"); "
                    + "name another folder, or remove this one to start again");
        }
        else
        {
            try
            {
                Directory.CreateDirectory(full);
                AtomicFile.Write(manifestPath, w => w.Write(manifest.ToJson()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SweepInputException($"--out {dir}: cannot write there ({e.Message})");
            }
        }
        var (journal, recorded) = SweepJournal.Open(full);
        return new SweepFolder(full, journal, recorded) { _created = created, _createdFolder = createdFolder };
    }

    /// <summary>Records a finished batch (flushed to disk before it returns): give it as <see cref="SweepRunOptions.AfterBatch"/>.</summary>
    public async Task RecordAsync(IReadOnlyList<TrialOutcome> batch, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _journal.AppendAsync(batch, token).ConfigureAwait(false);
        lock (_lock) _recorded.AddRange(batch);
    }

    /// <summary>Writes <c>trials.csv</c> (and <c>trials.parquet</c> through <paramref name="parquet"/>) of every recorded
    /// trial, sorted by id.</summary>
    public void WriteTables(ParameterSpace space, Objective objective, ITrialTableWriter? parquet)
    {
        var table = TrialTable.Of(Recorded, space, objective);
        AtomicFile.Write(System.IO.Path.Combine(Path, CsvName), table.WriteCsv);
        if (parquet is null) return;
        string target = System.IO.Path.Combine(Path, ParquetName), temp = target + $".tmp-{Environment.ProcessId}";
        try
        {
            parquet.Write(temp, table);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
