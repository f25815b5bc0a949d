using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Consultations;
using Participation.Web.Council;
using Participation.Web.Notifications;
using Participation.Web.Plan;
using Participation.Web.Proposals;

namespace Participation.Web.Data;

/// <summary>
/// The site's data, on SQLite. <see cref="PostgresParticipationDb"/> is the same model on
/// PostgreSQL, with its own migrations; whichever the settings name is what resolves as this type.
/// </summary>
public class ParticipationDb : IdentityDbContext<Member, IdentityRole, string>, IDataProtectionKeyContext
{
    public ParticipationDb(DbContextOptions<ParticipationDb> options) : base(options)
    {
    }

    protected ParticipationDb(DbContextOptions options) : base(options)
    {
    }

    // Capped counts take rows in no order on purpose (see ProposalQueries.CountLimit); every list shown is ordered.
    protected override void OnConfiguring(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    public DbSet<Establishment> Establishments => Set<Establishment>();
    public DbSet<FollowedEstablishment> FollowedEstablishments => Set<FollowedEstablishment>();
    public DbSet<DepartmentPlan> Plans => Set<DepartmentPlan>();
    public DbSet<PlanNode> PlanNodes => Set<PlanNode>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalAuthor> ProposalAuthors => Set<ProposalAuthor>();
    public DbSet<ProposalPlanLink> ProposalPlanLinks => Set<ProposalPlanLink>();
    public DbSet<ProposalEvent> ProposalEvents => Set<ProposalEvent>();
    public DbSet<Support> Supports => Set<Support>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CouncilSession> CouncilSessions => Set<CouncilSession>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<SessionFacilitator> SessionFacilitators => Set<SessionFacilitator>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Poll> Polls => Set<Poll>();
    public DbSet<PollOption> PollOptions => Set<PollOption>();
    public DbSet<Ballot> Ballots => Set<Ballot>();
    public DbSet<Idea> Ideas => Set<Idea>();
    public DbSet<IdeaSupport> IdeaSupports => Set<IdeaSupport>();
    public DbSet<Questionnaire> Questionnaires => Set<Questionnaire>();
    public DbSet<QuestionnaireSection> QuestionnaireSections => Set<QuestionnaireSection>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionOption> QuestionOptions => Set<QuestionOption>();
    public DbSet<QuestionnaireTranslation> QuestionnaireTranslations => Set<QuestionnaireTranslation>();
    public DbSet<InvitationBatch> InvitationBatches => Set<InvitationBatch>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<Safeguarding.SafetyCase> SafetyCases => Set<Safeguarding.SafetyCase>();
    public DbSet<Safeguarding.CaseAction> CaseActions => Set<Safeguarding.CaseAction>();
    public DbSet<Safeguarding.RealNameView> RealNameViews => Set<Safeguarding.RealNameView>();
    public DbSet<Testimonies.Campaign> Campaigns => Set<Testimonies.Campaign>();
    public DbSet<Testimonies.Testimony> Testimonies => Set<Testimonies.Testimony>();
    public DbSet<Testimonies.TestimonyMedia> TestimonyMedia => Set<Testimonies.TestimonyMedia>();
    public DbSet<Testimonies.ProposalTestimony> ProposalTestimonies => Set<Testimonies.ProposalTestimony>();
    public DbSet<Peers.Circle> PeerCircles => Set<Peers.Circle>();
    public DbSet<Peers.PeerPost> PeerPosts => Set<Peers.PeerPost>();
    public DbSet<Peers.PeerReaction> PeerReactions => Set<Peers.PeerReaction>();
    public DbSet<Peers.PeerReport> PeerReports => Set<Peers.PeerReport>();
    public DbSet<Peers.PeerMute> PeerMutes => Set<Peers.PeerMute>();
    public DbSet<Peers.PeerModerationEntry> PeerModerationLog => Set<Peers.PeerModerationEntry>();
    public DbSet<Peers.PeerProfile> PeerProfiles => Set<Peers.PeerProfile>();
    public DbSet<Peers.PeerAction> PeerActions => Set<Peers.PeerAction>();
    public DbSet<Charter.CharterVersion> CharterVersions => Set<Charter.CharterVersion>();
    public DbSet<Charter.CharterPractice> CharterPractices => Set<Charter.CharterPractice>();
    public DbSet<Charter.PracticeGround> PracticeGrounds => Set<Charter.PracticeGround>();
    public DbSet<Charter.PracticeVote> PracticeVotes => Set<Charter.PracticeVote>();
    public DbSet<Charter.PracticeComment> PracticeComments => Set<Charter.PracticeComment>();
    public DbSet<Charter.Ratification> Ratifications => Set<Charter.Ratification>();
    public DbSet<Charter.SelfAssessment> SelfAssessments => Set<Charter.SelfAssessment>();
    public DbSet<Charter.YouthView> YouthViews => Set<Charter.YouthView>();
    public DbSet<Charter.YouthViewTaken> YouthViewsTaken => Set<Charter.YouthViewTaken>();
    public DbSet<Privacy.Erasure> Erasures => Set<Privacy.Erasure>();
    public DbSet<FormerAccount> FormerAccounts => Set<FormerAccount>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Infrastructure.JobLease> JobLeases => Set<Infrastructure.JobLease>();

    /// <summary>The members holding a role: one query, used wherever people are listed by role.</summary>
    public IQueryable<Member> MembersInRole(string role) =>
        Users.Where(u => UserRoles.Any(ur => ur.UserId == u.Id && Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));

    // SQLite cannot compare or sort DateTimeOffset text; stored as numbers (all UTC here) it can.
    // PostgreSQL keeps them as timestamptz.
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        if (Database.IsSqlite())
        {
            configuration.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParticipationDb).Assembly);
    }
}

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite model without a running site: without it, the tools would
/// take the PostgreSQL factory for this context too, since that context derives from this one.
/// </summary>
public sealed class ParticipationDbFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<ParticipationDb>
{
    public ParticipationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ParticipationDb>().UseSqlite("Data Source=participation.db").Options);
}
