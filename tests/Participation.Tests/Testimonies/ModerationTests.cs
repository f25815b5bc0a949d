using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Tests.Media;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Testimonies;

namespace Participation.Tests.Testimonies;

/// <summary>From the moderation queue to the wall, a proposal, a withdrawal and the end of retention.</summary>
[Collection(TestimonySiteCollection.Name)]
public sealed class ModerationTests(TestimonySite site) : IDisposable
{
    private static readonly string Facilitator = $"animation@{DemoSeeder.Domain}";
    private static readonly string Moderator = $"moderation@{DemoSeeder.Domain}";
    private readonly Participation.Testing.TemporaryFolder _samples = new("participation-samples");

    public void Dispose() => _samples.Dispose();

    private Task<Testimony> StoredAsync(int id) =>
        site.WithDbAsync(db => db.Testimonies.Include(t => t.Media).Include(t => t.Campaign).SingleAsync(t => t.Id == id));

    /// <summary>A new campaign of its own, so a test may end it or sweep it without touching the others.</summary>
    private async Task<string> NewCampaignAsync(string title)
    {
        var facilitator = await site.SignedInClientAsync(Facilitator);
        var created = await facilitator.PostFormAsync("/pilotage/micro-trottoirs/nouveau", new Dictionary<string, string>
        {
            ["Title"] = title, ["Question"] = "Qu'est-ce qui t'aiderait au quotidien ?", ["Theme"] = "vie-quotidienne",
            ["Opens"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), ["Closes"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"),
            ["Bands"] = "15-17", ["Parents"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return await site.WithDbAsync(db => db.Campaigns.Where(c => c.Title == title).Select(c => c.Slug).SingleAsync());
    }

    private async Task<int> CollectAsync(string slug, Answer answer)
    {
        var facilitator = await site.SignedInClientAsync(Facilitator);
        answer.Fields.TryAdd("Profile", "jeune-15-17");
        var sent = await facilitator.SendAsync(slug, answer, "terrain");
        Assert.True(sent.Received, sent.Errors);
        return sent.Id;
    }

    private Answer WithMedia(string text, string voice = "AsRecorded") => Answer.Text(text) with
    {
        Fields = new() { ["Text"] = text, ["TextPublic"] = "true", ["Voice"] = voice, ["PhotoPublic"] = "true", ["ConsentGiven"] = "true" },
        Voice = (File.ReadAllBytes(MediaSamples.Recording(_samples.Path, ".webm", TimeSpan.FromSeconds(3))), "voix.webm", "audio/webm"),
        Photo = (MediaSamples.Photo(width: 600, height: 400), "photo.jpg", "image/jpeg"),
    };

    [Fact]
    public async Task Publishing_needs_a_transcript_and_a_description_then_the_wall_plays_and_shows_them()
    {
        var slug = await NewCampaignAsync("Mur à publier");
        var id = await CollectAsync(slug, WithMedia("Des horaires de sortie plus souples le week-end."));
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";

        var refused = await (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>())).ParseAsync();
        Assert.Contains("Écrivez la transcription", refused.Text());
        Assert.Contains("Décrivez la photo", refused.Text());
        Assert.Equal(TestimonyStatus.Pending, (await StoredAsync(id)).Status);

        // Nothing is public before publication, not even to a signed-in member.
        var testimony = await StoredAsync(id);
        var photo = testimony.Media.Single(m => m.Kind == MediaKind.Photo);
        var voice = testimony.Media.Single(m => m.Kind == MediaKind.Voice);
        var anonymous = site.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(TestimonyMediaEndpoint.Url(photo.FileName))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await site.SignedInClientAsync(Facilitator)).GetAsync(TestimonyMediaEndpoint.Url(voice.FileName))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(TestimonyMediaEndpoint.Url(voice.FileName))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Words", new Dictionary<string, string>
        {
            ["Text"] = "Des horaires de sortie plus souples le week-end.",
            ["Transcript"] = "Le samedi, rentrer à 22 heures au lieu de 20 heures.",
            ["PhotoAlt"] = "Un ciel bleu avec un carré rouge et des rayures noires.",
            ["Themes"] = "loisirs",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>())).StatusCode);

        var wall = await anonymous.GetDocumentAsync($"/micro-trottoirs/{slug}");
        var card = wall.QuerySelector($"#temoignage-{id}")!;
        Assert.Contains("un·e jeune de 15–17 ans", card.TextContent);
        Assert.Contains("Des horaires de sortie plus souples", card.QuerySelector("blockquote")!.TextContent);
        Assert.Equal(TestimonyMediaEndpoint.Url(voice.FileName), card.QuerySelector("audio")!.GetAttribute("src"));
        Assert.Equal($"transcription-{id}", card.QuerySelector("audio")!.GetAttribute("aria-describedby"));
        Assert.Contains("rentrer à 22 heures", card.QuerySelector($"#transcription-{id}")!.TextContent);
        Assert.Equal("Un ciel bleu avec un carré rouge et des rayures noires.", card.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal(1, (await anonymous.GetDocumentAsync($"/micro-trottoirs/{slug}?theme=loisirs")).QuerySelectorAll(".wall-card").Length);
        Assert.Equal(0, (await anonymous.GetDocumentAsync($"/micro-trottoirs/{slug}?qui=parent")).QuerySelectorAll(".wall-card").Length);

        // Served for a player: the right type, no sniffing, and ranges so it can seek.
        using var request = new HttpRequestMessage(HttpMethod.Get, TestimonyMediaEndpoint.Url(voice.FileName));
        request.Headers.Range = new RangeHeaderValue(0, 99);
        var partial = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("audio/mp4", partial.Content.Headers.ContentType!.MediaType);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("nosniff", partial.Headers.GetValues("X-Content-Type-Options").Single());
        var image = await anonymous.GetAsync(TestimonyMediaEndpoint.Url(photo.FileName));
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        // No date to the second of when the person spoke or the photo was blurred.
        Assert.Equal(2000, image.Content.Headers.LastModified!.Value.Year);
    }

    [Fact]
    public async Task A_disguised_voice_is_the_only_voice_kept()
    {
        var slug = await NewCampaignAsync("Voix transformée");
        var id = await CollectAsync(slug, WithMedia("Avec la voix transformée.", voice: "Disguised"));

        var testimony = await StoredAsync(id);

        Assert.Equal(VoiceConsent.Disguised, testimony.Voice);
        Assert.Equal(MediaKind.DisguisedVoice, Assert.Single(testimony.Media, m => m.Kind != MediaKind.Photo).Kind);
    }

    [Fact]
    public async Task Under_15_alone_only_the_words_are_published_until_a_facilitator_records_the_agreement()
    {
        var loutre = await site.SignedInClientAsync("Loutre");
        var page = await loutre.GetDocumentAsync("/micro-trottoirs/ton-foyer-ideal/repondre");
        Assert.Contains("seul ton texte pourra être publié", page.QuerySelector("#moins-de-15")!.TextContent);
        var sent = await loutre.SendAsync("ton-foyer-ideal", Answer.Text("Une cabane dans le jardin du foyer.") with { Photo = (MediaSamples.Photo(), "cabane.jpg", "image/jpeg") });
        Assert.True(sent.Received, sent.Errors);
        var id = sent.Id;

        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";
        await moderator.SubmitHandlerAsync(url, "Words", new Dictionary<string, string> { ["Text"] = "Une cabane dans le jardin du foyer.", ["PhotoAlt"] = "Une cabane en bois." });
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>())).StatusCode);

        var photo = (await StoredAsync(id)).Media.Single();
        var anonymous = site.CreateBrowserlessClient();
        var card = (await anonymous.GetDocumentAsync("/micro-trottoirs/ton-foyer-ideal")).QuerySelector($"#temoignage-{id}")!;
        Assert.Contains("Une cabane dans le jardin", card.TextContent);
        Assert.Null(card.QuerySelector("img"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(TestimonyMediaEndpoint.Url(photo.FileName))).StatusCode);

        // The facilitator sees the agreement missing on the campaign's page and records it.
        var facilitator = await site.SignedInClientAsync(Facilitator);
        var campaignId = (await StoredAsync(id)).CampaignId;
        var queue = await facilitator.GetDocumentAsync($"/pilotage/micro-trottoirs/{campaignId}");
        Assert.Contains("Loutre", queue.QuerySelector(".guardian-list")!.TextContent);
        Assert.Null(queue.QuerySelector("#moderation-titre"));
        var recorded = await facilitator.SubmitHandlerAsync($"/pilotage/micro-trottoirs/{campaignId}", "Guardian", new Dictionary<string, string>
        {
            ["TestimonyId"] = id.ToString(), ["GuardianWho"] = "son père", ["GuardianHow"] = "Written", ["GuardianAt"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        // The photo was never read for publication: recording the agreement sends the testimony back to a moderator.
        Assert.Equal(TestimonyStatus.Pending, (await StoredAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(TestimonyMediaEndpoint.Url(photo.FileName))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>())).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(TestimonyMediaEndpoint.Url(photo.FileName))).StatusCode);
        Assert.NotNull((await anonymous.GetDocumentAsync("/micro-trottoirs/ton-foyer-ideal")).QuerySelector($"#temoignage-{id} img[alt='Une cabane en bois.']"));
    }

    [Fact]
    public async Task A_photo_is_described_before_its_words_go_out_even_while_the_agreement_is_awaited()
    {
        var loutre = await site.SignedInClientAsync("Loutre");
        var sent = await loutre.SendAsync("ton-foyer-ideal", Answer.Text("Un baby-foot dans la salle commune.") with { Photo = (MediaSamples.Photo(), "babyfoot.jpg", "image/jpeg") });
        var moderator = await site.SignedInClientAsync(Moderator);

        var refused = await (await moderator.SubmitHandlerAsync($"/pilotage/micro-trottoirs/temoignages/{sent.Id}", "Publish", new Dictionary<string, string>())).ParseAsync();

        Assert.Contains("Décrivez la photo", refused.Text());
        Assert.Equal(TestimonyStatus.Pending, (await StoredAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task A_pseudonym_never_reaches_a_proposal_from_a_testimony_kept_private_nor_stays_after_withdrawal()
    {
        var loutre = await site.SignedInClientAsync("Loutre");
        var answer = Answer.Text("Je préfère que ce soit seulement pour l'équipe.") with
        {
            Fields = new() { ["Text"] = "Je préfère que ce soit seulement pour l'équipe.", ["NothingPublic"] = "true", ["SignWithPseudonym"] = "true", ["ConsentGiven"] = "true" },
        };
        var sent = await loutre.SendAsync("ton-foyer-ideal", answer);
        Assert.True(sent.Received, sent.Errors);
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{sent.Id}";
        await moderator.SubmitHandlerAsync(url, "Keep", new Dictionary<string, string>());
        var proposal = await site.WithDbAsync(db => db.Proposals.Where(p => p.Status == Participation.Web.Proposals.ProposalStatus.Published && !p.HeldForSafety).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Attach", new Dictionary<string, string> { ["ProposalId"] = proposal.ToString() })).StatusCode);

        var page = await site.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{proposal}");
        Assert.DoesNotContain("Loutre", page.Text());
        Assert.Contains("un·e jeune de 11–14 ans", page.QuerySelector(".evidence-list")!.TextContent);
        Assert.DoesNotContain("seulement pour l'équipe", page.Text());

        await site.Services.GetRequiredService<TestimonyWithdrawal>().WithdrawAsync(answer.Code);
        var after = await site.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{proposal}");
        Assert.DoesNotContain("Loutre", after.Text());
        var withdrawn = await StoredAsync(sent.Id);
        Assert.Null(withdrawn.CollectedById);
        Assert.NotEqual(answer.ClientId, withdrawn.ClientId);
    }

    [Fact]
    public async Task Blurring_replaces_the_photo_and_deletes_the_unblurred_file()
    {
        var slug = await NewCampaignAsync("Photo à flouter");
        var id = await CollectAsync(slug, WithMedia("Une photo avec un visage dessiné."));
        var before = (await StoredAsync(id)).Media.Single(m => m.Kind == MediaKind.Photo);
        var moderator = await site.SignedInClientAsync(Moderator);

        var blurred = await moderator.SubmitHandlerAsync($"/pilotage/micro-trottoirs/temoignages/{id}", "Blur", new Dictionary<string, string>
        {
            ["Areas"] = "0.5000,0.5000,0.5000,0.5000", ["Cells3"] = "hg",
        });

        Assert.Equal(HttpStatusCode.Redirect, blurred.StatusCode);
        var after = (await StoredAsync(id)).Media.Single(m => m.Kind == MediaKind.Photo);
        Assert.NotEqual(before.FileName, after.FileName);
        Assert.True(after.Blurred);
        Assert.False(File.Exists(Path.Combine(site.MediaFolder, before.FileName)));
        Assert.True(File.Exists(Path.Combine(site.MediaFolder, after.FileName)));
        Assert.DoesNotContain(site.MediaFiles(), f => f.Contains(before.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdrawing_with_the_code_deletes_the_files_and_the_proposal_reads_temoignage_retire()
    {
        var slug = await NewCampaignAsync("Retrait");
        var answer = WithMedia("Pouvoir appeler ma sœur tous les soirs.");
        var id = await CollectAsync(slug, answer);
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";
        await moderator.SubmitHandlerAsync(url, "Words", new Dictionary<string, string>
        {
            ["Text"] = "Pouvoir appeler ma sœur tous les soirs.", ["Transcript"] = "Ma sœur me manque, je voudrais l'appeler chaque soir.", ["PhotoAlt"] = "Un téléphone dessiné.",
        });
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>())).StatusCode);
        var made = await moderator.PostFormAsync($"{url}/proposition", new Dictionary<string, string>
        {
            ["Title"] = "Un appel du soir avec sa fratrie", ["Text"] = "Chaque jeune accueilli peut appeler ses frères et sœurs le soir, sur un téléphone du foyer s'il le faut.", ["Themes"] = "liens-familiaux",
        });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var proposalId = int.Parse(made.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        var proposalPage = await moderator.GetDocumentAsync($"/propositions/{proposalId}");
        Assert.Contains("Pouvoir appeler ma sœur", proposalPage.QuerySelector(".evidence-list")!.TextContent);
        Assert.Contains("Écrite à partir d'un témoignage du micro-trottoir « Retrait »", proposalPage.QuerySelector(".trail")!.TextContent);
        Assert.NotNull(proposalPage.QuerySelector(".evidence-list audio"));

        var files = (await StoredAsync(id)).Media.Select(m => Path.Combine(site.MediaFolder, m.FileName)).ToList();
        Assert.All(files, f => Assert.True(File.Exists(f)));

        // Anyone with the code, no account: check, then confirm.
        var stranger = site.CreateBrowserlessClient();
        var wrong = await (await stranger.SubmitHandlerAsync("/micro-trottoirs/retrait", "Check", new Dictionary<string, string> { ["Code"] = "ZZZZZ-ZZZZZ" })).ParseAsync();
        Assert.Contains("Aucun témoignage ne correspond à ce code", wrong.Text());
        var check = await (await stranger.SubmitHandlerAsync("/micro-trottoirs/retrait", "Check", new Dictionary<string, string> { ["Code"] = answer.Code!.ToLowerInvariant() })).ParseAsync();
        Assert.Contains("« Retrait »", check.Text());
        Assert.Contains("un texte, un enregistrement de voix, une photo", check.Text());
        var confirmForm = check.QuerySelector("form[action*='handler=Confirm']")!;
        var confirm = await stranger.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = confirmForm.QuerySelector("input[name=Code]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = confirmForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);

        Assert.All(files, f => Assert.False(File.Exists(f)));
        var withdrawn = await StoredAsync(id);
        Assert.Equal(TestimonyStatus.Withdrawn, withdrawn.Status);
        Assert.Null(withdrawn.Text);
        Assert.Null(withdrawn.Transcript);
        Assert.Null(withdrawn.PhotoAlt);
        Assert.Empty(withdrawn.Media);
        var after = await moderator.GetDocumentAsync($"/propositions/{proposalId}");
        var evidence = after.QuerySelector(".evidence-list")!;
        Assert.Contains("témoignage retiré", evidence.TextContent);
        Assert.DoesNotContain("sœur me manque", after.Text());
        Assert.DoesNotContain("Pouvoir appeler ma sœur", after.Text());
        Assert.Null(evidence.QuerySelector("audio, img"));
        Assert.Contains("Chaque jeune accueilli peut appeler", after.Text());
        Assert.Null((await site.CreateBrowserlessClient().GetDocumentAsync($"/micro-trottoirs/{slug}")).QuerySelector($"#temoignage-{id}"));

        // The code works once.
        var again = await (await stranger.SubmitHandlerAsync("/micro-trottoirs/retrait", "Check", new Dictionary<string, string> { ["Code"] = answer.Code! })).ParseAsync();
        Assert.Contains("déjà retiré", again.Text());
    }

    [Fact]
    public async Task A_testimony_joined_to_a_proposal_shows_on_its_trail()
    {
        var slug = await NewCampaignAsync("En appui");
        var id = await CollectAsync(slug, Answer.Text("Des permanences le mercredi après-midi."));
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";
        var early = await (await moderator.SubmitHandlerAsync(url, "Attach", new Dictionary<string, string> { ["ProposalId"] = "1" })).ParseAsync();
        Assert.Contains("Modérez d'abord le témoignage", early.Text());
        await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>());
        var proposal = await site.WithDbAsync(db => db.Proposals.Where(p => p.Status == Participation.Web.Proposals.ProposalStatus.Published && !p.HeldForSafety).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Attach", new Dictionary<string, string> { ["ProposalId"] = proposal.ToString() })).StatusCode);

        var page = await site.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{proposal}");
        Assert.Contains("Un témoignage a été joint en appui", page.QuerySelector(".trail")!.TextContent);
        Assert.Contains("Des permanences le mercredi", page.QuerySelector(".evidence-list")!.TextContent);
        var twice = await (await moderator.SubmitHandlerAsync(url, "Attach", new Dictionary<string, string> { ["ProposalId"] = proposal.ToString() })).ParseAsync();
        Assert.Contains("déjà joint", twice.Text());
    }

    [Fact]
    public async Task Three_months_after_the_end_the_files_go_and_the_words_stay()
    {
        var slug = await NewCampaignAsync("Fin de conservation");
        var id = await CollectAsync(slug, WithMedia("Un potager au foyer."));
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";
        await moderator.SubmitHandlerAsync(url, "Words", new Dictionary<string, string>
        {
            ["Text"] = "Un potager au foyer.", ["Transcript"] = "On pourrait planter des tomates.", ["PhotoAlt"] = "Des plants de tomates.",
        });
        await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>());
        var files = (await StoredAsync(id)).Media.Select(m => Path.Combine(site.MediaFolder, m.FileName)).ToList();
        await site.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == slug).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.OpensAt, DateTimeOffset.UtcNow.AddDays(-130)).SetProperty(c => c.ClosesAt, DateTimeOffset.UtcNow.AddDays(-92))));

        var deleted = await site.Services.GetRequiredService<TestimonyRetention>().SweepAsync();

        Assert.True(deleted >= 2);
        Assert.All(files, f => Assert.False(File.Exists(f)));
        var swept = await StoredAsync(id);
        Assert.Empty(swept.Media);
        Assert.NotNull(swept.MediaDeletedAt);
        Assert.Equal("On pourrait planter des tomates.", swept.Transcript);
        var card = (await site.CreateBrowserlessClient().GetDocumentAsync($"/micro-trottoirs/{slug}")).QuerySelector($"#temoignage-{id}")!;
        Assert.Contains("Enregistrement effacé", card.TextContent);
        Assert.Contains("On pourrait planter des tomates.", card.TextContent);
        Assert.Contains("Des plants de tomates.", card.TextContent);
        Assert.Null(card.QuerySelector("audio, img"));
        // Campaigns still running keep theirs.
        Assert.NotEmpty(await site.WithDbAsync(db => db.TestimonyMedia.Where(m => db.Testimonies.Any(t => t.Id == m.TestimonyId && t.Campaign!.Slug == "ton-foyer-ideal")).ToListAsync()));
    }

    [Fact]
    public async Task A_held_testimony_released_from_its_case_goes_back_to_moderation_not_to_the_wall()
    {
        var slug = await NewCampaignAsync("Cas urgent");
        var id = await CollectAsync(slug, Answer.Text("Je veux mourir, je n'en peux plus du foyer."));
        Assert.True((await StoredAsync(id)).HeldForSafety);
        var caseId = await site.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.Testimony && c.SourceId == id.ToString()).Select(c => c.Id).SingleAsync());
        var moderator = await site.SignedInClientAsync(Moderator);

        var released = await moderator.SubmitHandlerAsync($"/pilotage/vigilance/cas/{caseId}", "Act", new Dictionary<string, string>
        {
            ["Kind"] = "Published", ["Reason"] = "Paroles d'une chanson, vérifié avec l'éducatrice.",
        });

        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        var testimony = await StoredAsync(id);
        Assert.False(testimony.HeldForSafety);
        Assert.Equal(TestimonyStatus.Pending, testimony.Status);
    }

    [Fact]
    public async Task A_young_persons_phone_number_cannot_be_published_until_it_is_taken_out_or_read_and_cleared()
    {
        var slug = await NewCampaignAsync("Détail personnel");
        var id = await CollectAsync(slug, Answer.Text("Écris-moi au 06 12 34 56 78, on parlera du foyer."));
        Assert.True((await StoredAsync(id)).PersonalDetails);
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";

        // Publishing with the number still there is refused, even straight from the words' form.
        var refused = await (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>
        {
            ["Text"] = "Écris-moi au 06 12 34 56 78, on parlera du foyer.", ["Themes"] = "vie-quotidienne",
        })).ParseAsync();
        Assert.Contains("Un détail personnel est encore repéré", refused.Text());
        Assert.Equal(TestimonyStatus.Pending, (await StoredAsync(id)).Status);

        // Taken out and saved: read again, cleared, then published.
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>
        {
            ["Text"] = "On parlera du foyer.", ["Themes"] = "vie-quotidienne",
        })).StatusCode);
        var published = await StoredAsync(id);
        Assert.False(published.PersonalDetails);
        Assert.Equal(TestimonyStatus.Published, published.Status);
        Assert.DoesNotContain("06 12", (await site.CreateBrowserlessClient().GetDocumentAsync($"/micro-trottoirs/{slug}")).Text());
    }

    [Fact]
    public async Task A_detail_the_moderator_read_and_found_harmless_is_cleared_by_saying_so()
    {
        var slug = await NewCampaignAsync("Détail relu");
        var id = await CollectAsync(slug, Answer.Text("Au collège Jean-Moulin on nous écoute, il faudrait la même chose partout."));
        Assert.True((await StoredAsync(id)).PersonalDetails);
        var moderator = await site.SignedInClientAsync(Moderator);
        var url = $"/pilotage/micro-trottoirs/temoignages/{id}";
        var form = new Dictionary<string, string> { ["Text"] = "Au collège Jean-Moulin on nous écoute, il faudrait la même chose partout.", ["Themes"] = "scolarite" };

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Words", form)).StatusCode);
        Assert.True((await StoredAsync(id)).PersonalDetails);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync(url, "Publish", new Dictionary<string, string>(form) { ["DetailsChecked"] = "true" })).StatusCode);
        Assert.Equal(TestimonyStatus.Published, (await StoredAsync(id)).Status);
    }

    [Fact]
    public async Task An_older_case_cannot_release_a_testimony_a_newer_open_case_holds()
    {
        var slug = await NewCampaignAsync("Deux cas");
        var id = await CollectAsync(slug, Answer.Text("Je veux mourir, je n'en peux plus du foyer."));
        var moderator = await site.SignedInClientAsync(Moderator);
        var first = await site.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.Testimony && c.SourceId == id.ToString()).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitHandlerAsync($"/pilotage/vigilance/cas/{first}", "Act", new Dictionary<string, string>
        {
            ["Kind"] = "FalseAlarm", ["Reason"] = "Une phrase de chanson, vérifié.",
        })).StatusCode);
        // The same words held again by a newer case, still open.
        var second = await site.WithDbAsync(async db =>
        {
            var held = new SafetyCase
            {
                Channel = SafetyChannel.Testimony, SourceId = id.ToString(), Origin = "transcription", Text = "je veux mourir", Categories = "Suicide", Rules = "suicide.txt:1",
                FlaggedAt = DateTimeOffset.UtcNow, Status = CaseStatus.Open,
            };
            db.SafetyCases.Add(held);
            await db.SaveChangesAsync();
            return held.Id;
        });

        var refused = await (await moderator.SubmitHandlerAsync($"/pilotage/vigilance/cas/{first}", "Act", new Dictionary<string, string>
        {
            ["Kind"] = "Published", ["Reason"] = "Publié finalement.",
        })).ParseAsync();

        Assert.Contains($"Le cas n° {second}, encore ouvert, retient aussi ce message", refused.Text());
        Assert.True((await StoredAsync(id)).HeldForSafety);
    }

    [Fact]
    public async Task Staff_pages_are_for_staff_and_moderation_for_moderators()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var facilitator = await site.SignedInClientAsync(Facilitator);
        var anonymous = site.CreateBrowserlessClient();
        var testimony = await site.WithDbAsync(db => db.Testimonies.Select(t => t.Id).FirstAsync());

        foreach (var url in new[] { "/pilotage/micro-trottoirs", "/pilotage/micro-trottoirs/nouveau", "/pilotage/micro-trottoirs/1", $"/pilotage/micro-trottoirs/temoignages/{testimony}" })
        {
            Assert.Contains("acces-refuse", (await faucon.GetAsync(url)).Headers.Location!.OriginalString);
            Assert.Contains("connexion", (await anonymous.GetAsync(url)).Headers.Location!.OriginalString);
        }
        Assert.Contains("acces-refuse", (await facilitator.GetAsync($"/pilotage/micro-trottoirs/temoignages/{testimony}")).Headers.Location!.OriginalString);
        Assert.Contains("acces-refuse", (await facilitator.GetAsync($"/pilotage/micro-trottoirs/temoignages/{testimony}/proposition")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync("/pilotage/micro-trottoirs")).StatusCode);
    }

    [Fact]
    public async Task Staff_close_a_campaign_and_it_refuses_new_answers()
    {
        var slug = await NewCampaignAsync("À clore");
        var id = await site.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
        var facilitator = await site.SignedInClientAsync(Facilitator);

        var page = await facilitator.GetDocumentAsync("/pilotage/micro-trottoirs");
        var form = page.QuerySelectorAll("form[action*='handler=Close']").Single(f => f.GetAttribute("action")!.Contains($"id={id}&") || f.GetAttribute("action")!.EndsWith($"id={id}"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var closed = await facilitator.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.NotNull(await site.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.ClosedAt).SingleAsync()));
        var collect = await facilitator.GetDocumentAsync($"/micro-trottoirs/{slug}/terrain");
        Assert.Contains("est terminé depuis le", collect.Text());
        Assert.Null(collect.QuerySelector("form[data-collect]"));
    }
}
