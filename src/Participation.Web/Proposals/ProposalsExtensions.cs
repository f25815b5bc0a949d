using Participation.Web.Shared;

namespace Participation.Web.Proposals;

public static class ProposalPolicies
{
    /// <summary>Young members and professionals propose; staff also enter proposals for others.</summary>
    public const string Propose = nameof(Propose);

    /// <summary>Moderators, facilitators and the département's staff triage and answer.</summary>
    public const string Triage = nameof(Triage);
}

public static class ProposalsExtensions
{
    public static WebApplicationBuilder AddProposals(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ProposalStats>();
        builder.Services.AddScoped<ProposalService>();
        builder.Services.AddScoped<Safeguarding.IHeldTextChannel, HeldProposals>();
        builder.Services.AddScoped<ProposalQueries>();
        builder.Services.AddScoped<Observatory>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ProposalPolicies.Propose, p => p.RequireRole([Roles.Young, Roles.Professional, .. Roles.Staff]))
            .AddPolicy(ProposalPolicies.Triage, p => p.RequireRole(Roles.Staff));
        return builder;
    }

    public static WebApplication MapProposals(this WebApplication app)
    {
        app.MapGet(DonePhotoEndpoint.Prefix + "{name}", DonePhotoEndpoint.ServeAsync).AllowAnonymous();
        return app;
    }
}
