using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>The rules of consent and audience, in one place, for the intake, the moderators and the wall.</summary>
public static class TestimonyRules
{
    /// <summary>Under 15, a guardian's agreement is needed before a voice or a photo is published.</summary>
    public static bool NeedsGuardian(Speaker speaker, AgeBand? band) =>
        speaker == Speaker.Young && band is AgeBand.From7To10 or AgeBand.From11To14;

    public static bool NeedsGuardian(this Testimony testimony) => testimony.GuardianNeeded;

    /// <summary>A member counts as possibly under 15 until the year after they turn 15: only the birth year is known.</summary>
    public static bool MayBeUnder15(int birthYear, int currentYear) => currentYear - birthYear <= 15;

    /// <summary>Until a guardian's agreement is recorded, a child under 15 may have only their words published.</summary>
    public static bool GuardianMissing(this Testimony testimony) => testimony.NeedsGuardian() && testimony.GuardianAt is null;

    public static Writer Writer(Speaker speaker, AgeBand? band) => speaker switch
    {
        Speaker.Young when band == AgeBand.From7To10 => Safeguarding.Writer.Child,
        Speaker.Young => Safeguarding.Writer.Young,
        Speaker.Parent => Safeguarding.Writer.Parent,
        _ => Safeguarding.Writer.Adult,
    };

    /// <summary>Who a member speaks as when answering for themselves, from their roles; null for staff, who collect in the field.</summary>
    public static (Speaker? Speaker, AgeBand? Band) SpeakerOf(Func<string, bool> hasRole, int? birthYear, int currentYear) =>
        hasRole(Shared.Roles.Young) && birthYear is { } year ? (Speaker.Young, AgeBands.ForBirthYear(year, currentYear))
        : hasRole(Shared.Roles.Parent) ? (Speaker.Parent, null)
        : hasRole(Shared.Roles.Professional) || hasRole(Shared.Roles.Establishment) ? (Speaker.Professional, null)
        : (null, null);

    public static bool InAudience(Campaign campaign, Speaker speaker, AgeBand? band) => speaker switch
    {
        Speaker.Young => band is { } b && campaign.AgeBands.HasFlag(b.ToSet()),
        Speaker.Parent => campaign.Parents,
        Speaker.Professional => campaign.Professionals,
        _ => false,
    };

    public static bool IsMinor(this Testimony testimony) => testimony.Speaker == Speaker.Young && testimony.AgeBand is not AgeBand.From18To25;

    /// <summary>The voice the public may hear, within consent and a guardian's agreement; none otherwise.</summary>
    public static MediaKind? PublicVoiceKind(this Testimony testimony) =>
        testimony.GuardianMissing() ? null : testimony.Voice switch
        {
            VoiceConsent.AsRecorded => MediaKind.Voice,
            VoiceConsent.Disguised => MediaKind.DisguisedVoice,
            _ => null,
        };

    public static bool PhotoMayBePublic(this Testimony testimony) => testimony.PhotoPublic && !testimony.GuardianMissing();

    /// <summary>True when the public may fetch this file of a published testimony.</summary>
    public static bool IsPublic(this Testimony testimony, TestimonyMedia media) =>
        testimony.Status == TestimonyStatus.Published && !testimony.HeldForSafety && testimony.MediaDeletedAt is null && media.Kind switch
        {
            MediaKind.Photo => testimony.PhotoMayBePublic(),
            _ => testimony.PublicVoiceKind() == media.Kind,
        };
}

public static class TestimonyWords
{
    /// <summary>How the wall names who spoke: a pseudonym the member chose to sign with, or who they are, never a name.</summary>
    public static string Speaker(Testimony testimony) =>
        testimony.Pseudonym ?? Speaker(testimony.Speaker, testimony.AgeBand);

    public static string Speaker(Testimonies.Speaker speaker, AgeBand? band) => speaker switch
    {
        Testimonies.Speaker.Young when band is { } b => $"un·e jeune de {b.Label()}",
        Testimonies.Speaker.Young => "un·e jeune",
        Testimonies.Speaker.Parent => "un parent",
        _ => "un·e professionnel·le",
    };

    /// <summary>« les jeunes de 11–14 ans et 15–17 ans et les parents ».</summary>
    public static string Audience(Campaign campaign) => Audience(campaign, "les");

    /// <summary>After « posée », « s'adresse »: « aux jeunes de 11–14 ans et aux parents ».</summary>
    public static string AudienceTo(Campaign campaign) => Audience(campaign, "aux");

    private static string Audience(Campaign campaign, string article)
    {
        var parts = new List<string>();
        var bands = campaign.AgeBands.Split().ToList();
        if (bands.Count > 0)
        {
            parts.Add($"{article} jeunes de " + Join(bands.Select(b => b.Label()).ToList()));
        }
        if (campaign.Parents)
        {
            parts.Add($"{article} parents");
        }
        if (campaign.Professionals)
        {
            parts.Add($"{article} professionnel·les");
        }
        return Join(parts);
    }

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Join("", parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " et " + parts[^1];

    public static string Status(TestimonyStatus status) => status switch
    {
        TestimonyStatus.Pending => "à modérer",
        TestimonyStatus.Published => "publié",
        TestimonyStatus.KeptPrivate => "gardé pour le schéma",
        TestimonyStatus.Rejected => "écarté",
        TestimonyStatus.Withdrawn => "retiré",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Voice(VoiceConsent voice) => voice switch
    {
        VoiceConsent.AsRecorded => "voix publiée telle quelle",
        VoiceConsent.Disguised => "voix publiée transformée",
        _ => "voix non publique",
    };

    public static string Guardian(GuardianChannel channel) => channel switch
    {
        GuardianChannel.InPerson => "de vive voix",
        GuardianChannel.Phone => "par téléphone",
        GuardianChannel.Written => "par écrit",
        GuardianChannel.CareService => "par le service gardien (ASE)",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}

public sealed class TestimoniesOptions
{
    public const string Section = "Testimonies";

    /// <summary>How long after a campaign ends its recordings and photos are deleted; the privacy page says three months.</summary>
    public TimeSpan MediaRetention { get; set; } = TimeSpan.FromDays(91);

    /// <summary>How long after a campaign ends answers collected before its end may still arrive from phones that were offline.</summary>
    public TimeSpan LateArrival { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Wrong withdrawal codes one address may type in a minute.</summary>
    public int WrongCodesPerMinute { get; set; } = 10;

    /// <summary>How often the retention sweep looks for campaigns whose files are due.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);
}
