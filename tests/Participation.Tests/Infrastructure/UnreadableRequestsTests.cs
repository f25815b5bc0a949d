using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Participation.Tests.Infrastructure;

/// <summary>Requests the site cannot read get the French error page with the right status, never a 500.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class UnreadableRequestsTests(ParticipationApp app)
{
    private static async Task AssertFrenchPageAsync(HttpResponseMessage response, HttpStatusCode status, string heading)
    {
        Assert.Equal(status, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/propositions?q=%00")]
    [InlineData("/propositions?q=velo%00.exe")]
    [InlineData("/propositions?%00=1")]
    [InlineData("/compte/connexion?ReturnUrl=%2Fespace%00")]
    public async Task A_null_character_in_the_query_string_gets_the_page_for_a_bad_request(string url) =>
        await AssertFrenchPageAsync(await app.CreateBrowserlessClient().GetAsync(url), HttpStatusCode.BadRequest, "Demande incomprise");

    [Fact]
    public async Task A_null_character_in_the_path_gets_the_page_for_a_bad_request_under_a_server_that_lets_it_through()
    {
        // The test server's client refuses to send one; the request is made as a server would pass it on.
        var context = await app.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = "/propositions/\0";
        });
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        var html = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("Demande incomprise", html);
    }

    [Fact]
    public async Task A_null_character_in_a_form_field_gets_the_page_for_a_bad_request_and_nothing_is_stored()
    {
        var client = await app.SignedInClientAsync("Baobab");
        var before = await app.WithDbAsync(db => db.Proposals.CountAsync());
        var response = await client.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Un atelier\0 vélo", ["Text"] = "Réparer nos vélos ensemble le mercredi après-midi au foyer.", ["Themes"] = "vie-sociale",
        });
        await AssertFrenchPageAsync(response, HttpStatusCode.BadRequest, "Demande incomprise");
        Assert.Equal(before, await app.WithDbAsync(db => db.Proposals.CountAsync()));
    }

    [Fact]
    public async Task A_form_of_more_than_1024_fields_gets_the_page_for_a_bad_request_signed_in_or_not()
    {
        var fields = Enumerable.Range(0, 1100).ToDictionary(i => $"champ{i}", _ => "x");
        await AssertFrenchPageAsync(await app.CreateBrowserlessClient().PostFormAsync("/compte/connexion", fields), HttpStatusCode.BadRequest, "Demande incomprise");
        var client = await app.SignedInClientAsync("Baobab");
        await AssertFrenchPageAsync(await client.PostFormAsync("/propositions/nouvelle", fields), HttpStatusCode.BadRequest, "Demande incomprise");
        await AssertFrenchPageAsync(await client.PostMultipartAsync("/propositions/nouvelle", fields, []), HttpStatusCode.BadRequest, "Demande incomprise");
    }

    [Fact]
    public async Task A_field_longer_than_a_form_may_hold_gets_the_page_for_a_bad_request()
    {
        var client = await app.SignedInClientAsync("Baobab");
        var response = await client.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string> { ["Text"] = new string('a', 5 * 1024 * 1024) });
        await AssertFrenchPageAsync(response, HttpStatusCode.BadRequest, "Demande incomprise");
    }

    [Fact]
    public async Task A_multipart_form_cut_off_before_its_end_gets_the_page_for_a_bad_request()
    {
        var cut = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("--zzz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n"));
        cut.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=zzz");
        await AssertFrenchPageAsync(await app.CreateBrowserlessClient().PostAsync("/compte/connexion", cut), HttpStatusCode.BadRequest, "Demande incomprise");
    }
}
