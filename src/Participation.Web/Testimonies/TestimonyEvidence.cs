using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>
/// Testimonies behind proposals: made into a proposal, or joined to one as backing. Each shows on
/// the proposal's page within what consent allows, and as « témoignage retiré » once withdrawn.
/// </summary>
public sealed class TestimonyEvidence(ParticipationDb db, TimeProvider clock) : IProposalEvidence
{
    public const string ReferencePrefix = "temoignage:";

    public static string Reference(int testimonyId) => ReferencePrefix + testimonyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<EvidenceItem>> ForProposalAsync(int proposalId)
    {
        var rows = await (from link in db.ProposalTestimonies
                          join t in db.Testimonies.Include(t => t.Media) on link.TestimonyId equals t.Id
                          join c in db.Campaigns on t.CampaignId equals c.Id
                          where link.ProposalId == proposalId
                          orderby link.Kind, link.At
                          select new { link.Kind, link.At, Testimony = t, c.Title, c.Slug }).ToListAsync();
        return rows.Select(r =>
        {
            var t = r.Testimony;
            var source = $"Micro-trottoir « {r.Title} »";
            var url = $"/micro-trottoirs/{r.Slug}";
            if (t.Status == TestimonyStatus.Withdrawn)
            {
                return new EvidenceItem(r.Kind == EvidenceKind.Origin, source, url, "", r.At, Withdrawn: true);
            }
            // A pseudonym shows only where its owner chose to sign a published testimony; anywhere else, who they are, never a name.
            if (t.Status != TestimonyStatus.Published || t.HeldForSafety)
            {
                return new EvidenceItem(r.Kind == EvidenceKind.Origin, source, url, TestimonyWords.Speaker(t.Speaker, t.AgeBand), r.At, Withdrawn: false) { Private = true };
            }
            var item = new EvidenceItem(r.Kind == EvidenceKind.Origin, source, url, TestimonyWords.Speaker(t), r.At, Withdrawn: false);
            var voice = t.Media.FirstOrDefault(m => m.Kind == t.PublicVoiceKind());
            var photo = t.PhotoMayBePublic() ? t.Media.FirstOrDefault(m => m.Kind == MediaKind.Photo) : null;
            return item with
            {
                Quote = t.TextPublic ? t.Text : null,
                VoiceUrl = voice is null || !t.IsPublic(voice) ? null : TestimonyMediaEndpoint.Url(voice.FileName),
                Transcript = t.PublicVoiceKind() is not null ? t.Transcript : null,
                PhotoUrl = photo is null || !t.IsPublic(photo) ? null : TestimonyMediaEndpoint.Url(photo.FileName),
                PhotoAlt = t.PhotoMayBePublic() ? t.PhotoAlt : null,
                PhotoWidth = photo?.Width,
                PhotoHeight = photo?.Height,
            };
        }).ToList();
    }

    /// <summary>Joins a testimony to an existing proposal as backing; the proposal's trail says so.</summary>
    public async Task<CommandResult> AttachAsync(int testimonyId, int proposalId, Actor staff)
    {
        var testimony = await db.Testimonies.Include(t => t.Campaign).SingleOrDefaultAsync(t => t.Id == testimonyId);
        if (testimony is null || testimony.Status == TestimonyStatus.Withdrawn)
        {
            return CommandResult.Fail("", "Ce témoignage n'existe plus : la personne l'a peut-être retiré.");
        }
        if (testimony.HeldForSafety || testimony.Status is TestimonyStatus.Pending or TestimonyStatus.Rejected)
        {
            return CommandResult.Fail("ProposalId", "Modérez d'abord le témoignage (publié ou gardé pour le schéma) avant de le joindre à une proposition.");
        }
        var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId);
        if (proposal is null || proposal.HeldForSafety)
        {
            return CommandResult.Fail("ProposalId", $"Il n'y a pas de proposition n° {proposalId}. Vérifiez le numéro (il est dans l'adresse de la proposition).");
        }
        if (await db.ProposalTestimonies.AnyAsync(l => l.ProposalId == proposalId && l.TestimonyId == testimonyId))
        {
            return CommandResult.Fail("ProposalId", "Ce témoignage est déjà joint à cette proposition.");
        }
        var now = clock.GetUtcNow();
        db.ProposalTestimonies.Add(new ProposalTestimony { ProposalId = proposalId, TestimonyId = testimonyId, Kind = EvidenceKind.Evidence, At = now, ById = staff.MemberId! });
        db.ProposalEvents.Add(new ProposalEvent
        {
            ProposalId = proposalId, At = now, Kind = EventKind.EvidenceAttached, ActorId = staff.MemberId, ActorLabel = staff.PublicLabel,
            // Only who they are, never a pseudonym: the trail outlives a withdrawal.
            Reason = $"Micro-trottoir « {testimony.Campaign!.Title} », {TestimonyWords.Speaker(testimony.Speaker, testimony.AgeBand)}.",
        });
        proposal.UpdatedAt = now;
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>Records that a proposal was written from a testimony; the first step of its trail says so.</summary>
    public async Task RecordOriginAsync(int testimonyId, int proposalId, Actor staff)
    {
        var campaign = await db.Testimonies.Where(t => t.Id == testimonyId).Select(t => t.Campaign!.Title).SingleAsync();
        db.ProposalTestimonies.Add(new ProposalTestimony { ProposalId = proposalId, TestimonyId = testimonyId, Kind = EvidenceKind.Origin, At = clock.GetUtcNow(), ById = staff.MemberId! });
        await db.SaveChangesAsync();
        await db.ProposalEvents.Where(e => e.ProposalId == proposalId && e.Kind == EventKind.Submitted)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Reason, OriginReason(campaign)));
    }

    public static string OriginReason(string campaign) => $"Écrite à partir d'un témoignage du micro-trottoir « {campaign} ».";
}
