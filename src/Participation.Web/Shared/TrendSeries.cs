namespace Participation.Web.Shared;

/// <summary>One line of a trend: a label and a count for each month of the period, in order.</summary>
public sealed record TrendSeries(string Label, IReadOnlyList<int> Counts);
