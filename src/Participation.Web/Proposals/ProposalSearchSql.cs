using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Proposals;

/// <summary>
/// Full-text search over proposals, in each provider's dialect. SQLite has the FTS5 table
/// ProposalSearch, kept by triggers; PostgreSQL has the generated tsvector column SearchVector
/// (title weighted A, text B), read with the French configuration below and a GIN index.
/// </summary>
public static class ProposalSearchSql
{
    /// <summary>French stemming over unaccented words: « ecole » finds « école », « enfants » finds « enfant ».</summary>
    public const string PostgresConfiguration = "french_unaccent";

    /// <summary>The proposals holding every word typed, or null when nothing searchable was typed.</summary>
    public static IQueryable<Proposal>? Matching(ParticipationDb db, string? typed)
    {
        if (db.Database.IsNpgsql())
        {
            return ProposalSearch.ToTsQuery(typed) is { } query
                ? db.Proposals.FromSql($"""SELECT * FROM "Proposals" WHERE "SearchVector" @@ to_tsquery('french_unaccent', {query})""")
                : null;
        }
        return ProposalSearch.ToFtsQuery(typed) is { } fts
            ? db.Proposals.FromSql($"SELECT * FROM Proposals WHERE Id IN (SELECT rowid FROM ProposalSearch WHERE ProposalSearch MATCH {fts})")
            : null;
    }

    /// <summary>
    /// Finds the proposals holding the words typed. PostgreSQL guesses poorly how many hold a word
    /// (a prefix, a word absent from the corpus) and may then walk the whole table, or a whole
    /// index, filtering as it goes; for the time of the reading, it is told to look the words up in
    /// the GIN index first.
    /// </summary>
    public static async Task<T> ReadAsync<T>(ParticipationDb db, string? typed, Func<Task<T>> read)
    {
        if (!db.Database.IsNpgsql() || ProposalSearch.ToTsQuery(typed) is null || db.Database.CurrentTransaction is not null)
        {
            return await read();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off");
        var result = await read();
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>
    /// The twelve proposals closest to a title, the title weighing five times the text, leaving out
    /// the proposal itself, merged and declined ones, and held ones when asked; null when the title
    /// says too little to compare.
    /// </summary>
    public static IQueryable<Proposal>? Closest(ParticipationDb db, string title, int id, bool hideHeld)
    {
        var (merged, declined) = ((int)ProposalStatus.Merged, (int)ProposalStatus.Declined);
        if (db.Database.IsNpgsql())
        {
            return ProposalSearch.ToSimilarTsQuery(title) is { } query
                ? db.Proposals.FromSql($"""
                    SELECT * FROM "Proposals" WHERE "Id" IN (
                        SELECT o."Id" FROM "Proposals" o, to_tsquery('french_unaccent', {query}) q
                        WHERE o."SearchVector" @@ q AND o."Id" <> {id} AND o."Status" NOT IN ({merged}, {declined}) AND (NOT {hideHeld} OR NOT o."HeldForSafety")
                        ORDER BY ts_rank(ARRAY[0.1, 0.2, 0.2, 1.0]::real[], o."SearchVector", q) DESC LIMIT 12)
                    """)
                : null;
        }
        return ProposalSearch.ToSimilarQuery(title) is { } similar
            ? db.Proposals.FromSql($"""
                SELECT * FROM Proposals WHERE Id IN (
                    SELECT s.rowid FROM ProposalSearch s JOIN Proposals o ON o.Id = s.rowid
                    WHERE ProposalSearch MATCH {similar} AND o.Id <> {id} AND o.Status NOT IN ({merged}, {declined}) AND ({hideHeld} = 0 OR o.HeldForSafety = 0)
                    ORDER BY bm25(ProposalSearch, 5.0, 1.0) LIMIT 12)
                """)
            : null;
    }
}
