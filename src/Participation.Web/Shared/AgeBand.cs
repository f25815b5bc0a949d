namespace Participation.Web.Shared;

public enum AgeBand
{
    From7To10,
    From11To14,
    From15To17,
    From18To25,
}

/// <summary>Several age bands at once, as a proposal or a session concerns them.</summary>
[Flags]
public enum AgeBandSet
{
    None = 0,
    From7To10 = 1,
    From11To14 = 2,
    From15To17 = 4,
    From18To25 = 8,
}

/// <summary>The council is open from 7 to 25; ages are worked out from the birth year alone.</summary>
public static class AgeBands
{
    public const int MinimumAge = 7;
    public const int MaximumAge = 25;

    public static IReadOnlyList<AgeBand> All { get; } = Enum.GetValues<AgeBand>();

    public static int AgeIn(int year, int birthYear) => year - birthYear;

    public static AgeBand? ForAge(int age) => age switch
    {
        < MinimumAge => null,
        <= 10 => AgeBand.From7To10,
        <= 14 => AgeBand.From11To14,
        <= 17 => AgeBand.From15To17,
        <= MaximumAge => AgeBand.From18To25,
        _ => null,
    };

    public static AgeBand? ForBirthYear(int birthYear, int currentYear) => ForAge(AgeIn(currentYear, birthYear));

    /// <summary>A child of 7–10, who gets pictures and the easiest words; false when the birth year is unknown.</summary>
    public static bool IsChild(int? birthYear, int currentYear) => birthYear is { } year && ForBirthYear(year, currentYear) == AgeBand.From7To10;

    public static bool IsMinor(int birthYear, int currentYear) => AgeIn(currentYear, birthYear) < 18;

    /// <summary>Null when the birth year is acceptable, otherwise the French reason to show.</summary>
    public static string? Validate(int birthYear, int currentYear)
    {
        var age = AgeIn(currentYear, birthYear);
        return ForAge(age) is null
            ? $"Le Conseil des jeunes accueille les jeunes de {MinimumAge} à {MaximumAge} ans. Né·e en {birthYear}, on a {age} ans en {currentYear} : l'année de naissance doit être comprise entre {currentYear - MaximumAge} et {currentYear - MinimumAge}."
            : null;
    }

    public static string Label(this AgeBand band) => band switch
    {
        AgeBand.From7To10 => "7–10 ans",
        AgeBand.From11To14 => "11–14 ans",
        AgeBand.From15To17 => "15–17 ans",
        AgeBand.From18To25 => "18–25 ans",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static (int Min, int Max) Ages(this AgeBand band) => band switch
    {
        AgeBand.From7To10 => (7, 10),
        AgeBand.From11To14 => (11, 14),
        AgeBand.From15To17 => (15, 17),
        AgeBand.From18To25 => (18, 25),
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static AgeBandSet ToSet(this AgeBand band) => (AgeBandSet)(1 << (int)band);

    public static IEnumerable<AgeBand> Split(this AgeBandSet set) => All.Where(b => set.HasFlag(b.ToSet()));

    public static string Slug(this AgeBand band) => band switch
    {
        AgeBand.From7To10 => "7-10",
        AgeBand.From11To14 => "11-14",
        AgeBand.From15To17 => "15-17",
        AgeBand.From18To25 => "18-25",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static AgeBand? FromSlug(string? slug) => All.Cast<AgeBand?>().FirstOrDefault(b => b!.Value.Slug() == slug);
}
