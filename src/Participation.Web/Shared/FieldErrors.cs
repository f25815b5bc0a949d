namespace Participation.Web.Shared;

/// <summary>What a service's command answers: no error, or one French message for one form field ("" for the whole form).</summary>
public static class FieldErrors
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Error(string field, string message) => new Dictionary<string, string> { [field] = message };
}
