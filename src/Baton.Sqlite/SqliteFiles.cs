using System.Text;
using Microsoft.Data.Sqlite;

namespace Baton.Sqlite;

/// <summary>
/// Checks that a file named as a journal or a run history is one, before anything opens it for writing: a text file, a
/// SQLite database of another kind or (for reading) an empty file is refused with <see cref="InvalidDataException"/>
/// naming the file, what it is and what was expected; the file is left as it was.
/// </summary>
public static class SqliteFiles
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Refuses <paramref name="path"/> unless it is missing or empty (<paramref name="mayCreate"/>), or a SQLite
    /// database that has <paramref name="table"/> or no table at all (<paramref name="mayCreate"/>).</summary>
    /// <param name="what">What the file should be, e.g. "a live journal", for the message.</param>
    public static void Check(string path, string table, string what, bool mayCreate)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new InvalidDataException($"{path}: a folder, not {what}");
        if (!File.Exists(path))
        {
            if (mayCreate) return;
            throw new InvalidDataException($"{path}: no such file (expected {what})");
        }
        long length = new FileInfo(path).Length;
        if (length == 0)
        {
            if (mayCreate) return;
            throw new InvalidDataException($"{path}: empty file, not {what}");
        }
        if (!HasMagic(path)) throw new InvalidDataException($"{path}: not a SQLite database (expected {what})");
        var tables = Tables(path);
        if (tables.Contains(table, StringComparer.Ordinal) || (mayCreate && tables.Count == 0)) return;
        throw new InvalidDataException(tables.Count == 0
            ? $"{path}: an empty SQLite database, not {what}"
            : $"{path}: a SQLite database of another kind (tables: {string.Join(", ", tables)}), not {what}");
    }

    private static bool HasMagic(string path)
    {
        var head = new byte[Magic.Length];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(Magic);
    }

    /// <summary>The database's table names, read without writing (read-only connection).</summary>
    private static List<string> Tables(string path)
    {
        // read-write without create: a WAL database (a journal) cannot be opened read-only without its -shm file; only a
        // SELECT runs, so nothing in the file changes
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 3 };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = command.ExecuteReader();
            var names = new List<string>();
            while (reader.Read()) names.Add(reader.GetString(0));
            return names;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)   // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new InvalidOperationException($"journal {path} is in use by another live session (or by baton replay)", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)   // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            throw new InvalidDataException($"{path}: a damaged SQLite database ({e.Message})", e);
        }
    }
}
