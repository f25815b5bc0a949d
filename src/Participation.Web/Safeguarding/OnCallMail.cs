using Microsoft.Extensions.Options;

namespace Participation.Web.Safeguarding;

/// <summary>
/// E-mails the on-call address when a case is escalated. The message carries no text of the case
/// and no name: only that a case waits and where to open it, since mail leaves the site's control.
/// </summary>
public sealed class OnCallMail(IOptions<SafeguardingOptions> options, Infrastructure.SiteAddress site, Infrastructure.Mailer mailer)
{
    public bool Enabled => mailer.Enabled && options.Value.OnCallAddress is { Length: > 0 };

    public async Task SendAsync(IReadOnlyList<SafetyCase> cases, CancellationToken cancellation = default)
    {
        if (!Enabled || cases.Count == 0)
        {
            return;
        }
        var settings = options.Value;
        var subject = cases.Count == 1
            ? $"Urgent : le cas de sécurité n° {cases[0].Id} n'a pas été ouvert"
            : $"Urgent : {cases.Count} cas de sécurité n'ont pas été ouverts";
        var what = cases.Count == 1
            ? "Un message qui peut dire qu'un jeune est en danger attend"
            : $"{cases.Count} messages qui peuvent dire qu'un jeune est en danger attendent";
        var path = cases.Count == 1 ? $"/pilotage/vigilance/cas/{cases[0].Id}" : "/pilotage/vigilance/urgences";
        var link = site.Link(path) ?? path;
        // The notifications on the site are already written: a mail that fails is logged by the mailer.
        await mailer.SendAsync(settings.OnCallAddress!, subject, $"""
            {what} depuis plus de {(int)settings.EscalateAfter.TotalMinutes} minutes sans que personne {(cases.Count == 1 ? "l'ait ouvert" : "les ait ouverts")}.

            Ouvrez : {link}

            Ce courriel ne contient volontairement ni texte ni nom.
            """, cancellation);
    }
}
