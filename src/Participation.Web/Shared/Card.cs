namespace Participation.Web.Shared;

/// <summary>A big, pictogram-led link to one thing a person can do.</summary>
public sealed record Card(string Title, string Text, string Href, string Icon);
