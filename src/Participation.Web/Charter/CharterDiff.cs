using DiffPlex;
using DiffPlex.Chunkers;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

public enum PracticeChange
{
    Unchanged,
    Added,
    Removed,
    Reworded,
}

public enum PieceKind
{
    Same,
    Inserted,
    Deleted,
}

/// <summary>A run of words in a compared text: kept, added by the newer version, or taken out.</summary>
public sealed record WordPiece(string Text, PieceKind Kind);

/// <summary>One practice across two versions, with the words that changed in its statement and its easy-to-read version.</summary>
public sealed record PracticeComparison(
    int Key, Theme Chapter, PracticeChange Change, CharterPractice? Before, CharterPractice? After,
    IReadOnlyList<WordPiece> Statement, IReadOnlyList<WordPiece> EasyRead)
{
    /// <summary>The practice moved to another chapter between the two versions.</summary>
    public bool Moved => Before is not null && After is not null && Before.Chapter != After.Chapter;
}

/// <summary>Compares two versions of the charter practice by practice, following each practice's key.</summary>
public static class CharterDiff
{
    public static IReadOnlyList<PracticeComparison> Compare(IEnumerable<CharterPractice> before, IEnumerable<CharterPractice> after)
    {
        var old = before.ToDictionary(p => p.Key);
        var @new = after.ToDictionary(p => p.Key);
        var comparisons = new List<PracticeComparison>();
        foreach (var key in old.Keys.Union(@new.Keys))
        {
            var a = old.GetValueOrDefault(key);
            var b = @new.GetValueOrDefault(key);
            var change = a is null ? PracticeChange.Added
                : b is null ? PracticeChange.Removed
                : a.Statement != b.Statement || a.EasyRead != b.EasyRead || a.Chapter != b.Chapter ? PracticeChange.Reworded
                : PracticeChange.Unchanged;
            comparisons.Add(new PracticeComparison(key, (b ?? a)!.Chapter, change, a, b,
                Words(a?.Statement ?? "", b?.Statement ?? ""), Words(a?.EasyRead ?? "", b?.EasyRead ?? "")));
        }
        // In the newer version's order; a removed practice stays where it stood in the older one.
        return comparisons
            .OrderBy(c => CharterChapters.Number(c.Chapter))
            .ThenBy(c => (c.After ?? c.Before)!.Order)
            .ThenBy(c => c.Key)
            .ToList();
    }

    /// <summary>The words of <paramref name="after"/> against <paramref name="before"/>: kept, inserted and deleted runs, in reading order.</summary>
    public static IReadOnlyList<WordPiece> Words(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var pieces = new List<WordPiece>();
        void Add(string text, PieceKind kind)
        {
            if (text.Length == 0)
            {
                return;
            }
            if (pieces.Count > 0 && pieces[^1].Kind == kind)
            {
                pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
            }
            else
            {
                pieces.Add(new WordPiece(text, kind));
            }
        }
        var inOld = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; inOld < block.DeleteStartA; inOld++)
            {
                Add(result.PiecesOld[inOld], PieceKind.Same);
            }
            for (var i = 0; i < block.DeleteCountA; i++)
            {
                Add(result.PiecesOld[block.DeleteStartA + i], PieceKind.Deleted);
            }
            for (var i = 0; i < block.InsertCountB; i++)
            {
                Add(result.PiecesNew[block.InsertStartB + i], PieceKind.Inserted);
            }
            inOld = block.DeleteStartA + block.DeleteCountA;
        }
        for (; inOld < result.PiecesOld.Count; inOld++)
        {
            Add(result.PiecesOld[inOld], PieceKind.Same);
        }
        return pieces;
    }
}
