using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Participation.Web.Data;

/// <summary>
/// The data-protection keys that sign and encrypt the cookies (sign-in, guest pass, antiforgery,
/// consultation codes) live in the database, so that a cookie made by one instance of the site is
/// read by every other, and survives a restart.
/// </summary>
public static class SharedKeys
{
    /// <summary>The folder the keys lived in before they moved into the database, if there was one.</summary>
    public sealed record FormerFolder(string? Path);

    public static IServiceCollection AddSharedKeys(this IServiceCollection services, IConfiguration configuration, string? formerFolder)
    {
        // The application name is fixed, so that keys still read after the site moves folder.
        var protection = services.AddDataProtection().SetApplicationName("Participation").PersistKeysToDbContext<ParticipationDb>();
        // At rest, the keys are encrypted with the certificate the settings give, so that a copy of
        // the database (a backup, a stolen disk) does not let anyone forge a sign-in cookie.
        if (KeyCertificate.Load(configuration) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate);
        }
        services.AddSingleton(new FormerFolder(formerFolder));
        return services;
    }

    /// <summary>
    /// Brings in the keys of the former folder, then reads the key ring, writing a first key if there
    /// is none: before anything (the demo seed, a token) protects a value inside a transaction of
    /// its own, where on SQLite the key's INSERT would wait for that very transaction.
    /// </summary>
    public static async Task PrepareKeysAsync(this IServiceProvider services, CancellationToken cancellation = default)
    {
        await ImportFormerKeysAsync(services, cancellation);
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Participation.Start").Protect([0]);
    }

    /// <summary>
    /// Copies the keys of the former folder that the database does not have yet, so that the people
    /// signed in before the upgrade stay signed in. The files are the same XML, encrypted or not,
    /// that the database keeps; they are left in place. Must run before anything reads the key
    /// ring, which is cached: at start-up, before the site serves. Returns how many were copied.
    /// </summary>
    public static async Task<int> ImportFormerKeysAsync(IServiceProvider services, CancellationToken cancellation = default)
    {
        if (services.GetRequiredService<FormerFolder>().Path is not { } folder || !Directory.Exists(folder))
        {
            return 0;
        }
        var files = Directory.GetFiles(folder, "*.xml");
        if (files.Length == 0)
        {
            return 0;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        // One transaction, so that two instances starting together do not both copy the same key.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellation)).ToHashSet();
        var copied = 0;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name))
            {
                continue;
            }
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting) });
            copied++;
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        if (copied > 0)
        {
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SharedKeys))
                .LogInformation("{Count} data-protection keys copied from {Folder} into the database", copied, folder);
        }
        return copied;
    }
}
