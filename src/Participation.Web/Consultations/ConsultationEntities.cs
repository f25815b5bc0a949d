using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    Scale,
    YesNo,
    Ranking,
    FreeText,
}

public enum QuestionnaireAccess
{
    /// <summary>Anyone with the link answers, once per device.</summary>
    OpenLink,

    /// <summary>Only with a single-use code from a printed or sent invitation.</summary>
    Invitation,
}

public enum ResponseStatus
{
    /// <summary>Kept only because the parent asked to finish later.</summary>
    Draft,
    Submitted,
}

public enum ResponseChannel
{
    Online,
    Paper,
}

/// <summary>A consultation of families: written in French, optionally translated and in FALC.</summary>
public sealed class Questionnaire
{
    public const int TitleMaxLength = 140;
    public const int IntroMaxLength = 2000;
    public const int SlugMaxLength = 80;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Intro { get; set; } = "";
    public QuestionnaireAccess Access { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>Unpublished questionnaires are only seen by staff, in the builder and the preview.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Language codes offered besides French (see <see cref="Languages"/>).</summary>
    public List<string> Translations { get; set; } = [];

    public List<QuestionnaireSection> Sections { get; set; } = [];

    /// <summary>Families can answer between the first and the last day, once it is published.</summary>
    public static bool IsOpen(DateTimeOffset? publishedAt, DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        publishedAt is not null && opensAt <= now && now < closesAt;

    public static string StateLabel(DateTimeOffset? publishedAt, DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        publishedAt is null ? "en préparation" : now < opensAt ? "publiée, pas encore ouverte" : now < closesAt ? "ouverte" : "terminée";
}

public sealed class QuestionnaireSection
{
    public const int TitleMaxLength = 140;

    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public List<Question> Questions { get; set; } = [];
}

public sealed class Question
{
    public const int TextMaxLength = 400;
    public const int HelpMaxLength = 400;
    public const int OptionMaxLength = 140;
    public const int MaxOptions = 12;

    public int Id { get; set; }
    public int SectionId { get; set; }
    public QuestionnaireSection? Section { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Help { get; set; }
    public bool Required { get; set; }

    /// <summary>The question is asked only when this option of an earlier question was chosen.</summary>
    public int? ShowWhenOptionId { get; set; }
    public QuestionOption? ShowWhenOption { get; set; }

    public List<QuestionOption> Options { get; set; } = [];
}

public sealed class QuestionOption
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

/// <summary>One translated text of a questionnaire, keyed like "q12" or "o40" (see <see cref="TextKeys"/>).</summary>
public sealed class QuestionnaireTranslation
{
    public int QuestionnaireId { get; set; }
    public required string Language { get; set; }
    public required string Key { get; set; }
    public required string Text { get; set; }
}

/// <summary>A set of invitation codes printed or sent together, e.g. for one mailing.</summary>
public sealed class InvitationBatch
{
    public const int LabelMaxLength = 120;

    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public required string Label { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Invitation> Invitations { get; set; } = [];
}

public sealed class Invitation
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public int QuestionnaireId { get; set; }

    /// <summary>SHA-256 of the normalised code, to find it; the code itself is only kept sealed, for reprinting.</summary>
    public required string CodeHash { get; set; }
    public required string SealedCode { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>One family's answer. Nothing in it says who they are.</summary>
public sealed class Response
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public ResponseStatus Status { get; set; }
    public ResponseChannel Channel { get; set; }
    public required string Language { get; set; }
    public int? InvitationId { get; set; }

    /// <summary>For a draft started from the open link: the hash of the code given to resume it.</summary>
    public string? ResumeCodeHash { get; set; }

    /// <summary>For a draft: the screen the parent was on when they saved it, where they come back to.</summary>
    public int? ResumeSectionId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The staff member who typed in a paper answer.</summary>
    public string? EnteredById { get; set; }
    public List<Answer> Answers { get; set; } = [];
}

public sealed class Answer
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int ResponseId { get; set; }
    public int QuestionId { get; set; }
    public int? OptionId { get; set; }

    /// <summary>For a ranking: 1 for the option put first.</summary>
    public int? Rank { get; set; }
    public string? Text { get; set; }

    /// <summary>Themes staff tagged a free-text answer with.</summary>
    public Theme Themes { get; set; }
    public int? ProposalId { get; set; }

    /// <summary>
    /// A written answer that may say someone is in danger: stored, but kept out of the results, the
    /// export and the proposals until a moderator releases it from its case.
    /// </summary>
    public bool HeldForSafety { get; set; }
}

public static class QuestionnaireQueries
{
    /// <summary>Questionnaires with their parts, questions and choices, in split queries.</summary>
    public static IQueryable<Questionnaire> WithQuestions(this IQueryable<Questionnaire> questionnaires) =>
        questionnaires.Include(q => q.Sections).ThenInclude(s => s.Questions).ThenInclude(q => q.Options).AsSplitQuery();

    public static IQueryable<QuestionnaireSection> WithQuestions(this IQueryable<QuestionnaireSection> sections) =>
        sections.Include(s => s.Questions).ThenInclude(q => q.Options).AsSplitQuery();
}

public sealed class ConsultationConfiguration :
    IEntityTypeConfiguration<Questionnaire>,
    IEntityTypeConfiguration<QuestionnaireSection>,
    IEntityTypeConfiguration<Question>,
    IEntityTypeConfiguration<QuestionOption>,
    IEntityTypeConfiguration<QuestionnaireTranslation>,
    IEntityTypeConfiguration<InvitationBatch>,
    IEntityTypeConfiguration<Invitation>,
    IEntityTypeConfiguration<Response>,
    IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Questionnaire> questionnaire)
    {
        questionnaire.Property(q => q.Slug).HasMaxLength(Questionnaire.SlugMaxLength);
        questionnaire.Property(q => q.Title).HasMaxLength(Questionnaire.TitleMaxLength);
        questionnaire.Property(q => q.Intro).HasMaxLength(Questionnaire.IntroMaxLength);
        questionnaire.HasIndex(q => q.Slug).IsUnique();
        questionnaire.HasMany(q => q.Sections).WithOne().HasForeignKey(s => s.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        questionnaire.HasMany<QuestionnaireTranslation>().WithOne().HasForeignKey(t => t.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        questionnaire.HasMany<InvitationBatch>().WithOne().HasForeignKey(b => b.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        questionnaire.HasMany<Response>().WithOne().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QuestionnaireSection> section)
    {
        section.Property(s => s.Title).HasMaxLength(QuestionnaireSection.TitleMaxLength);
        section.HasMany(s => s.Questions).WithOne(q => q.Section).HasForeignKey(q => q.SectionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Question> question)
    {
        question.Property(q => q.Text).HasMaxLength(Question.TextMaxLength);
        question.Property(q => q.Help).HasMaxLength(Question.HelpMaxLength);
        question.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
        question.HasOne(q => q.ShowWhenOption).WithMany().HasForeignKey(q => q.ShowWhenOptionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<QuestionOption> option) => option.Property(o => o.Text).HasMaxLength(Question.OptionMaxLength);

    public void Configure(EntityTypeBuilder<QuestionnaireTranslation> translation)
    {
        translation.HasKey(t => new { t.QuestionnaireId, t.Language, t.Key });
        translation.Property(t => t.Language).HasMaxLength(8);
        translation.Property(t => t.Key).HasMaxLength(24);
        translation.Property(t => t.Text).HasMaxLength(Questionnaire.IntroMaxLength);
    }

    public void Configure(EntityTypeBuilder<InvitationBatch> batch)
    {
        batch.Property(b => b.Label).HasMaxLength(InvitationBatch.LabelMaxLength);
        batch.HasMany(b => b.Invitations).WithOne().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.CodeHash).HasMaxLength(64);
        invitation.HasIndex(i => i.CodeHash).IsUnique();
        invitation.HasIndex(i => i.QuestionnaireId);
    }

    public void Configure(EntityTypeBuilder<Response> response)
    {
        response.Property(r => r.Language).HasMaxLength(8);
        response.Property(r => r.ResumeCodeHash).HasMaxLength(64);
        // An invitation is answered once: the database itself refuses a second response.
        response.HasIndex(r => r.InvitationId).IsUnique();
        response.HasIndex(r => r.ResumeCodeHash).IsUnique();
        response.HasIndex(r => new { r.QuestionnaireId, r.Status });
        response.HasOne<Invitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Restrict);
        response.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Answer> answer)
    {
        answer.Property(a => a.Text).HasMaxLength(Answer.TextMaxLength);
        answer.HasIndex(a => a.QuestionId);
        answer.HasOne<Question>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        answer.HasOne<QuestionOption>().WithMany().HasForeignKey(a => a.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
