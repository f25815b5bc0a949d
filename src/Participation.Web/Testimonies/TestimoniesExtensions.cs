using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

public static class TestimonyPolicies
{
    /// <summary>Facilitators and the département's staff run campaigns and collect in « mode terrain ».</summary>
    public const string Collect = "Testimonies.Collect";

    /// <summary>Moderators and administrators read every testimony, transcribe, blur and publish.</summary>
    public const string Moderate = "Testimonies.Moderate";
}

public static class TestimoniesExtensions
{
    public static WebApplicationBuilder AddTestimonies(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<TestimoniesOptions>(builder.Configuration.GetSection(TestimoniesOptions.Section));
        builder.Services.AddScoped<TestimonyIntake>();
        builder.Services.AddSingleton<IntakeInFlight>();
        builder.Services.AddScoped<TestimonyModeration>();
        builder.Services.AddScoped<TestimonyWithdrawal>();
        builder.Services.AddScoped<TestimonyEvidence>();
        builder.Services.AddScoped<Shared.IProposalEvidence>(services => services.GetRequiredService<TestimonyEvidence>());
        builder.Services.AddScoped<Safeguarding.IHeldTextChannel, HeldTestimonies>();
        builder.Services.AddSingleton<WithdrawalAttempts>();
        builder.Services.AddSingleton<TestimonyRetention>();
        builder.Services.AddLeasedJob<TestimonyRetention>("temoignages.conservation");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TestimonyPolicies.Collect, p => p.RequireRole(Roles.Staff))
            .AddPolicy(TestimonyPolicies.Moderate, p => p.RequireRole(Roles.Moderation));
        return builder;
    }

    public static WebApplication MapTestimonies(this WebApplication app)
    {
        app.MapGet(TestimonyMediaEndpoint.Prefix + "{name}", TestimonyMediaEndpoint.ServeAsync).AllowAnonymous();
        return app;
    }
}

/// <summary>Counts wrong withdrawal codes per address, against guessing.</summary>
public sealed class WithdrawalAttempts(Microsoft.Extensions.Options.IOptions<TestimoniesOptions> options, AttemptLimits limits)
{
    private readonly AttemptCounter _failures = limits.Counter("withdrawal-code.address", options.Value.WrongCodesPerMinute);

    public TimeSpan? WaitFor(HttpContext context) => _failures.WaitFor(AttemptCounter.Address(context));

    public void Failed(HttpContext context) => _failures.Count(AttemptCounter.Address(context));
}
