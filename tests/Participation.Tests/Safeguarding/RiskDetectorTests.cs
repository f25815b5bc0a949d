using Participation.Web.Safeguarding;

namespace Participation.Tests.Safeguarding;

/// <summary>Worked examples of the lists: what each kind of entry catches, and what it lets be.</summary>
public sealed class RiskDetectorTests
{
    [Theory]
    [InlineData("Je veux mourir, mon éducateur me frappe", "suicide,violence")]
    [InlineData("jveux mourir", "suicide")]
    [InlineData("chui fatiguée jvais me foutre en l'air", "suicide")]
    [InlineData("je me scarifie", "suicide")]
    [InlineData("j'ai plus envie de vivre", "suicide")]
    [InlineData("il me tape", "violence")]
    [InlineData("il m'a encore frappé", "violence")]
    [InlineData("mon beau-père me tape dessus", "violence")]
    [InlineData("je me fais taper par mon frère", "violence")]
    [InlineData("il me touche la nuit", "violence")]
    [InlineData("mon copain me force à faire des trucs que je veux pas", "violence")]
    [InlineData("il m'oblige à faire des choses que je ne veux pas", "violence")]
    [InlineData("je vais fuguer ce soir", "danger")]
    [InlineData("je dors dehors depuis deux jours", "danger")]
    [InlineData("ils se moquent de moi tous les jours", "bullying")]
    [InlineData("ils ont partagé une photo de moi sans mon accord", "bullying")]
    [InlineData("mon numéro c'est 06 12 34 56 78", "personal-details")]
    [InlineData("je suis au collège Jean Moulin", "personal-details")]
    public void Risks_are_caught_in_their_category(string text, string summary) =>
        Assert.Equal(summary, Lists.Summary(text));

    [Theory]
    [InlineData("je suis mort de rire")]
    [InlineData("ce contrôle m'a tué")]
    [InlineData("j'ai faim à mourir")]
    [InlineData("on s'est battus au foot")]
    [InlineData("je meurs d'envie d'y aller")]
    [InlineData("ça me tue")]
    [InlineData("mdr je vais crever de chaud")]
    [InlineData("il me tape sur les nerfs")]
    [InlineData("il m'a battu aux échecs")]
    [InlineData("il faut en finir avec la malbouffe à la cantine")]
    [InlineData("On pourrait faire une journée contre le harcèlement au collège")]
    [InlineData("Les éducs lisent nos messages, ça viole notre vie privée")]
    [InlineData("ton message m'a beaucoup touchée")]
    [InlineData("Je veux plus vivre en foyer, je voudrais une famille d'accueil")]
    public void Everyday_french_is_not_a_risk(string text) =>
        Assert.Equal("-", Lists.Summary(text));

    [Theory]
    [InlineData("On se voit samedi devant la gare ?")]
    [InlineData("rdv au parc à 18h")]
    [InlineData("tu veux qu'on se voie en vrai ?")]
    public void A_proposal_to_meet_is_counted_apart_and_holds_nothing_outside_the_peer_network(string text)
    {
        var report = Lists.Detector.Scan(text);

        Assert.True(report.ProposesMeeting);
        Assert.False(report.HasPersonalDetails);
        Assert.Equal(RiskNames.MeetUp, report.Summary);
        // A council idea or a proposal goes on as usual: only the peer network holds a meet-up.
        Assert.Equal(Verdict.Clear, new Safeguard(Lists.Detector, Microsoft.Extensions.Logging.Abstractions.NullLogger<Safeguard>.Instance).Screen(text, Writer.Young).Verdict);
    }

    [Fact]
    public void A_finding_names_the_entry_that_caught_it_and_where()
    {
        const string text = "Bonjour. Il m'a encore frappé hier.";
        var report = Lists.Detector.Scan(text);
        var finding = Assert.Single(report.Risks);
        Assert.Equal(RiskCategory.Violence, finding.Category);
        Assert.StartsWith("violence.txt:", finding.Entry.Id);
        Assert.Contains("@frapper", finding.Entry.Expression);
        Assert.False(string.IsNullOrWhiteSpace(finding.Entry.Comment));
        Assert.Equal("m'a encore frappé", finding.Excerpt);
        Assert.Equal(finding.Excerpt, text.Substring(finding.Where.Start, finding.Where.Length));
    }

    [Fact]
    public void A_longer_entry_survives_an_exception_it_goes_beyond()
    {
        Assert.Equal("-", Lists.Summary("je veux en finir avec les devoirs"));
        Assert.Equal("suicide", Lists.Summary("je veux en finir avec la vie"));
        Assert.Equal("-", Lists.Summary("je veux mourir de rire"));
    }

    [Fact]
    public void Personal_details_are_a_separate_kind_of_finding_from_risks()
    {
        var report = Lists.Detector.Scan("écris moi sur snap, mon tel 06 12 34 56 78");
        Assert.Empty(report.Risks);
        Assert.False(report.NeedsPerson);
        Assert.True(report.HasPersonalDetails);
        Assert.Equal([PersonalDetailKind.Phone, PersonalDetailKind.Handle], report.PersonalDetailKinds);
        Assert.Equal("personal-details", report.Summary);

        var both = Lists.Detector.Scan("je veux mourir, appelez moi au 0612345678");
        Assert.True(both.NeedsPerson);
        Assert.Equal("suicide,personal-details", both.Summary);
    }

    [Fact]
    public void Establishments_the_site_knows_are_caught_by_name_and_can_be_replaced()
    {
        var detector = RiskDetector.Load(Infrastructure.RepoPaths.Content);
        Assert.Equal("-", detector.Scan("on s'amuse bien aux Hirondelles").Summary);

        detector.UsePlaces(["Maison d'enfants Les Hirondelles", "Foyer Arc-en-ciel"]);
        var report = detector.Scan("on s'amuse bien aux Hirondelles");
        var place = Assert.Single(report.PersonalDetails);
        Assert.Equal(PersonalDetailKind.Place, place.Kind);
        Assert.Equal("aux Hirondelles", place.Excerpt);
        Assert.Equal("Maison d'enfants Les Hirondelles", place.Entry.Expression);
        Assert.Equal("personal-details", detector.Scan("je vis au foyer arc en ciel").Summary);

        detector.UsePlaces(["Foyer Arc-en-ciel"]);
        Assert.Equal("-", detector.Scan("on s'amuse bien aux Hirondelles").Summary);
        Assert.Equal(["Foyer Arc-en-ciel"], detector.Places);
    }

    [Fact]
    public void A_report_that_failed_holds_the_text_for_a_person()
    {
        var failed = RiskReport.Unscanned(new InvalidOperationException("boom"));
        Assert.True(failed.Failed);
        Assert.True(failed.NeedsPerson);
        Assert.False(failed.IsClear);
        Assert.Equal("error", failed.Summary);
        Assert.Contains("boom", failed.Failure);
    }

    [Fact]
    public void Empty_text_is_clear_and_a_huge_text_is_scanned_up_to_the_limit_and_held()
    {
        Assert.True(Lists.Detector.Scan("").IsClear);
        Assert.True(Lists.Detector.Scan(null).IsClear);

        var huge = new string('a', RiskDetector.MaxLength) + " je veux mourir";
        var report = Lists.Detector.Scan(huge);
        Assert.True(report.Truncated);
        Assert.Empty(report.Risks);
        Assert.True(report.NeedsPerson);
    }

    [Fact]
    public void One_detector_serves_many_threads_at_once()
    {
        var texts = new[] { "il m'a encore frappé", "je suis mort de rire", "je veux mourir", "mon snap c'est lea_2010" };
        var expected = texts.Select(Lists.Summary).ToArray();
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            Assert.Equal(expected[i % texts.Length], Lists.Detector.Scan(texts[i % texts.Length]).Summary);
            if (i % 500 == 0)
            {
                Lists.Detector.UsePlaces(Lists.DemoPlaces);
            }
        });
    }
}
