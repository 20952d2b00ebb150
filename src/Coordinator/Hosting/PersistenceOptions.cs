namespace AkkaEtl.Coordinator.Hosting;

public enum PersistenceMode
{
    /// <summary>In memory: for a one-process run, which starts over anyway when it is run again.</summary>
    Memory,
    Sqlite,
    Postgres,
}

/// <summary>Where the coordinator journals its state: SQLite in the state folder by default, PostgreSQL by configuration.</summary>
public sealed record PersistenceOptions(PersistenceMode Mode, string? ConnectionString = null)
{
    public static readonly PersistenceOptions Memory = new(PersistenceMode.Memory);

    public static PersistenceOptions SqliteIn(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        return new PersistenceOptions(PersistenceMode.Sqlite, $"Data Source={Path.Combine(Path.GetFullPath(stateDirectory), "akkaetl.db")};Pooling=True");
    }

    // The connection string may hold a password: never shown.
    public override string ToString() => Mode.ToString();
}
