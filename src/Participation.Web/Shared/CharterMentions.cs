namespace Participation.Web.Shared;

/// <summary>What a practice of the charter comes from.</summary>
public enum GroundKind
{
    Proposal,
    Testimony,
    Question,
}

/// <summary>A practice of the public charter that a proposal, a testimony or a question gave rise to.</summary>
public sealed record CharterMention(string Number, string Statement, string Url);

/// <summary>
/// The charter's practices that cite a voice, so that a proposal or a testimony shows the practice
/// back without its feature depending on the charter.
/// </summary>
public interface ICharterMentions
{
    Task<IReadOnlyDictionary<int, IReadOnlyList<CharterMention>>> ForAsync(GroundKind kind, IReadOnlyCollection<int> sourceIds);
}
