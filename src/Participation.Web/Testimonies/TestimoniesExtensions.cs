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
        builder.Services.AddHostedService(services => services.GetRequiredService<TestimonyRetention>());
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
public sealed class WithdrawalAttempts(Microsoft.Extensions.Options.IOptions<TestimoniesOptions> options, TimeProvider clock)
{
    private readonly Infrastructure.AttemptCounter _failures = new(options.Value.WrongCodesPerMinute, clock);

    public TimeSpan? WaitFor(HttpContext context) => _failures.WaitFor(Infrastructure.AttemptCounter.Address(context));

    public void Failed(HttpContext context) => _failures.Count(Infrastructure.AttemptCounter.Address(context));
}
