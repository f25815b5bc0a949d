namespace Participation.Web.Data;

/// <summary>The database engines the site runs on, named by the <c>Database:Provider</c> setting.</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the site: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several instances of the site can share.</summary>
    Postgres,
}

public static class DatabaseSettings
{
    public const string ProviderKey = "Database:Provider";

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration[ProviderKey] is { Length: > 0 } value
            ? Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
                ? provider
                : throw new InvalidOperationException($"Database:Provider vaut « {value} » : les valeurs possibles sont Sqlite et Postgres.")
            : DatabaseProvider.Sqlite;
}
