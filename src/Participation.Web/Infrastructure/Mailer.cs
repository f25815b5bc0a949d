using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Participation.Web.Infrastructure;

/// <summary>The mail server the site writes through. Off unless a host is set.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Where the same settings lived when only the safeguarding on-call e-mail was sent; read when <c>Mail:Host</c> is not set.</summary>
    public const string FormerSection = "Safeguarding:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool StartTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ne-pas-repondre@participation.invalid";
}

/// <summary>
/// Sends plain-text e-mails. A failure is logged and reported, never thrown: what the site itself
/// shows is already written, and mail is only a second way to tell someone.
/// </summary>
public sealed class Mailer(IOptions<MailOptions> options, ILogger<Mailer> logger)
{
    public bool Enabled => options.Value.Host is { Length: > 0 };

    /// <summary>True once the server accepted the message.</summary>
    public async Task<bool> SendAsync(string to, string subject, string text, CancellationToken cancellation = default)
    {
        if (!Enabled)
        {
            return false;
        }
        var settings = options.Value;
        try
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(settings.From));
            message.To.Add(MailboxAddress.Parse(to));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = text };
            // A mail server that does not answer holds nothing up for long: the job that sends goes on.
            using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(20).TotalMilliseconds };
            await client.ConnectAsync(settings.Host!, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellation);
            if (settings.User is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, settings.Password ?? "", cancellation);
            }
            await client.SendAsync(message, cancellation);
            await client.DisconnectAsync(true, cancellation);
            return true;
        }
        catch (Exception fault) when (fault is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            logger.LogError(fault, "An e-mail « {Subject} » could not be sent.", subject);
            return false;
        }
    }
}

public static class MailExtensions
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MailOptions.Section);
        builder.Services.Configure<MailOptions>(string.IsNullOrEmpty(section["Host"]) ? builder.Configuration.GetSection(MailOptions.FormerSection) : section);
        builder.Services.AddSingleton<Mailer>();
        return builder;
    }
}
