namespace Participation.Web.Shared;

/// <summary>One labelled count, as a bar chart or a results table shows it.</summary>
public sealed record Figure(string Label, int Count);
