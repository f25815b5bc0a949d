using System.Net;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Tests.Media;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Testimonies;

namespace Participation.Tests.Testimonies;

/// <summary>Answers arriving through the real host: what is kept, what is refused, and that a refusal leaves nothing.</summary>
[Collection(TestimonySiteCollection.Name)]
public sealed class CollectTests(TestimonySite site) : IDisposable
{
    private const string Campaign = "ton-foyer-ideal";
    private static readonly string Facilitator = $"animation@{DemoSeeder.Domain}";
    private readonly Participation.Testing.TemporaryFolder _samples = new("participation-samples");

    public void Dispose() => _samples.Dispose();

    private byte[] Recording(TimeSpan length, string extension = ".webm") =>
        File.ReadAllBytes(MediaSamples.Recording(_samples.Path, extension, length));

    private static Answer Field(string profile, string text, Dictionary<string, string>? more = null)
    {
        var answer = Answer.Text(text);
        answer.Fields["Profile"] = profile;
        foreach (var (key, value) in more ?? [])
        {
            answer.Fields[key] = value;
        }
        return answer;
    }

    private Task<Testimony> StoredAsync(int id) =>
        site.WithDbAsync(db => db.Testimonies.Include(t => t.Media).SingleAsync(t => t.Id == id));

    [Fact]
    public async Task Only_the_recording_pages_may_ask_for_the_microphone_and_camera()
    {
        var facilitator = await site.SignedInClientAsync(Facilitator);
        foreach (var recording in new[] { $"/micro-trottoirs/{Campaign}/terrain", $"/micro-trottoirs/{Campaign}/repondre" })
        {
            var policy = (await facilitator.GetAsync(recording)).Headers.GetValues("Permissions-Policy").Single();
            Assert.Contains("microphone=(self)", policy);
            Assert.Contains("camera=(self)", policy);
        }
        foreach (var other in new[] { "/", "/compte", "/propositions", $"/micro-trottoirs/{Campaign}" })
        {
            var policy = (await facilitator.GetAsync(other)).Headers.GetValues("Permissions-Policy").Single();
            Assert.Contains("microphone=()", policy);
            Assert.Contains("camera=()", policy);
        }
    }

    [Fact]
    public async Task A_young_member_sends_words_a_voice_and_a_photo_whose_gps_is_gone()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var answer = Answer.Text("Un foyer où on peut cuisiner le dimanche.") with
        {
            Voice = (Recording(TimeSpan.FromSeconds(4)), "voix.webm", "audio/webm"),
            Photo = (MediaSamples.PhotoWithGps(), "IMG_0042.jpg", "image/jpeg"),
        };

        var sent = await faucon.SendAsync(Campaign, answer);

        Assert.True(sent.Received, sent.Errors);
        var testimony = await StoredAsync(sent.Id);
        Assert.Equal(TestimonyStatus.Pending, testimony.Status);
        Assert.Equal(Speaker.Young, testimony.Speaker);
        Assert.Equal(Participation.Web.Shared.AgeBand.From15To17, testimony.AgeBand);
        Assert.Equal(ConsentText.CurrentVersion, testimony.ConsentVersion);
        Assert.Equal(WithdrawalCodes.Hash(WithdrawalCodes.Normalise(answer.Code)!), testimony.WithdrawalCodeHash);
        Assert.Equal(2, testimony.Media.Count);
        var photo = testimony.Media.Single(m => m.Kind == MediaKind.Photo);
        var path = Path.Combine(site.MediaFolder, photo.FileName);
        Assert.Empty(ImageMetadataReader.ReadMetadata(path).OfType<GpsDirectory>());
        Assert.DoesNotContain("IMG_0042", photo.FileName);
        var voice = testimony.Media.Single(m => m.Kind == MediaKind.Voice);
        Assert.Equal("audio/mp4", voice.ContentType);
        Assert.Contains("codec_name=aac", MediaSamples.Probe(Path.Combine(site.MediaFolder, voice.FileName)));
    }

    [Fact]
    public async Task The_same_answer_sent_twice_is_stored_once()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var answer = Answer.Text("Le même envoi, deux fois, parce que le réseau a coupé.") with
        {
            Photo = (MediaSamples.Photo(), "photo.jpg", "image/jpeg"),
        };

        var first = await faucon.SendAsync(Campaign, answer);
        var files = site.MediaFiles();
        var second = await faucon.SendAsync(Campaign, answer);
        var third = await Task.WhenAll(faucon.SendAsync(Campaign, answer), faucon.SendAsync(Campaign, answer));

        Assert.True(first.Received, first.Errors);
        Assert.True(second.Received, second.Errors);
        Assert.Equal(first.Id, second.Id);
        Assert.True(second.Body.GetProperty("again").GetBoolean());
        Assert.All(third, t => Assert.Equal(first.Id, t.Id));
        Assert.Equal(1, await site.WithDbAsync(db => db.Testimonies.CountAsync(t => t.ClientId == answer.ClientId)));
        Assert.Equal(files, site.MediaFiles());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "executable", "n'est pas une photo" },
        { "polyglot", "cache un autre fichier" },
        { "truncated", "incomplète" },
        { "empty", "vide" },
        { "bomb", "trop grande" },
        { "long", "trop long" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_in_french_and_nothing_is_stored(string kind, string words)
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var photo = MediaSamples.Photo();
        var answer = Answer.Text("Avec un fichier qui ne va pas.");
        answer = kind switch
        {
            "executable" => answer with { Photo = (MediaSamples.Executable(), "photo.jpg", "image/jpeg") },
            "polyglot" => answer with { Photo = (MediaSamples.JpegZipPolyglot(), "photo.jpg", "image/jpeg") },
            "truncated" => answer with { Photo = (photo[..(photo.Length / 2)], "photo.jpg", "image/jpeg") },
            "empty" => answer with { Photo = ([], "photo.jpg", "image/jpeg") },
            "bomb" => answer with { Photo = (MediaSamples.DecompressionBomb(), "photo.png", "image/png") },
            _ => answer with { Voice = (Recording(TimeSpan.FromMinutes(4)), "voix.webm", "audio/webm") },
        };
        var before = site.MediaFiles();
        var count = await site.WithDbAsync(db => db.Testimonies.CountAsync());

        var sent = await faucon.SendAsync(Campaign, answer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sent.Status);
        Assert.False(sent.Received);
        Assert.Contains(words, sent.Errors);
        Assert.Equal(before, site.MediaFiles());
        Assert.Equal(count, await site.WithDbAsync(db => db.Testimonies.CountAsync()));
    }

    [Fact]
    public async Task Missing_consent_is_refused_and_nothing_is_stored()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var answer = Answer.Text("Sans avoir coché le consentement.", consent: false) with { Photo = (MediaSamples.Photo(), "photo.jpg", "image/jpeg") };
        var before = site.MediaFiles();

        var sent = await faucon.SendAsync(Campaign, answer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sent.Status);
        Assert.Contains("Le consentement manque", sent.Errors);
        Assert.Equal(before, site.MediaFiles());
        Assert.False(await site.WithDbAsync(db => db.Testimonies.AnyAsync(t => t.ClientId == answer.ClientId)));
    }

    [Fact]
    public async Task In_the_field_a_child_under_15_needs_the_guardians_agreement_first()
    {
        var facilitator = await site.SignedInClientAsync(Facilitator);
        var without = Field("jeune-11-14", "Des sorties au cinéma.") with { Photo = (MediaSamples.Photo(), "photo.jpg", "image/jpeg") };
        var before = site.MediaFiles();

        var refused = await facilitator.SendAsync(Campaign, without, "terrain");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("l'accord du représentant légal est obligatoire", refused.Errors);
        Assert.Equal(before, site.MediaFiles());

        var with = Field("jeune-11-14", "Des sorties au cinéma.", new()
        {
            ["GuardianWho"] = "sa mère", ["GuardianHow"] = "Phone", ["GuardianAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"),
        });
        var sent = await facilitator.SendAsync(Campaign, with, "terrain");

        Assert.True(sent.Received, sent.Errors);
        var testimony = await StoredAsync(sent.Id);
        Assert.True(testimony.FieldMode);
        Assert.Null(testimony.MemberId);
        Assert.Equal("sa mère", testimony.GuardianWho);
        Assert.Equal(GuardianChannel.Phone, testimony.GuardianHow);
        Assert.NotNull(testimony.GuardianAt);
    }

    [Fact]
    public async Task Only_facilitators_collect_in_the_field_and_only_signed_in_members_answer()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var field = await faucon.GetAsync($"/micro-trottoirs/{Campaign}/terrain");
        Assert.True(field.StatusCode is HttpStatusCode.Forbidden || field.Headers.Location?.OriginalString.Contains("acces-refuse") == true, field.StatusCode.ToString());

        var anonymous = await site.CreateBrowserlessClient().GetAsync($"/micro-trottoirs/{Campaign}/repondre");
        Assert.Contains("/compte/connexion", anonymous.Headers.Location!.OriginalString);

        // A parent is not asked by a campaign for young people: the page says so and the post is refused.
        var parent = await site.SignedInClientAsync($"parent@{DemoSeeder.Domain}");
        var page = await parent.GetDocumentAsync($"/micro-trottoirs/{Campaign}/repondre");
        Assert.Contains("Cette question est posée aux jeunes de 11–14 ans, 15–17 ans et 18–25 ans", page.Text());
        Assert.Null(page.QuerySelector("form[data-collect]"));
    }

    [Fact]
    public async Task An_answer_written_by_someone_else_on_a_shared_phone_is_not_sent_under_this_account()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var loutreKey = Participation.Web.Testimonies.CollectModel.OwnerKey((await site.ActorAsync("Loutre")).MemberId!);
        var answer = Answer.Text("Écrit par Loutre, envoyé pendant que Faucon est connecté.");
        answer.Fields["Owner"] = loutreKey;

        var sent = await faucon.SendAsync(Campaign, answer);

        Assert.Equal(HttpStatusCode.Conflict, sent.Status);
        Assert.Contains("une autre personne connectée sur ce téléphone", sent.Errors);
        Assert.False(await site.WithDbAsync(db => db.Testimonies.AnyAsync(t => t.ClientId == answer.ClientId)));
    }

    [Fact]
    public async Task A_withdrawal_code_already_in_use_is_not_told_apart_and_a_malformed_one_is_refused()
    {
        var faucon = await site.SignedInClientAsync("Faucon");
        var first = Answer.Text("Premier témoignage avec ce code.");
        Assert.True((await faucon.SendAsync(Campaign, first)).Received);

        var again = await (await site.SignedInClientAsync("Baobab")).SendAsync(Campaign, Answer.Text("Même code, autre personne.") with { Code = first.Code });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.True(again.Received, again.Errors);

        var malformed = await faucon.SendAsync(Campaign, Answer.Text("Un code mal formé.") with { Code = "LOUTR-E2222" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.Status);
        Assert.Contains("code de retrait", malformed.Errors);
    }

    [Fact]
    public async Task Whoever_turns_15_this_year_still_needs_a_guardian_for_voice_and_photo()
    {
        var year = DateTime.UtcNow.Year;
        var pseudonym = await site.WithDbAsync(db => db.Users.Where(u => u.BirthYear == year - 15 && u.ActivatedAt != null).Select(u => u.Pseudonym).FirstAsync());
        var client = await site.SignedInClientAsync(pseudonym);

        var sent = await client.SendAsync(Campaign, Answer.Text("J'ai peut-être encore 14 ans."));

        Assert.True(sent.Received, sent.Errors);
        var testimony = await StoredAsync(sent.Id);
        Assert.Equal(Participation.Web.Shared.AgeBand.From15To17, testimony.AgeBand);
        Assert.True(testimony.GuardianNeeded);
    }

    [Fact]
    public async Task A_risky_text_is_held_and_opens_an_urgent_case()
    {
        var faucon = await site.SignedInClientAsync("Faucon");

        var sent = await faucon.SendAsync(Campaign, Answer.Text("Au foyer un adulte me frappe le soir et j'ai peur de rentrer."));

        Assert.True(sent.Received, sent.Errors);
        var testimony = await StoredAsync(sent.Id);
        Assert.True(testimony.HeldForSafety);
        var safetyCase = await site.WithDbAsync(db => db.SafetyCases.SingleAsync(c => c.Channel == SafetyChannel.Testimony && c.SourceId == sent.Id.ToString()));
        Assert.Contains("Violence", safetyCase.Categories);
        Assert.Equal($"/pilotage/micro-trottoirs/temoignages/{sent.Id}", safetyCase.OriginUrl);

        var moderator = await site.SignedInClientAsync($"moderation@{DemoSeeder.Domain}");
        var refused = await moderator.SubmitHandlerAsync($"/pilotage/micro-trottoirs/temoignages/{sent.Id}", "Publish", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("retenu par un cas urgent", (await refused.ParseAsync()).Text());
        Assert.Equal(TestimonyStatus.Pending, (await StoredAsync(sent.Id)).Status);
    }
}
