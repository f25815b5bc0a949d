using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Sign-in attempts per minute from one address: a room of forty behind one Wi-Fi stays well below.</summary>
    public int AttemptsPerMinutePerAddress { get; set; } = 200;

    /// <summary>
    /// Wrong passwords for one account from one place (an address, or a device it signed in from
    /// before) before that place waits. Only that place waits: the owner elsewhere is not stopped.
    /// </summary>
    public int FreeWrongPasswords { get; set; } = 5;

    /// <summary>The first wait, after one more wrong password; each further one doubles it.</summary>
    public TimeSpan FirstWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait for one place: about six guesses an hour.</summary>
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Wrong passwords for one account from every device it never signed in from, all addresses
    /// together, before they all wait: guessing spread over many addresses is slowed too, while
    /// the owner on a device they used before is not.
    /// </summary>
    public int FreeWrongPasswordsPerAccount { get; set; } = 20;

    /// <summary>The longest wait for the account as a whole, short enough for its owner on a new device.</summary>
    public TimeSpan LongestWaitPerAccount { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A place or an account with no wrong password for this long starts afresh.</summary>
    public TimeSpan WrongPasswordsForgottenAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a device stays known to the accounts that signed in on it.</summary>
    public TimeSpan DeviceRememberedFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Wrong activation codes per minute from one address.</summary>
    public int WrongActivationCodesPerMinute { get; set; } = 60;

    /// <summary>Wrong or spent first-administrator links per minute from one address.</summary>
    public int WrongAdministratorLinksPerMinute { get; set; } = 10;
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
                // Long and memorable beats complicated for a 7-year-old; refusing the common passwords
                // (PasswordRule) and slowing guesses down (SignInAttempts) do the rest.
                options.Password.RequiredLength = PasswordRule.MinimumLength;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // A lockout lets anyone who knows a pseudonym shut its owner out: waits that grow per
                // place take its role (SignInAttempts).
                options.Lockout.AllowedForNewUsers = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ParticipationDb>()
            .AddPasswordValidator<PasswordRule>()
            .AddClaimsPrincipalFactory<MemberClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<Member>, ComposedPasswordHasher>());
        // The French messages, Identity's and the password rule's own, come from one describer.
        services.AddScoped<FrenchIdentityErrors>();
        services.AddScoped<IdentityErrorDescriber>(provider => provider.GetRequiredService<FrenchIdentityErrors>());

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
            // The last sign-in starts the 12 months after which an unused account is deleted, and ends any warning given.
            cookie.Events.OnSignedIn = async context =>
            {
                if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id)
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    await context.HttpContext.RequestServices.GetRequiredService<ParticipationDb>().Users.Where(u => u.Id == id)
                        .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastSignInAt, now).SetProperty(u => u.DeletionWarnedAt, (DateTimeOffset?)null));
                }
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ManageYoungMembers, p => p.RequireRole(Roles.Facilitation))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            // Every page needs a signed-in person unless it says [AllowAnonymous].
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<KnownDevices>();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<SignOuts>();
        services.AddHostedService(provider => provider.GetRequiredService<SignOuts>());
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
