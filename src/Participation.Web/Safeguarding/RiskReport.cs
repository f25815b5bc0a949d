namespace Participation.Web.Safeguarding;

/// <summary>What a text may say about a young person's safety: each opens an urgent case.</summary>
public enum RiskCategory
{
    /// <summary>Suicide and self-harm.</summary>
    Suicide,

    /// <summary>Violence and abuse, physical or sexual, at home, in the placement or elsewhere.</summary>
    Violence,

    /// <summary>Running away, or in danger right now (nowhere to sleep, followed, exploited).</summary>
    Danger,

    /// <summary>Bullying and harassment, online included.</summary>
    Bullying,
}

/// <summary>
/// Something that identifies or locates a person. Not a risk: a channel holds the text with a gentle
/// explanation instead of opening an urgent case.
/// </summary>
public enum PersonalDetailKind
{
    Phone,
    Email,
    Address,
    Place,
    Handle,

    /// <summary>A proposal to meet (« on se voit samedi », « rdv devant la gare ») where peers must not arrange meetings.</summary>
    MeetUp,
}

/// <summary>One entry of a list in content/safeguarding: its id (file and line), the expression and what it catches.</summary>
public sealed record ListEntry(string Id, string Expression, string Comment);

/// <summary>Where a finding sits in the scanned text, in characters of the original text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}

public sealed record RiskFinding(RiskCategory Category, ListEntry Entry, TextSpan Where, string Excerpt);

public sealed record PersonalDetailFinding(PersonalDetailKind Kind, ListEntry Entry, TextSpan Where, string Excerpt);

/// <summary>
/// The result of one scan. Risks and personal details are kept apart because channels treat them
/// differently: a risk opens an urgent case, a personal detail only holds the text with an
/// explanation. A keyword list only sorts the queue; a person always decides.
/// </summary>
public sealed record RiskReport
{
    public static readonly RiskReport Clear = new();

    public IReadOnlyList<RiskFinding> Risks { get; init; } = [];

    public IReadOnlyList<PersonalDetailFinding> PersonalDetails { get; init; } = [];

    /// <summary>Why the text could not be scanned, when it could not.</summary>
    public string? Failure { get; init; }

    /// <summary>The text was longer than <see cref="RiskDetector.MaxLength"/>; only its beginning was scanned.</summary>
    public bool Truncated { get; init; }

    public bool Failed => Failure is not null;

    /// <summary>
    /// The contract for every channel: a text that shows a risk, that could not be scanned or was
    /// scanned only in part goes to a person before anyone else sees it. A detector fault never
    /// lets a text through unseen, and never loses it.
    /// </summary>
    public bool NeedsPerson => Risks.Count > 0 || Failed || Truncated;

    /// <summary>A detail that identifies or locates someone; a proposal to meet is counted apart.</summary>
    public bool HasPersonalDetails => PersonalDetails.Any(d => d.Kind != PersonalDetailKind.MeetUp);

    /// <summary>
    /// A proposal to meet. Only the peer network holds a text for it (no meet-ups between members); a
    /// council idea to « se retrouver le mercredi pour cuisiner » is an ordinary idea.
    /// </summary>
    public bool ProposesMeeting => PersonalDetails.Any(d => d.Kind == PersonalDetailKind.MeetUp);

    public bool IsClear => !NeedsPerson && !HasPersonalDetails && !ProposesMeeting;

    public IReadOnlyList<RiskCategory> Categories =>
        Risks.Select(r => r.Category).Distinct().Order().ToList();

    public IReadOnlyList<PersonalDetailKind> PersonalDetailKinds =>
        PersonalDetails.Select(d => d.Kind).Distinct().Order().ToList();

    /// <summary>The stable lowercase names of what was found, comma-separated, or « - »: the output of <c>risk-scan</c>.</summary>
    public string Summary
    {
        get
        {
            if (Failed)
            {
                return RiskNames.Error;
            }
            var names = Categories.Select(RiskNames.Of).ToList();
            if (HasPersonalDetails)
            {
                names.Add(RiskNames.PersonalDetails);
            }
            if (ProposesMeeting)
            {
                names.Add(RiskNames.MeetUp);
            }
            return names.Count == 0 ? "-" : string.Join(',', names);
        }
    }

    public static RiskReport Unscanned(Exception error) => new() { Failure = error.GetType().Name + ": " + error.Message };
}

/// <summary>Names that scripts and the command rely on; they never change once published.</summary>
public static class RiskNames
{
    public const string PersonalDetails = "personal-details";
    public const string MeetUp = "meet-up";
    public const string Error = "error";

    public static string Of(RiskCategory category) => category switch
    {
        RiskCategory.Suicide => "suicide",
        RiskCategory.Violence => "violence",
        RiskCategory.Danger => "danger",
        RiskCategory.Bullying => "bullying",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string Label(RiskCategory category) => category switch
    {
        RiskCategory.Suicide => "Suicide et auto-agression",
        RiskCategory.Violence => "Violences et maltraitance",
        RiskCategory.Danger => "Fugue ou danger immédiat",
        RiskCategory.Bullying => "Harcèlement",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string Label(PersonalDetailKind kind) => kind switch
    {
        PersonalDetailKind.Phone => "Numéro de téléphone",
        PersonalDetailKind.Email => "Adresse e-mail",
        PersonalDetailKind.Address => "Adresse postale",
        PersonalDetailKind.Place => "École ou établissement",
        PersonalDetailKind.Handle => "Pseudo de réseau social",
        PersonalDetailKind.MeetUp => "Proposition de rendez-vous",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
