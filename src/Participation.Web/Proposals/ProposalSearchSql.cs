using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

/// <summary>
/// Full-text search over proposals, in each provider's dialect. SQLite has the FTS5 table
/// ProposalSearch, kept by triggers; PostgreSQL has the generated tsvector column SearchVector
/// (title weighted A, text B, then words for the filters), read with the French configuration
/// below and a GIN index.
/// </summary>
public static class ProposalSearchSql
{
    /// <summary>French stemming over unaccented words: « ecole » finds « école », « enfants » finds « enfant ».</summary>
    public const string PostgresConfiguration = "french_unaccent";

    /// <summary>
    /// The proposals holding every word typed, or null when nothing searchable was typed. On
    /// PostgreSQL the filters asked for are looked up in the same index, as the words the search
    /// vector carries for them (see <see cref="FilterWords"/>); the caller still filters as usual.
    /// </summary>
    public static IQueryable<Proposal>? Matching(ParticipationDb db, ProposalFilter filter)
    {
        if (db.Database.IsNpgsql())
        {
            if (ProposalSearch.ToTsQuery(filter.Query) is not { } query)
            {
                return null;
            }
            return FilterWords(filter) is { } filters
                ? db.Proposals.FromSql($"""SELECT * FROM "Proposals" WHERE "SearchVector" @@ (to_tsquery('french_unaccent', {query}) && {filters}::tsquery)""")
                : db.Proposals.FromSql($"""SELECT * FROM "Proposals" WHERE "SearchVector" @@ to_tsquery('french_unaccent', {query})""");
        }
        return ProposalSearch.ToFtsQuery(filter.Query) is { } fts
            ? db.Proposals.FromSql($"SELECT * FROM Proposals WHERE Id IN (SELECT rowid FROM ProposalSearch WHERE ProposalSearch MATCH {fts})")
            : null;
    }

    /// <summary>
    /// The filters of a list as a PostgreSQL text query over the words the migration
    /// ProposalFilterWords adds to each search vector: « #s » and the step, « #c » and the origin,
    /// « #t » and a theme's flag, « #a » and an age band's flag. A typed word holds only letters and
    /// digits, so it can never be, or begin, one of these. Null when no such filter is asked for.
    /// </summary>
    public static string? FilterWords(ProposalFilter filter)
    {
        var words = new List<string>();
        if (filter.Status is { } status)
        {
            words.Add($"#s{(int)status}");
        }
        if (filter.Channel is { } channel)
        {
            words.Add($"#c{(int)channel}");
        }
        if (filter.Theme is { } theme)
        {
            words.Add($"#t{(int)theme}");
        }
        if (filter.AgeBand is { } band)
        {
            words.Add($"#a{(int)band.ToSet()}");
        }
        return words.Count == 0 ? null : string.Join(" & ", words.Select(w => $"'{w}'"));
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
        // A search no one can wait for is cut short rather than left to hold a core.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL statement_timeout = '5s'");
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
