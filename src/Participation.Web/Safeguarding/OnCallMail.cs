using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Participation.Web.Safeguarding;

/// <summary>The mail server that tells the on-call address about an unopened case. Off unless a host and an address are set.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool StartTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ne-pas-repondre@participation.invalid";
}

/// <summary>
/// E-mails the on-call address when a case is escalated. The message carries no text of the case
/// and no name: only that a case waits and where to open it, since mail leaves the site's control.
/// </summary>
public sealed class OnCallMail(IOptions<SafeguardingOptions> options, Infrastructure.SiteAddress site, ILogger<OnCallMail> logger)
{
    public bool Enabled => options.Value.Smtp.Host is { Length: > 0 } && options.Value.OnCallAddress is { Length: > 0 };

    public async Task SendAsync(IReadOnlyList<SafetyCase> cases, CancellationToken cancellation = default)
    {
        if (!Enabled || cases.Count == 0)
        {
            return;
        }
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.Smtp.From));
        message.To.Add(MailboxAddress.Parse(settings.OnCallAddress!));
        message.Subject = cases.Count == 1
            ? $"Urgent : le cas de sécurité n° {cases[0].Id} n'a pas été ouvert"
            : $"Urgent : {cases.Count} cas de sécurité n'ont pas été ouverts";
        var what = cases.Count == 1
            ? "Un message qui peut dire qu'un jeune est en danger attend"
            : $"{cases.Count} messages qui peuvent dire qu'un jeune est en danger attendent";
        var path = cases.Count == 1 ? $"/pilotage/vigilance/cas/{cases[0].Id}" : "/pilotage/vigilance/urgences";
        var link = site.Link(path) ?? path;
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {what} depuis plus de {(int)settings.EscalateAfter.TotalMinutes} minutes sans que personne {(cases.Count == 1 ? "l'ait ouvert" : "les ait ouverts")}.

                Ouvrez : {link}

                Ce courriel ne contient volontairement ni texte ni nom.
                """,
        };
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, settings.Smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellation);
            if (settings.Smtp.User is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, settings.Smtp.Password ?? "", cancellation);
            }
            await client.SendAsync(message, cancellation);
            await client.DisconnectAsync(true, cancellation);
        }
        catch (Exception fault) when (fault is not OperationCanceledException)
        {
            // The notifications on the site are already written: a mail failure is logged, never fatal.
            logger.LogError(fault, "The on-call e-mail for {Count} safety cases could not be sent.", cases.Count);
        }
    }
}
