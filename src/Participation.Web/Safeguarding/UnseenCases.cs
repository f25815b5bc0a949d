using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Safeguarding;

/// <summary>
/// The count of urgent cases no one has opened yet, for the header of every staff page. Read from
/// the database at most every few seconds, and at once after a case is opened or first seen.
/// </summary>
public sealed class UnseenCases(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private sealed record Snapshot(int Count, DateTimeOffset At);

    private Snapshot? _last;

    public void Changed() => Volatile.Write(ref _last, null);

    public async Task<int> CountAsync()
    {
        var now = clock.GetUtcNow();
        if (Volatile.Read(ref _last) is { } last && now - last.At < Fresh)
        {
            return last.Count;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var count = await db.SafetyCases.CountAsync(c => c.FirstSeenAt == null && c.Status == CaseStatus.Open);
        Volatile.Write(ref _last, new Snapshot(count, now));
        return count;
    }
}

/// <summary>The French words of cases.</summary>
public static class CaseWords
{
    public static string Channel(SafetyChannel channel) => channel switch
    {
        SafetyChannel.CouncilIdea => "idée en séance du Conseil",
        SafetyChannel.Proposal => "proposition",
        SafetyChannel.QuestionnaireAnswer => "réponse à un questionnaire",
        SafetyChannel.Testimony => "micro-trottoir",
        SafetyChannel.PeerPost => "message d'entraide",
        SafetyChannel.PeerReport => "signalement dans l'entraide",
        SafetyChannel.CharterComment => "commentaire sur la charte",
        _ => channel.ToString(),
    };

    public static string Category(string category) => category switch
    {
        nameof(RiskCategory.Suicide) => "suicide ou automutilation",
        nameof(RiskCategory.Violence) => "violence ou maltraitance",
        nameof(RiskCategory.Danger) => "fugue ou danger immédiat",
        nameof(RiskCategory.Bullying) => "harcèlement",
        "Failure" => "texte non lu par l'outil",
        _ => category,
    };

    public static string Categories(string categories) =>
        string.Join(", ", categories.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Category));

    public static string Action(CaseActionKind kind) => kind switch
    {
        CaseActionKind.ReferentContacted => "Échange avec le ou la référent·e du jeune",
        CaseActionKind.CripReferral => "Information préoccupante envoyée à la CRIP",
        CaseActionKind.EmergencyServices => "Secours appelés",
        CaseActionKind.FalseAlarm => "Fausse alerte",
        CaseActionKind.Published => "Publié finalement",
        CaseActionKind.Note => "Note",
        _ => kind.ToString(),
    };
}
