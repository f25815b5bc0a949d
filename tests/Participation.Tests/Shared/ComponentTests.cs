using Bunit;
using Participation.Web.Accounts;
using Participation.Web.Plan;
using Participation.Web.Proposals;
using Participation.Web.Schema;
using Participation.Web.Shared;

namespace Participation.Tests.Shared;

public sealed class ComponentTests : BunitContext
{
    [Fact]
    public void The_emergency_line_calls_the_119_and_points_to_every_help_number()
    {
        var cut = Render<EmergencyLine>();
        Assert.Equal("119", cut.Find("a[href='tel:119']").TextContent);
        Assert.NotNull(cut.Find("a[href='/aide']"));
        Assert.Contains("gratuit", cut.Markup);
    }

    [Fact]
    public void The_emergency_line_speaks_the_words_of_its_frame()
    {
        Assert.Contains("Appelle le", Render<EmergencyLine>().Markup);
        Assert.Contains("Appelez le", Render<EmergencyLine>(p => p.Add(c => c.Words, FrameWords.Parents)).Markup);
        var arabic = Render<EmergencyLine>(p => p.Add(c => c.Words, FrameWords.Arabic));
        Assert.Contains(FrameWords.Arabic.EmergencyLead, arabic.Markup);
        Assert.DoesNotContain("Appel", arabic.Markup);
        // The number reads left to right inside a right-to-left line.
        Assert.Equal("ltr", arabic.Find("a[href='tel:119']").GetAttribute("dir"));
    }

    [Fact]
    public void Every_frame_has_every_word()
    {
        foreach (var frame in new[] { FrameWords.Young, FrameWords.Parents, FrameWords.ParentsEasyRead, FrameWords.English, FrameWords.Arabic, FrameWords.Spanish })
        {
            foreach (var property in typeof(FrameWords).GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name != nameof(FrameWords.InFrench)))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(frame)), $"{frame.HtmlLang} {property.Name}");
            }
        }
        Assert.Equal(FrameWords.Parents, FrameWords.ForPath("/consultations/bien-accueillis"));
        Assert.Equal(FrameWords.Young, FrameWords.ForPath("/consultations-jeunes"));
    }

    [Fact]
    public void A_step_line_fills_the_steps_reached_and_says_where_it_stands()
    {
        var cut = Render<StepLine>(p => p.Add(c => c.Step, 3).Add(c => c.Count, 6));
        Assert.Equal(6, cut.FindAll(".step-dot").Count);
        Assert.Equal(3, cut.FindAll(".step-dot-done").Count);
        Assert.Single(cut.FindAll(".step-dot-now"));
        Assert.Contains("step-dot-now", cut.FindAll(".step-dot")[2].ClassName);
        Assert.Equal("true", cut.Find(".step-dots").GetAttribute("aria-hidden"));
        Assert.Equal("Étape 3 sur 6", cut.Find(".step-words").TextContent);
    }

    [Fact]
    public void Cards_are_links_with_a_title_a_text_and_a_hidden_pictogram()
    {
        var cut = Render<CardGrid>(p => p.Add(c => c.Cards, [new Card("Tes droits", "Ce que dit la loi.", "/droits", "bouclier"), new Card("Aide", "Numéros.", "/aide", "telephone")]));
        var links = cut.FindAll("a.card-link");
        Assert.Equal(2, links.Count);
        Assert.Equal("/droits", links[0].GetAttribute("href"));
        Assert.Equal("Tes droits", links[0].QuerySelector(".card-title")!.TextContent);
        Assert.Equal("true", links[0].QuerySelector("svg")!.GetAttribute("aria-hidden"));
        Assert.Equal("/img/icons.svg#telephone", links[1].QuerySelector("use")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(AgeBand.From7To10, "7–10 ans")]
    [InlineData(AgeBand.From18To25, "18–25 ans")]
    public void The_age_band_badge_reads_in_French(AgeBand band, string text)
    {
        var cut = Render<AgeBandBadge>(p => p.Add(c => c.Band, band));
        Assert.Equal(text, cut.Find(".age-band").TextContent);
    }

    [Fact]
    public void The_activation_slip_shows_the_pseudonym_the_code_and_its_end_date()
    {
        var cut = Render<ActivationSlip>(p => p
            .Add(c => c.Pseudonym, "Colibri")
            .Add(c => c.Code, "KP7M-Q4RA")
            .Add(c => c.ExpiresOn, new DateOnly(2026, 12, 23)));
        Assert.Equal("Colibri", cut.Find(".slip-pseudonym").TextContent);
        Assert.Equal("KP7M-Q4RA", cut.Find(".slip-code").TextContent);
        Assert.Contains("23 décembre 2026", cut.Markup);
        Assert.Contains("/compte/activer", cut.Markup);
    }

    private static PlanView SamplePlan() => new(
        new PlanSummary("essai", "Schéma d'essai", "Ici", 2025, 2029, true),
        "Un schéma.",
        ["orientation", "priorité", "action"],
        [
            new PlanNodeView(1, "1", "orientation", 0, "Prévenir", "Agir tôt.",
            [
                new PlanNodeView(2, "1.1", "priorité", 1, "Soutenir les parents", "Avant la crise.",
                [
                    new PlanNodeView(3, "1.1.1", "action", 2, "Créer une académie", "Des parents formés.", []),
                    new PlanNodeView(4, "1.1.2", "action", 2, "Ouvrir des lieux", "Près de chez soi.", []),
                ]),
            ]),
            new PlanNodeView(5, "2", "orientation", 0, "Protéger", "Accueillir bien.", []),
        ],
        [new CommitmentView(7, "Écrire une charte", "Avec les jeunes.", 2025, 2026, [new ActionRef("1.1.1", "Créer une académie")])]);

    [Fact]
    public void The_plan_tree_names_each_kind_and_nests_the_levels()
    {
        var cut = Render<PlanTree>(p => p.Add(c => c.Plan, SamplePlan()));
        Assert.Equal(2, cut.FindAll("section.plan-root").Count);
        Assert.Contains("Orientation 1", cut.Find("#node-1").TextContent);
        var priority = cut.Find("li#node-1\\.1");
        Assert.Contains("Priorité 1.1", priority.QuerySelector("summary")!.TextContent);
        Assert.Contains("2 actions", priority.QuerySelector("summary")!.TextContent);
        Assert.Equal(2, priority.QuerySelectorAll(".plan-leaf").Length);
        Assert.Contains("Action 1.1.2", priority.QuerySelectorAll(".plan-leaf")[1].TextContent);
        Assert.Equal("/schema/essai/1.1.2", priority.QuerySelectorAll(".plan-leaf a")[1].GetAttribute("href"));
    }

    [Fact]
    public void A_plan_view_counts_nodes_at_each_depth()
    {
        var plan = SamplePlan();
        Assert.Equal(2, plan.CountAt(0));
        Assert.Equal(1, plan.CountAt(1));
        Assert.Equal(2, plan.CountAt(2));
    }

    [Fact]
    public void Commitments_show_their_years_and_link_to_their_actions()
    {
        var cut = Render<CommitmentList>(p => p.Add(c => c.Commitments, SamplePlan().Commitments).Add(c => c.PlanSlug, "essai").Add(c => c.Current, "1.1.1"));
        Assert.Contains("Engagement 7", cut.Find(".commitment-title").TextContent);
        Assert.Equal("2025-2026", cut.Find(".commitment-years").TextContent);
        // Each action by its code and its title, linked to its own page.
        Assert.Equal("/schema/essai/1.1.1", cut.Find("a.action-code").GetAttribute("href"));
        Assert.Contains("1.1.1 Créer une académie", cut.Find(".commitment-actions li").TextContent);
        Assert.Equal("page", cut.Find("a.action-code").GetAttribute("aria-current"));
    }
}

public sealed class ChartComponentTests : BunitContext
{
    private static readonly IReadOnlyList<Figure> Figures =
        [new("alimentation", 30), new("numérique", 15), new("santé", 0)];

    [Fact]
    public void The_bar_chart_draws_one_bar_per_figure_scaled_to_the_largest()
    {
        var cut = Render<BarChart>(p => p.Add(c => c.Id, "theme").Add(c => c.Title, "Par thème").Add(c => c.Figures, Figures).Add(c => c.Total, 40));
        var bars = cut.FindAll("rect.chart-bar");
        Assert.Equal(3, bars.Count);
        // In percent of the chart's own width, which is that of its box.
        Assert.Equal(["100%", "50%", "0%"], bars.Select(b => b.GetAttribute("width")));
        Assert.Equal("100%", cut.Find("svg").GetAttribute("width"));
        Assert.Null(cut.Find("svg").GetAttribute("viewBox"));
        Assert.Equal("img", cut.Find("svg").GetAttribute("role"));
        Assert.Equal("theme-titre", cut.Find("svg").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void The_table_beside_the_chart_carries_the_same_figures_and_shares_of_the_total()
    {
        var cut = Render<BarChart>(p => p.Add(c => c.Id, "theme").Add(c => c.Title, "Par thème").Add(c => c.Figures, Figures).Add(c => c.Total, 40));
        var rows = cut.FindAll("table tbody tr");
        Assert.Equal(["alimentation", "numérique", "santé"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["30", "15", "0"], rows.Select(r => r.QuerySelectorAll("td")[0].TextContent));
        Assert.Equal(["75\u202F%", "38\u202F%", "0\u202F%"], rows.Select(r => r.QuerySelectorAll("td")[1].TextContent));
        Assert.Equal(["30", "15", "0"], cut.FindAll(".chart-value").Select(t => t.TextContent));
    }

    [Fact]
    public void Categories_share_one_colour_and_a_scale_goes_from_light_to_dark_in_order()
    {
        var categories = Render<BarChart>(p => p.Add(c => c.Id, "c").Add(c => c.Title, "C").Add(c => c.Figures, Figures));
        Assert.All(categories.FindAll("rect.chart-bar"), b => Assert.Equal(ChartPalette.Category, b.GetAttribute("fill")));

        Figure[] points = [new("1", 2), new("2", 5), new("3", 9), new("4", 7), new("5", 3)];
        var scale = Render<BarChart>(p => p.Add(c => c.Id, "s").Add(c => c.Title, "S").Add(c => c.Figures, points).Add(c => c.Kind, ChartKind.Scale));
        var fills = scale.FindAll("rect.chart-bar").Select(b => b.GetAttribute("fill")!).ToList();
        Assert.Equal(5, fills.Distinct().Count());
        var luminance = fills.Select(Luminance).ToList();
        Assert.Equal(luminance.OrderByDescending(l => l), luminance);
    }

    [Theory]
    [InlineData("#ffffff")]
    [InlineData("#fffdf7")]
    public void Every_chart_colour_keeps_three_to_one_against_the_page_and_the_panel(string background)
    {
        foreach (var colour in ChartPalette.Blues.Append(ChartPalette.Category))
        {
            var (light, dark) = (Math.Max(Luminance(colour), Luminance(background)), Math.Min(Luminance(colour), Luminance(background)));
            Assert.True((light + 0.05) / (dark + 0.05) >= 3, $"{colour} on {background}");
        }
        Assert.Equal(ChartPalette.Blues, ChartPalette.Ramp(6));
        Assert.Equal([ChartPalette.Blues[0], ChartPalette.Blues[^1]], ChartPalette.Ramp(2));
    }

    /// <summary>WCAG's relative luminance of a « #rrggbb » colour.</summary>
    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = Convert.ToInt32(hex.Substring(offset, 2), 16) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }

    [Fact]
    public void Without_a_total_shares_are_of_the_sum()
    {
        var cut = Render<BarChart>(p => p.Add(c => c.Id, "x").Add(c => c.Title, "X").Add(c => c.Figures, [new("a", 1), new("b", 3)]));
        Assert.Equal("(4 au total)", cut.Find(".chart-total").TextContent);
        Assert.Equal("25\u202F%", cut.FindAll("table tbody tr")[0].QuerySelectorAll("td")[1].TextContent);
    }

    [Fact]
    public void A_status_badge_names_the_step_in_French() =>
        Assert.Equal("transmise au Département", Render<StatusBadge>(p => p.Add(c => c.Status, ProposalStatus.SentToDepartment)).Find(".status").TextContent);

    [Fact]
    public void The_trail_tells_each_step_with_its_reason()
    {
        var at = new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero);
        var cut = Render<ProposalTrail>(p => p.Add(c => c.Steps,
        [
            new TrailStep(at, EventKind.Submitted, "Colibri", null, ProposalStatus.Deposited, null),
            new TrailStep(at.AddDays(3), EventKind.StatusChanged, "Modérateur·rice", ProposalStatus.Published, ProposalStatus.NotRetained, "Déjà prévu par le règlement."),
        ]));
        var steps = cut.FindAll(".trail-step");
        Assert.Contains("12 mars 2026", steps[0].TextContent);
        Assert.Contains("Déposée par Colibri.", steps[0].TextContent);
        Assert.Contains("Non retenue (Modérateur·rice).", steps[1].TextContent);
        Assert.Equal("Déjà prévu par le règlement.", steps[1].QuerySelector(".trail-why")!.TextContent);
    }
}

public sealed class CouncilComponentTests : BunitContext
{
    [Fact]
    public void Choice_results_are_listed_from_most_to_least_votes()
    {
        var tally = new Participation.Web.Council.TallyView(1, Participation.Web.Council.PollKind.SingleChoice, 5,
            [new(1, "Fruits", 1, null, null), new(2, "Gâteau", 4, null, null)], 3);
        var cut = Render<Participation.Web.Council.TallyResult>(p => p.Add(c => c.Question, "Quel goûter ?").Add(c => c.Tally, tally));
        Assert.Equal("Quel goûter ?", cut.Find(".tally-question").TextContent);
        Assert.Contains("5 votes", cut.Find(".small").TextContent);
        Assert.Equal(["Gâteau", "Fruits"], cut.FindAll("tbody th").Select(th => th.TextContent));
        Assert.Equal(["4", "1"], cut.FindAll("tbody td").Select(td => td.TextContent));
    }

    [Fact]
    public void Majority_judgment_results_show_each_merit_profile_with_its_majority_grade()
    {
        var tally = new Participation.Web.Council.TallyView(2, Participation.Web.Council.PollKind.MajorityJudgment, 4,
        [
            new(7, "Une clé", 4, [2, 1, 1, 0, 0, 0, 0], "Très bien"),
            new(8, "Un casier", 4, [0, 0, 1, 1, 0, 0, 2], "Assez bien"),
        ], 1);
        var cut = Render<Participation.Web.Council.TallyResult>(p => p.Add(c => c.Question, "Ces idées ?").Add(c => c.Tally, tally));
        var merits = cut.FindAll(".merit");
        Assert.Contains("mention majoritaire : Très bien", merits[0].TextContent);
        var parts = merits[0].QuerySelectorAll("rect");
        Assert.Equal(["50", "25", "25"], parts.Select(r => r.GetAttribute("width")));
        Assert.Equal(["0", "50", "75"], parts.Select(r => r.GetAttribute("x")));
        Assert.Equal("Excellent : 2, Très bien : 1, Bien : 1", merits[0].QuerySelector("svg")!.GetAttribute("aria-label"));
        Assert.Equal(7, cut.FindAll(".merit-key").Count);
    }
}
