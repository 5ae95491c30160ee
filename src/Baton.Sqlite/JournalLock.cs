using System.Globalization;

namespace Baton.Sqlite;

/// <summary>
/// One live session per SQLite journal, without locking the database itself (so <c>baton replay</c> and <c>sqlite3</c> can
/// read a running session's journal): the session holds an exclusive OS lock (<c>flock</c>) on a side file
/// <c>JOURNAL.lock</c> for as long as it has the journal open. The OS drops the lock when the process dies, however it dies,
/// so a stale lock file never blocks a restart. Who holds it is recorded in the journal (table <c>holder</c>).
/// </summary>
internal sealed class JournalLock : IDisposable
{
    private readonly FileStream _file;

    private JournalLock(FileStream file) => _file = file;

    /// <summary>The lock of <paramref name="journal"/>, or null when another session (in this process or another) holds it.</summary>
    public static JournalLock? TryTake(string journal)
    {
        try
        {
            // FileShare.None: .NET takes flock(LOCK_EX | LOCK_NB), held per open file, released by the OS on exit or kill
            return new JournalLock(new FileStream(journal + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>How the holder describes itself: process, host and since when.</summary>
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z");

    public void Dispose() => _file.Dispose();
}
