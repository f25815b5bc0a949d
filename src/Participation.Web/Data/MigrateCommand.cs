namespace Participation.Web.Data;

/// <summary>
/// Brings the database up to date and exits: <c>dotnet run --project src/Participation.Web -- migrate</c>.
/// Where several instances serve the site, it runs once before they start, and they are set not to
/// migrate themselves (<c>Database:MigrateOnStart=false</c>).
/// </summary>
public static class MigrateCommand
{
    public static bool Handles(string[] args) => args is ["migrate", ..];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var applied = await DataExtensions.MigrateAsync(services);
        await output.WriteLineAsync(applied.Count == 0
            ? "La base de données est déjà à jour."
            : $"Migrations appliquées ({applied.Count}) : {string.Join(", ", applied)}.");
        return 0;
    }
}
