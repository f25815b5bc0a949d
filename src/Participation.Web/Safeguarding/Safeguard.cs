namespace Participation.Web.Safeguarding;

/// <summary>Who wrote a text, as far as the channel knows: it decides what is held and the words of the reply.</summary>
public enum Writer
{
    /// <summary>A member aged 7 to 10.</summary>
    Child,

    /// <summary>A member aged 11 to 25, or a guest in a council session.</summary>
    Young,

    /// <summary>A parent, answering a questionnaire or writing a proposal.</summary>
    Parent,

    /// <summary>A professional or anyone else of age.</summary>
    Adult,
}

public enum Verdict
{
    /// <summary>Nothing to hold: the channel goes on as usual.</summary>
    Clear,

    /// <summary>A minor gave a personal detail: held for the channel's ordinary moderation, with a gentle word.</summary>
    PersonalDetails,

    /// <summary>A risk, or a text that could not be read: held, and an urgent case opened.</summary>
    Urgent,
}

public sealed record Screening(Verdict Verdict, RiskReport Report)
{
    public bool Held => Verdict != Verdict.Clear;
}

/// <summary>A held text, as the channel that stored it describes it to the team.</summary>
public sealed record HeldText(
    SafetyChannel Channel, string SourceId, string Origin, string? OriginUrl, string Text, string? AuthorMemberId, string? AuthorPseudonym);

/// <summary>
/// The one path every channel takes with free text. <see cref="Screen"/> reads the text before the
/// channel stores it, so that a risky text is stored held; <see cref="OpenCaseAsync"/> then puts it
/// at the top of the moderators' views, live. A fault in the detector holds the text, never loses it.
/// </summary>
public sealed class Safeguard(RiskDetector detector, ILogger<Safeguard> logger)
{
    public Screening Screen(string? text, Writer writer)
    {
        RiskReport report;
        try
        {
            report = detector.Scan(text);
        }
        catch (Exception fault)
        {
            logger.LogError(fault, "The risk detector failed; the text is held for a person to read.");
            report = new RiskReport { Failure = "La lecture automatique a échoué." };
        }
        if (report.NeedsPerson)
        {
            return new Screening(Verdict.Urgent, report);
        }
        return report.HasPersonalDetails && writer is Writer.Child or Writer.Young
            ? new Screening(Verdict.PersonalDetails, report)
            : new Screening(Verdict.Clear, report);
    }
}
