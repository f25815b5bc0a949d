using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Participation.Web.Data;

namespace Participation.Web.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Sign-in attempts per minute for one login name, from wherever they come.</summary>
    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts per minute from one address: a room of forty behind one Wi-Fi stays well below.</summary>
    public int AttemptsPerMinutePerAddress { get; set; } = 200;

    /// <summary>Wrong activation codes per minute from one address.</summary>
    public int WrongActivationCodesPerMinute { get; set; } = 60;
}

public static class AccountsExtensions
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AccountsOptions>(builder.Configuration.GetSection(AccountsOptions.Section));

        services.AddIdentity<Member, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters =
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+" +
                    "àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ";
                // Long and memorable beats complicated for a 7-year-old; lockout and rate limiting do the rest.
                options.Password.RequiredLength = 8;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ParticipationDb>()
            .AddErrorDescriber<FrenchIdentityErrors>()
            .AddClaimsPrincipalFactory<MemberClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<Member>, ComposedPasswordHasher>());

        // A new code for a lost phone ends the sessions already open within a minute, not half an hour.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "participation.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/compte/connexion";
            cookie.LogoutPath = "/compte/deconnexion";
            cookie.AccessDeniedPath = "/compte/acces-refuse";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ManageYoungMembers, p => p.RequireRole(Roles.Facilitator, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            // Every page needs a signed-in person unless it says [AllowAnonymous].
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<SignInAttempts>();
        services.AddScoped<YoungMembers>();
        return builder;
    }

    public static async Task EnsureRolesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
