using Microsoft.AspNetCore.Authorization;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

public static class ConsultationPolicies
{
    /// <summary>The département's staff build questionnaires, hand out invitations and read results.</summary>
    public const string Manage = nameof(Manage);

    /// <summary>A preview is asked for (<c>?apercu=true</c>) and the visitor is staff: anyone else gets the public rules.</summary>
    public static async Task<bool> MayPreviewAsync(this IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user, bool asked) =>
        asked && (await authorization.AuthorizeAsync(user, Manage)).Succeeded;
}

public sealed class ConsultationsOptions
{
    public const string Section = "Consultations";

    /// <summary>Wrong codes one address may type in a minute, against guessing.</summary>
    public int FailedCodesPerMinute { get; set; } = 10;

    /// <summary>
    /// Answers to open-link questionnaires sent from one address in an hour: a parents' café on
    /// one Wi-Fi sends a few dozen, a script filling the results with invented families is stopped.
    /// </summary>
    public int OpenLinkAnswersPerHourPerAddress { get; set; } = 60;

    /// <summary>
    /// New drafts of open-link questionnaires kept from one address in an hour: each is a row of
    /// its own, so they are counted apart from the answers sent, with as much room.
    /// </summary>
    public int OpenLinkDraftsPerHourPerAddress { get; set; } = 60;
}

/// <summary>Counts the answers sent to, and the new drafts kept of, open-link questionnaires from each address, over an hour.</summary>
public sealed class OpenLinkAnswers(Microsoft.Extensions.Options.IOptions<ConsultationsOptions> options, AttemptLimits limits)
{
    private readonly AttemptCounter _sent = limits.Counter("open-link-answer.address", options.Value.OpenLinkAnswersPerHourPerAddress, TimeSpan.FromHours(1));
    private readonly AttemptCounter _drafts = limits.Counter("open-link-draft.address", options.Value.OpenLinkDraftsPerHourPerAddress, TimeSpan.FromHours(1));

    /// <summary>Takes one answer from the address's allowance; null when it may be sent, otherwise how long to wait.</summary>
    public TimeSpan? TryTake(HttpContext context) => _sent.TryTake(AttemptCounter.Address(context));

    /// <summary>Takes one new draft from the address's allowance; null when it may be kept, otherwise how long to wait.</summary>
    public TimeSpan? TryTakeDraft(HttpContext context) => _drafts.TryTake(AttemptCounter.Address(context));
}

/// <summary>
/// Counts wrong codes per address. Only failures count: a parent moving through five screens with
/// a good code never meets the limit, someone guessing codes soon does.
/// </summary>
public sealed class CodeAttempts(Microsoft.Extensions.Options.IOptions<ConsultationsOptions> options, AttemptLimits limits)
{
    private readonly AttemptCounter _failures = limits.Counter("consultation-code.address", options.Value.FailedCodesPerMinute);

    public bool Exhausted(HttpContext context) => _failures.WaitFor(AttemptCounter.Address(context)) is not null;

    public void Failed(HttpContext context) => _failures.Count(AttemptCounter.Address(context));
}

public static class ConsultationsExtensions
{
    public static WebApplicationBuilder AddConsultations(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConsultationsOptions>(builder.Configuration.GetSection(ConsultationsOptions.Section));
        builder.Services.AddSingleton<ConsultationForms>();
        builder.Services.AddSingleton<CodeAttempts>();
        builder.Services.AddSingleton<OpenLinkAnswers>();
        builder.Services.AddSingleton<CodeCarrier>();
        builder.Services.AddScoped<Responses>();
        builder.Services.AddScoped<Safeguarding.IHeldTextChannel, HeldAnswers>();
        builder.Services.AddSingleton<ResponseWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResponseWriter>());
        builder.Services.AddSingleton<DraftSweeper>();
        builder.Services.AddLeasedJob<DraftSweeper>("consultations.brouillons");
        builder.Services.AddScoped<QuestionnaireBuilder>();
        builder.Services.AddScoped<ConsultationResults>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ConsultationPolicies.Manage, p => p.RequireRole(Roles.Staff));
        return builder;
    }
}
