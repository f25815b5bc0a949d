using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Demo;

namespace Participation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ProposalJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_young_member_s_idea_is_published_linked_integrated_and_the_member_sees_what_became_of_it()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        const string title = "Un atelier vélo au foyer le mercredi";

        // The young member proposes, on a phone.
        var young = await browser.SignedInPageAsync("Colibri");
        await young.GetByRole(AriaRole.Link, new() { Name = "Proposer une idée" }).First.ClickAsync();
        await young.GetByLabel("Ton idée en une phrase").FillAsync(title);
        await young.GetByLabel("Explique ton idée").FillAsync("Réparer nos vélos ensemble avec un éducateur, et faire des balades le mercredi après-midi.");
        await young.GetByLabel("loisirs").CheckAsync();
        await young.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma proposition" }).ClickAsync();
        Assert.Contains("Merci", await young.Locator(".notice").InnerTextAsync());
        var id = young.Url.Split('/').Last().Split('?')[0];
        await audit.AuditAsync(young, "Jeune", "proposition-deposee");

        // The département's staff publish it from the board, then take it along the road.
        var staff = await browser.SignedInPageAsync($"pilotage@{DemoSeeder.Domain}", width: 1280);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Propositions à traiter" }).First.ClickAsync();
        await staff.GetByLabel($"Choisir la proposition n° {id}").CheckAsync();
        await staff.GetByLabel("Passer à l'étape").SelectOptionAsync(new SelectOptionValue { Label = "publiée" });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Appliquer" }).ClickAsync();
        Assert.Contains("1 proposition mise à jour", await staff.Locator(".notice").InnerTextAsync());

        await staff.GotoAsync($"{site}/pilotage/propositions/{id}");
        await staff.GetByLabel("Relier à l'action").SelectOptionAsync(new SelectOptionValue { Index = 3 });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Relier", Exact = true }).ClickAsync();
        Assert.Contains("schéma est enregistré", await staff.Locator(".notice").InnerTextAsync());
        foreach (var step in new[] { "retenue par le Conseil", "transmise au Département", "intégrée" })
        {
            await staff.GetByLabel("Nouvelle étape").SelectOptionAsync(new SelectOptionValue { Label = step });
            await staff.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étape" }).ClickAsync();
            Assert.Contains("L'étape est enregistrée", await staff.Locator(".notice").InnerTextAsync());
        }
        await staff.GetByLabel("Réponse publique").FillAsync("Un atelier commencera au printemps dans deux foyers, avec une association de cyclistes.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Publier la réponse" }).ClickAsync();

        // Carried out: what was done, in words and in a photo taken on a phone.
        await staff.GetByLabel("Nouvelle étape").SelectOptionAsync(new SelectOptionValue { Label = "réalisée" });
        await staff.GetByLabel("Raison, ou ce qui a été fait").FillAsync("Un atelier vélo ouvre chaque mercredi dans deux foyers.");
        await staff.GetByLabel("Photo", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "IMG_2044.jpg", MimeType = "image/jpeg", Buffer = WorkshopPhoto() });
        await staff.GetByLabel("Ce que montre la photo").FillAsync("L'atelier vélo, avec ses outils accrochés au mur");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étape" }).ClickAsync();
        Assert.Contains("L'étape est enregistrée", await staff.Locator(".notice").InnerTextAsync());
        await audit.AuditAsync(staff, "Pilotage du schéma", "proposition-traitee");
        await staff.Context.CloseAsync();

        // The young member sees the news and the whole trail.
        await young.GotoAsync(site + "/espace");
        var badge = young.Locator(".notifications-link .badge");
        Assert.True(await badge.IsVisibleAsync());
        await young.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await audit.AuditAsync(young, "Jeune", "notifications");
        await young.Locator(".notification.unread a", new() { HasText = "est maintenant : intégrée" }).First.ClickAsync();
        await young.ArriveAtAsync($"{site}/propositions/{id}#parcours");
        Assert.Contains("réalisée", await young.Locator(".status-panel .status").InnerTextAsync());
        var trail = await young.Locator(".trail").InnerTextAsync();
        Assert.Contains("Déposée par Colibri", trail);
        Assert.Contains("Publiée", trail);
        Assert.Contains("Reliée au schéma", trail);
        Assert.Contains("Intégrée", trail);
        Assert.Contains("association de cyclistes", trail);
        Assert.Contains("Ce qui a été fait : Un atelier vélo", trail);
        var photo = young.Locator(".trail .done-photo img");
        Assert.Equal("L'atelier vélo, avec ses outils accrochés au mur", await photo.GetAttributeAsync("alt"));
        await photo.ScrollIntoViewIfNeededAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo of what was done loads for its author");
        Assert.Equal(1, await young.Locator(".plan-links li").CountAsync());
        await audit.AuditAsync(young, "Jeune", "ce-que-nous-avons-fait");
        await young.Context.CloseAsync();

        await audit.AssertCleanAsync();
    }

    /// <summary>A photo as a phone would send it: a JPEG, with something to see in it.</summary>
    private static byte[] WorkshopPhoto()
    {
        using var bitmap = new SkiaSharp.SKBitmap(800, 600);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Beige);
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.SteelBlue, StrokeWidth = 12, Style = SkiaSharp.SKPaintStyle.Stroke };
            canvas.DrawCircle(250, 400, 120, paint);
            canvas.DrawCircle(550, 400, 120, paint);
            canvas.DrawLine(250, 400, 400, 250, paint);
            canvas.DrawLine(400, 250, 550, 400, paint);
        }
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    [Fact]
    public async Task A_text_pasted_too_long_is_kept_whole_and_the_box_says_by_how_much()
    {
        var young = await browser.SignedInPageAsync("Colibri");
        await young.GotoAsync($"{browser.Site.BaseUrl}/propositions/nouvelle");
        var text = string.Concat(Enumerable.Repeat("Un local pour les devoirs, calme, ouvert le soir. ", 42));
        Assert.True(text.Length > 2000);
        await young.GetByLabel("Ton idée en une phrase").FillAsync("Un local calme pour les devoirs");
        var box = young.GetByLabel("Explique ton idée");
        await box.FillAsync(text);

        // Nothing cut: the box holds every character, and says how long it is against its limit.
        Assert.Equal(text.Length, (await box.InputValueAsync()).Length);
        var note = young.Locator("#texte-longueur");
        await Assertions.Expect(note).ToBeVisibleAsync();
        await Assertions.Expect(note).ToHaveTextAsync($"Ce texte fait {text.Length / 1000}\u202f{text.Length % 1000:000} caractères\u00a0: 2\u202f000 au plus.");
        Assert.Equal("true", await box.GetAttributeAsync("aria-invalid"));
        Assert.Contains("texte-longueur", await box.GetAttributeAsync("aria-describedby"));
        await note.ScrollIntoViewIfNeededAsync();
        await young.ScreenshotAsync(new() { Path = Path.Combine(PageAudit.ScreenshotFolder, "jeune", "proposition-texte-trop-long-360.png") });

        // Sent all the same: refused by the server, with the text still all there.
        await young.GetByLabel("loisirs").CheckAsync();
        await young.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma proposition" }).ClickAsync();
        await Assertions.Expect(young.Locator(".error-summary")).ToContainTextAsync("trop long");
        Assert.Equal(text.Trim(), (await young.GetByLabel("Explique ton idée").InputValueAsync()).Trim());

        // Shortened, the note goes.
        await young.GetByLabel("Explique ton idée").FillAsync(text[..1990]);
        await Assertions.Expect(young.Locator("#texte-longueur")).ToBeHiddenAsync();
        await young.Context.CloseAsync();
    }
}
