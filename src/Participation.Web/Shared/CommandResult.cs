using System.Diagnostics.CodeAnalysis;

namespace Participation.Web.Shared;

/// <summary>
/// What a command answers: done, or French messages keyed by the form field they are about
/// ("" for the form as a whole), for the page to show next to the field (<c>FormPageModel.AddErrors</c>).
/// </summary>
public sealed record CommandResult(IReadOnlyDictionary<string, string> Errors)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();
    private static readonly CommandResult Done = new(NoErrors);

    public bool Succeeded => Errors.Count == 0;

    public static CommandResult Ok() => Done;

    public static CommandResult<T> Ok<T>(T value) where T : notnull => new(NoErrors, value);

    public static CommandResult Fail(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    /// <summary>The errors a check found: none means the command may go on.</summary>
    public static CommandResult Fail(IReadOnlyDictionary<string, string> errors) => new(errors);
}

/// <summary>What a command answers with what it made when done: the new item's id, a code to hand over.</summary>
public sealed record CommandResult<T>(IReadOnlyDictionary<string, string> Errors, T? Value = default)
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Errors.Count == 0 && Value is not null;

    /// <summary>The same errors without the value, for a caller that only needs to know it was done.</summary>
    public CommandResult WithoutValue() => Succeeded ? CommandResult.Ok() : new(Errors);

    /// <summary>A refusal answers any command, whatever it would have made.</summary>
    public static implicit operator CommandResult<T>(CommandResult refusal) =>
        refusal.Succeeded
            ? throw new InvalidOperationException("Only a refusal stands for a command's result: a success gives its value through CommandResult.Ok(value).")
            : new(refusal.Errors);
}
