using System.Security.Claims;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>
/// Where and when a session meets tells anyone where children will be at a given hour. It goes
/// only to the young members the session is for and to the département's staff (facilitators,
/// moderators, administrators). Parents, professionals and establishments read the title and the
/// theme; once a session is over, its day is no secret.
/// </summary>
public static class WhereAndWhen
{
    public const string Withheld = "date et lieu donnés aux jeunes invité·es";

    /// <summary>Whether this person is told the session's place and time; <paramref name="invited"/> says the session is for their age band.</summary>
    public static bool ToldTo(ClaimsPrincipal user, bool invited) =>
        user.IsStaff() || (user.IsInRole(Roles.Young) && invited);

    /// <summary>The moment as this person may read it.</summary>
    public static string When(DateTimeOffset startsAt, SessionStatus status, bool told) =>
        told ? FrenchDates.DayAndTime(FrenchDates.ToParis(startsAt))
        : status == SessionStatus.Closed ? FrenchDates.Day(FrenchDates.ToParis(startsAt))
        : Withheld;

    /// <summary>The place as this person may read it.</summary>
    public static string Where(string? place, bool isRemote, SessionStatus status, bool told) =>
        isRemote ? "à distance"
        : told ? place ?? ""
        : status == SessionStatus.Closed ? "lieu non publié"
        : Withheld;
}
