using Participation.Web.Charter;
using Participation.Web.Shared;

namespace Participation.Tests.Charter;

public sealed class CharterDiffTests
{
    private static CharterPractice Practice(int key, string statement, string? easy = null, Theme chapter = Theme.Digital, int order = 1) => new()
    {
        Key = key, Chapter = chapter, Order = order, Statement = statement, EasyRead = easy ?? statement,
    };

    [Fact]
    public void Two_versions_are_compared_practice_by_practice_added_removed_reworded_and_unchanged()
    {
        var before = new[]
        {
            Practice(1, "Le téléphone est rendu à 22 h en semaine."),
            Practice(2, "Le wifi est ouvert le soir."),
            Practice(3, "Chacun peut garder une photo de sa famille dans sa chambre.", chapter: Theme.FamilyTies),
        };
        var after = new[]
        {
            Practice(1, "Le téléphone est rendu à 23 h le week-end."),
            Practice(3, "Chacun peut garder une photo de sa famille dans sa chambre.", chapter: Theme.FamilyTies),
            Practice(4, "Les règles du téléphone sont écrites avec les jeunes.", order: 2),
        };

        var changes = CharterDiff.Compare(before, after).ToDictionary(c => c.Key, c => c.Change);

        Assert.Equal(PracticeChange.Reworded, changes[1]);
        Assert.Equal(PracticeChange.Removed, changes[2]);
        Assert.Equal(PracticeChange.Unchanged, changes[3]);
        Assert.Equal(PracticeChange.Added, changes[4]);
    }

    [Fact]
    public void The_words_that_changed_are_marked_and_the_rest_reads_as_before()
    {
        var pieces = CharterDiff.Words("Le téléphone est rendu à 22 h en semaine.", "Le téléphone est rendu à 23 h le week-end.");

        Assert.Equal("Le téléphone est rendu à 22 h en semaine.", string.Concat(pieces.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text)));
        Assert.Equal("Le téléphone est rendu à 23 h le week-end.", string.Concat(pieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text)));
        Assert.StartsWith("Le téléphone est rendu à ", pieces[0].Text);
        Assert.Equal(PieceKind.Same, pieces[0].Kind);
        Assert.Contains(pieces, p => p.Kind == PieceKind.Deleted && p.Text.Contains("22"));
        Assert.Contains(pieces, p => p.Kind == PieceKind.Inserted && p.Text.Contains("23"));
        Assert.DoesNotContain(pieces, p => p.Kind != PieceKind.Same && p.Text.Contains("téléphone"));
    }

    [Fact]
    public void An_added_practice_is_all_inserted_and_a_removed_one_all_deleted()
    {
        var comparisons = CharterDiff.Compare([Practice(1, "Ancienne règle.")], [Practice(2, "Nouvelle règle.")]);

        Assert.All(comparisons.Single(c => c.Key == 2).Statement, p => Assert.Equal(PieceKind.Inserted, p.Kind));
        Assert.All(comparisons.Single(c => c.Key == 1).Statement, p => Assert.Equal(PieceKind.Deleted, p.Kind));
    }

    [Fact]
    public void A_change_to_the_easy_to_read_version_alone_is_a_rewording_and_a_change_of_chapter_is_a_move()
    {
        var comparisons = CharterDiff.Compare(
            [Practice(1, "Le repas du soir est pris ensemble.", "On mange ensemble le soir.", Theme.Food), Practice(2, "Sortir le samedi.", chapter: Theme.Leisure)],
            [Practice(1, "Le repas du soir est pris ensemble.", "Le soir, on mange tous ensemble.", Theme.Food), Practice(2, "Sortir le samedi.", chapter: Theme.SocialLife)]);

        var easy = comparisons.Single(c => c.Key == 1);
        Assert.Equal(PracticeChange.Reworded, easy.Change);
        Assert.All(easy.Statement, p => Assert.Equal(PieceKind.Same, p.Kind));
        Assert.Contains(easy.EasyRead, p => p.Kind == PieceKind.Inserted);
        var moved = comparisons.Single(c => c.Key == 2);
        Assert.True(moved.Moved);
        Assert.Equal(PracticeChange.Reworded, moved.Change);
    }

    [Fact]
    public void The_comparison_follows_the_chapters_in_the_charters_order()
    {
        var comparisons = CharterDiff.Compare([], [Practice(1, "a", chapter: Theme.LeavingCare), Practice(2, "b", chapter: Theme.SocialLife), Practice(3, "c", chapter: Theme.Food)]);

        Assert.Equal([2, 3, 1], comparisons.Select(c => c.Key));
    }

    [Fact]
    public void The_ten_chapters_are_the_daily_life_themes_then_school_leisure_family_and_leaving_care()
    {
        Assert.Equal(10, CharterChapters.All.Count);
        Assert.Equal("Le téléphone et internet", CharterChapters.Title(Theme.Digital));
        Assert.Equal(Theme.LeavingCare, CharterChapters.FromSlug("sortie-ase"));
        Assert.Null(CharterChapters.FromSlug("droits"));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharterChapters.Title(Theme.Rights));
    }
}
