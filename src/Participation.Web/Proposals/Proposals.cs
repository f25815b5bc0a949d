using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Media;
using Participation.Web.Notifications;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

/// <summary>
/// Where a proposal came from. Other channels (council sessions, questionnaires, vox pops, the
/// peer network) pass their exact source item; paper and phone entries say who typed them.
/// </summary>
public sealed record Provenance(Channel Channel, string? Reference = null, string? Detail = null, AuthorKind? OnBehalfOf = null, AgeBand? OnBehalfAgeBand = null);

public sealed record NewProposal(string Title, string Text, Theme Themes, IReadOnlyList<int> PlanNodeIds, Provenance Provenance);

/// <summary>An idea retained in a council session, with what its proposal keeps of the session and of who said it.</summary>
public sealed record RetainedIdea(
    int SessionId, string SessionTitle, DateTimeOffset SessionStartsAt, AgeBandSet SessionAgeBands,
    int IdeaId, string? MemberId, string Pseudonym, AgeBand? AgeBand, bool IsGuest);

/// <summary>A proposal just submitted, with what its screening found: the author's page then says who will read it, and whom to call.</summary>
public sealed record SubmittedProposal(int Id, Verdict Screened);

/// <summary>Every change to proposals: each one writes its trail and tells the authors.</summary>
public sealed class ProposalService(
    ParticipationDb db, UserManager<Member> users, TimeProvider clock, ProposalStats stats, Safeguard safeguard, SafetyCases cases, MediaStore store)
{
    public static readonly Channel[] StaffEntryChannels = [Channel.Paper, Channel.Phone];

    public const string HeldForSafetyMessage = "Cette proposition est mise de côté pour la sécurité de son auteur·e : elle se traite depuis son cas, dans les urgences.";

    public async Task<CommandResult<SubmittedProposal>> SubmitAsync(NewProposal input, Actor actor)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        var text = input.Text?.Trim() ?? "";
        // A young member writing for themself reads « tu », plainly; adults and the team « vous ».
        var tu = input.Provenance.OnBehalfOf is null && actor.Roles.Contains(Roles.Young);
        if (LengthError(title.Length, Proposal.TitleMinLength, Proposal.TitleMaxLength, tu ? "Ton titre" : "Votre titre", tu) is { } titleError)
        {
            errors[nameof(NewProposal.Title)] = titleError;
        }
        if (LengthError(text.Length, Proposal.TextMinLength, Proposal.TextMaxLength, tu ? "Ton texte" : "Votre texte", tu) is { } textError)
        {
            errors[nameof(NewProposal.Text)] = textError;
        }
        if (input.Themes == Theme.None)
        {
            errors[nameof(NewProposal.Themes)] = tu ? "Choisis au moins un thème." : "Choisissez au moins un thème.";
        }
        else if ((input.Themes & ~Themes.All.Aggregate(Theme.None, (all, t) => all | t)) != 0)
        {
            errors[nameof(NewProposal.Themes)] = "Un des thèmes choisis n'existe pas.";
        }
        if (await CheckPlanNodesAsync(input.PlanNodeIds, tu) is { } nodeError)
        {
            errors[nameof(NewProposal.PlanNodeIds)] = nodeError;
        }
        if (input.Provenance.OriginDetail() is { Length: > Proposal.OriginDetailMaxLength })
        {
            errors["OriginDetail"] = $"La précision sur l'origine fait au plus {Proposal.OriginDetailMaxLength} caractères.";
        }

        var member = actor.MemberId is null ? null : await users.FindByIdAsync(actor.MemberId);
        var onBehalf = input.Provenance.OnBehalfOf is not null;
        AuthorKind kind;
        if (onBehalf)
        {
            if (!actor.IsStaff)
            {
                errors[""] = "Seule l'équipe peut saisir une proposition pour quelqu'un d'autre.";
            }
            kind = input.Provenance.OnBehalfOf!.Value;
        }
        else if (actor.Roles.Contains(Roles.Young))
        {
            kind = AuthorKind.YoungMember;
        }
        else if (actor.Roles.Contains(Roles.Professional))
        {
            kind = AuthorKind.Professional;
        }
        else if (actor.Roles.Contains(Roles.Parent))
        {
            kind = AuthorKind.Parent;
        }
        else if (actor.IsStaff)
        {
            kind = AuthorKind.Staff;
        }
        else
        {
            return CommandResult.Fail("", "Votre compte ne permet pas de déposer une proposition.");
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var bands = AgeBandSet.None;
        if (!onBehalf && member?.BirthYear is { } year && AgeBands.ForBirthYear(year, clock.GetLocalNow().Year) is { } band)
        {
            bands = band.ToSet();
        }
        else if (onBehalf && input.Provenance.OnBehalfAgeBand is { } given)
        {
            bands = given.ToSet();
        }

        var proposal = new Proposal
        {
            Title = title,
            Text = text,
            Status = ProposalStatus.Deposited,
            Channel = input.Provenance.Channel,
            OriginReference = input.Provenance.Reference,
            OriginDetail = input.Provenance.OriginDetail(),
            Themes = input.Themes,
            AgeBands = bands,
            CreatedAt = now,
            UpdatedAt = now,
            EnteredById = onBehalf ? actor.MemberId : null,
            Authors = [new ProposalAuthor { MemberId = onBehalf ? null : actor.MemberId, Kind = kind }],
            PlanLinks = input.PlanNodeIds.Distinct().Select(id => new ProposalPlanLink { PlanNodeId = id }).ToList(),
        };
        proposal.Events.Add(new ProposalEvent
        {
            At = now,
            Kind = EventKind.Submitted,
            ActorId = actor.MemberId,
            ActorLabel = onBehalf ? $"saisie par l'équipe pour {kind.Label()}" : kind == AuthorKind.YoungMember ? actor.PublicLabel : kind.Label(),
            ToStatus = ProposalStatus.Deposited,
        });
        // Read before it is stored: a text that may say someone is in danger waits for a moderator,
        // whoever typed it in; a minor's personal detail waits in triage like every new proposal.
        // A proposal drawn from a parent's written answer was already read: an answer the screening
        // held reaches this form only once a moderator has released it.
        var screening = input.Provenance.Channel == Channel.Questionnaire && actor.IsStaff
            ? new Screening(Verdict.Clear, RiskReport.Clear)
            : safeguard.Screen($"{title}\n{text}", WriterOf(kind, bands));
        proposal.HeldForSafety = screening.Verdict == Verdict.Urgent;
        db.Proposals.Add(proposal);
        if (!proposal.HeldForSafety)
        {
            await db.SaveChangesAsync();
            stats.Invalidate();
            return CommandResult.Ok(new SubmittedProposal(proposal.Id, screening.Verdict));
        }
        // Held: the proposal and its case are written together, so that neither exists without the other.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.SaveChangesAsync();
            var who = kind == AuthorKind.YoungMember && !onBehalf ? member?.Pseudonym : null;
            var source = proposal.Id.ToString(CultureInfo.InvariantCulture);
            var age = AgeBands.All.Where(b => b.ToSet() == bands).Select(b => $" ({b.Label()})").FirstOrDefault() ?? "";
            var origin = onBehalf
                ? $"Proposition n° {source}, saisie par l'équipe pour {kind.Label()}{age}"
                : $"Proposition n° {source}, déposée en ligne par {who ?? kind.Label()}{age}";
            var safetyCase = cases.Stage(new HeldText(
                SafetyChannel.Proposal, source, origin, $"/pilotage/propositions/{source}", $"{title}\n\n{text}", onBehalf ? null : actor.MemberId, who), screening);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            await cases.AnnounceAsync(safetyCase);
        }
        stats.Invalidate();
        return CommandResult.Ok(new SubmittedProposal(proposal.Id, screening.Verdict));
    }

    /// <summary>
    /// A proposal its case judged safe after all: back in triage as if it had never been held, to be
    /// read and published there like any other. Nothing in its trail says it was held.
    /// </summary>
    public async Task<bool> ReleaseHeldAsync(int id)
    {
        if (!await db.Proposals.AnyAsync(p => p.Id == id))
        {
            return false;
        }
        // Conditional: of two moderators releasing it at once, one does.
        await db.Proposals.Where(p => p.Id == id && p.HeldForSafety).ExecuteUpdateAsync(set => set.SetProperty(p => p.HeldForSafety, false));
        return true;
    }

    /// <summary>Who wrote it, for the screening's rules and words: a minor's age band, a parent, an adult.</summary>
    private static Writer WriterOf(AuthorKind kind, AgeBandSet bands) => kind switch
    {
        AuthorKind.YoungMember when bands == AgeBand.From7To10.ToSet() => Writer.Child,
        AuthorKind.YoungMember => Writer.Young,
        AuthorKind.Parent => Writer.Parent,
        _ => Writer.Adult,
    };

    /// <summary>
    /// An idea retained at the end of a council session: already moderated in the room, it starts
    /// published, with the session as its origin and the young person (or guest) as its author.
    /// </summary>
    public async Task<CommandResult<int>> SubmitFromSessionAsync(string title, string text, Theme themes, RetainedIdea idea, Actor facilitator)
    {
        var now = clock.GetUtcNow();
        var proposal = new Proposal
        {
            Title = title,
            Text = text,
            Status = ProposalStatus.Published,
            Channel = Channel.CouncilSession,
            OriginReference = $"session:{idea.SessionId}/idea:{idea.IdeaId}",
            OriginDetail = $"{idea.SessionTitle}, {FrenchDates.Day(idea.SessionStartsAt)}",
            Themes = themes,
            AgeBands = idea.AgeBand is { } band ? band.ToSet() : idea.SessionAgeBands,
            CreatedAt = now,
            UpdatedAt = now,
            Authors = [new ProposalAuthor { MemberId = idea.MemberId, Kind = AuthorKind.YoungMember, IsGuest = idea.IsGuest }],
        };
        // A guest's name was chosen for one evening in one room: the proposal does not carry it.
        var author = idea.IsGuest ? ProposalAuthor.GuestLabel : idea.Pseudonym;
        proposal.Events.Add(new ProposalEvent { At = now, Kind = EventKind.Submitted, ActorLabel = author, ToStatus = ProposalStatus.Deposited, Reason = "Idée proposée pendant la séance du Conseil des jeunes." });
        proposal.Events.Add(new ProposalEvent
        {
            At = now, Kind = EventKind.StatusChanged, ActorId = facilitator.MemberId, ActorLabel = facilitator.PublicLabel,
            FromStatus = ProposalStatus.Deposited, ToStatus = ProposalStatus.Published, Reason = "Retenue à la fin de la séance pour devenir une proposition.",
        });
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync();
        Notify(proposal, $"Ton idée de la séance « {idea.SessionTitle} » est devenue une proposition.", $"Votre idée de la séance « {idea.SessionTitle} » est devenue une proposition.", now);
        await db.SaveChangesAsync();
        stats.Invalidate();
        return CommandResult.Ok(proposal.Id);
    }

    /// <summary>
    /// Moves several proposals at once: all of them, or none if any cannot move. A photo of what was
    /// done, already made safe, is kept in the store only once the step is written.
    /// </summary>
    public async Task<CommandResult> ChangeStatusAsync(IReadOnlyCollection<int> ids, ProposalStatus to, string? reason, Actor actor, string? link = null, DonePhotoUpload? photo = null)
    {
        if (Lifecycle.CheckLink(to, link) is { } linkProblem)
        {
            return CommandResult.Fail("Link", linkProblem);
        }
        if (photo is not null && Lifecycle.CheckPhoto(to, ids.Count, photo.Alt) is { } photoProblem)
        {
            return CommandResult.Fail(to == ProposalStatus.Done && ids.Count == 1 ? "PhotoAlt" : "Photo", photoProblem);
        }
        if (ids.Count == 0)
        {
            return CommandResult.Fail("Ids", "Cochez au moins une proposition.");
        }
        if (to == ProposalStatus.Merged)
        {
            return CommandResult.Fail("To", "Pour fusionner, utilisez « Fusionner avec » sur la page de la proposition.");
        }
        var proposals = await db.Proposals.Include(p => p.Authors).Where(p => ids.Contains(p.Id)).ToListAsync();
        var linked = await db.ProposalPlanLinks.Where(l => ids.Contains(l.ProposalId)).Select(l => l.ProposalId).Distinct().ToListAsync();
        var errors = new Dictionary<string, string>();
        foreach (var missing in ids.Except(proposals.Select(p => p.Id)))
        {
            errors[$"Ids[{missing}]"] = $"La proposition n° {missing} n'existe pas.";
        }
        foreach (var proposal in proposals)
        {
            if (proposal.HeldForSafety)
            {
                errors[$"Ids[{proposal.Id}]"] = $"N° {proposal.Id} « {proposal.Title} » : {HeldForSafetyMessage}";
                continue;
            }
            if (Lifecycle.Check(proposal.Status, to, actor.Roles, reason, linked.Contains(proposal.Id)) is { } problem)
            {
                errors[$"Ids[{proposal.Id}]"] = $"N° {proposal.Id} « {proposal.Title} » : {problem}";
            }
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }

        var now = clock.GetUtcNow();
        string? kept = null;
        var steps = new List<ProposalEvent>();
        foreach (var proposal in proposals)
        {
            var from = proposal.Status;
            proposal.Status = to;
            proposal.UpdatedAt = now;
            var step = new ProposalEvent
            {
                ProposalId = proposal.Id, At = now, Kind = EventKind.StatusChanged, ActorId = actor.MemberId, ActorLabel = actor.PublicLabel,
                FromStatus = from, ToStatus = to, Reason = Clean(reason), Link = Lifecycle.NormalisedLink(link),
            };
            db.ProposalEvents.Add(step);
            steps.Add(step);
            Notify(proposal, $"Ton idée a avancé ! « {proposal.Title} » est maintenant : {to.Label()}.", $"Votre proposition « {proposal.Title} » est maintenant : {to.Label()}.", now, step: to);
        }
        try
        {
            if (photo is not null)
            {
                kept = store.Keep(photo.File.WorkingPath, photo.File.Extension);
                foreach (var step in steps)
                {
                    (step.PhotoFile, step.PhotoAlt, step.PhotoWidth, step.PhotoHeight) = (kept, photo.Alt!.Trim(), photo.File.Width, photo.File.Height);
                }
            }
            await db.SaveChangesAsync();
        }
        catch
        {
            // The step is not written: its photo goes with it.
            if (kept is not null)
            {
                MediaStore.DeleteQuietly(store.PathOf(kept));
            }
            throw;
        }
        stats.Invalidate();
        return CommandResult.Ok();
    }

    /// <summary>Takes down the photo of what was done: the file is deleted, and the step keeps its words.</summary>
    public async Task<CommandResult> RemoveDonePhotoAsync(int id, Actor actor)
    {
        if (!actor.Roles.Any(Roles.Moderation.Contains))
        {
            return CommandResult.Fail("", "Seuls la modération et le pilotage retirent une photo publiée.");
        }
        var steps = await db.ProposalEvents.Where(e => e.ProposalId == id && e.PhotoFile != null).ToListAsync();
        if (steps.Count == 0)
        {
            return CommandResult.Fail("", "Cette proposition n'a pas de photo à retirer.");
        }
        var files = steps.Select(s => s.PhotoFile!).ToList();
        foreach (var step in steps)
        {
            (step.PhotoFile, step.PhotoAlt, step.PhotoWidth, step.PhotoHeight) = (null, null, null, null);
        }
        await db.SaveChangesAsync();
        foreach (var file in files)
        {
            store.Delete(file);
        }
        return CommandResult.Ok();
    }

    public async Task<CommandResult> LinkAsync(int id, int planNodeId, Actor actor)
    {
        if (!actor.IsStaff)
        {
            return CommandResult.Fail("", "Seule l'équipe relie les propositions au schéma.");
        }
        var proposal = await db.Proposals.Include(p => p.Authors).Include(p => p.PlanLinks).SingleOrDefaultAsync(p => p.Id == id);
        if (proposal is null)
        {
            return CommandResult.Fail("", "Cette proposition n'existe pas.");
        }
        if (await CheckPlanNodesAsync([planNodeId]) is { } problem)
        {
            return CommandResult.Fail("PlanNodeId", problem);
        }
        if (proposal.PlanLinks.Any(l => l.PlanNodeId == planNodeId))
        {
            return CommandResult.Fail("PlanNodeId", "La proposition est déjà reliée à cette action.");
        }
        var node = await db.PlanNodes.Where(n => n.Id == planNodeId).Select(n => new { n.Code, n.Title, n.Kind }).SingleAsync();
        var now = clock.GetUtcNow();
        proposal.PlanLinks.Add(new ProposalPlanLink { PlanNodeId = planNodeId });
        proposal.UpdatedAt = now;
        proposal.Events.Add(new ProposalEvent
        {
            At = now, Kind = EventKind.Linked, ActorId = actor.MemberId, ActorLabel = actor.PublicLabel,
            Reason = $"Reliée à l'{node.Kind} {node.Code} du schéma : {node.Title}",
        });
        Notify(proposal, $"Ta proposition « {proposal.Title} » est reliée à l'{node.Kind} {node.Code} du schéma.", $"Votre proposition « {proposal.Title} » est reliée à l'{node.Kind} {node.Code} du schéma.", now);
        await db.SaveChangesAsync();
        stats.Invalidate();
        return CommandResult.Ok();
    }

    public async Task<CommandResult> UnlinkAsync(int id, int planNodeId, Actor actor)
    {
        if (!actor.IsStaff)
        {
            return CommandResult.Fail("", "Seule l'équipe relie les propositions au schéma.");
        }
        var link = await db.ProposalPlanLinks.Include(l => l.PlanNode).SingleOrDefaultAsync(l => l.ProposalId == id && l.PlanNodeId == planNodeId);
        if (link is null)
        {
            return CommandResult.Fail("PlanNodeId", "La proposition n'est pas reliée à cette action.");
        }
        var status = await db.Proposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync();
        if (status is ProposalStatus.Integrated or ProposalStatus.Done
            && await db.ProposalPlanLinks.CountAsync(l => l.ProposalId == id) == 1)
        {
            return CommandResult.Fail("PlanNodeId", "Une proposition intégrée reste reliée à au moins une action.");
        }
        db.ProposalPlanLinks.Remove(link);
        db.ProposalEvents.Add(new ProposalEvent
        {
            ProposalId = id, At = clock.GetUtcNow(), Kind = EventKind.Unlinked, ActorId = actor.MemberId, ActorLabel = actor.PublicLabel,
            Reason = $"N'est plus reliée à l'{link.PlanNode!.Kind} {link.PlanNode.Code}",
        });
        await db.SaveChangesAsync();
        stats.Invalidate();
        return CommandResult.Ok();
    }

    /// <summary>A public answer to the authors, without changing the status.</summary>
    public async Task<CommandResult> AnswerAsync(int id, string? answer, Actor actor)
    {
        if (!actor.IsStaff)
        {
            return CommandResult.Fail("", "Seule l'équipe répond au nom du Département.");
        }
        var text = Clean(answer);
        if (text is null)
        {
            return CommandResult.Fail("Answer", "Écrivez la réponse.");
        }
        if (text.Length > Lifecycle.ReasonMaxLength)
        {
            return CommandResult.Fail("Answer", $"La réponse fait au plus {Lifecycle.ReasonMaxLength} caractères (ici : {text.Length}).");
        }
        var proposal = await db.Proposals.Include(p => p.Authors).SingleOrDefaultAsync(p => p.Id == id);
        if (proposal is null)
        {
            return CommandResult.Fail("", "Cette proposition n'existe pas.");
        }
        if (proposal.HeldForSafety)
        {
            return CommandResult.Fail("Answer", HeldForSafetyMessage);
        }
        var now = clock.GetUtcNow();
        proposal.UpdatedAt = now;
        db.ProposalEvents.Add(new ProposalEvent { ProposalId = id, At = now, Kind = EventKind.Answered, ActorId = actor.MemberId, ActorLabel = actor.PublicLabel, Reason = text });
        Notify(proposal, $"Une réponse a été donnée à ta proposition « {proposal.Title} ».", $"Une réponse a été donnée à votre proposition « {proposal.Title} ».", now);
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>
    /// Folds a duplicate into another proposal: the duplicate keeps its own trail and points to
    /// the other; its authors and supporters join the other; both trails say so.
    /// </summary>
    public async Task<CommandResult> MergeAsync(int duplicateId, int targetId, string? reason, Actor actor)
    {
        if (duplicateId == targetId)
        {
            return CommandResult.Fail("TargetId", "Une proposition ne peut pas être fusionnée avec elle-même.");
        }
        var duplicate = await db.Proposals.Include(p => p.Authors).Include(p => p.PlanLinks).SingleOrDefaultAsync(p => p.Id == duplicateId);
        var target = await db.Proposals.Include(p => p.Authors).Include(p => p.PlanLinks).SingleOrDefaultAsync(p => p.Id == targetId);
        if (duplicate is null)
        {
            return CommandResult.Fail("", "Cette proposition n'existe pas.");
        }
        if (target is null)
        {
            return CommandResult.Fail("TargetId", $"La proposition n° {targetId} n'existe pas.");
        }
        if (duplicate.HeldForSafety || target.HeldForSafety)
        {
            return CommandResult.Fail("", HeldForSafetyMessage);
        }
        if (!target.Status.IsPublic() || target.Status.IsFinal())
        {
            return CommandResult.Fail("TargetId", $"On ne fusionne qu'avec une proposition publiée et encore en cours (la n° {targetId} est « {target.Status.Label()} »).");
        }
        if (Lifecycle.Check(duplicate.Status, ProposalStatus.Merged, actor.Roles, reason, hasPlanLink: true) is { } problem)
        {
            return CommandResult.Fail("Reason", problem);
        }

        var now = clock.GetUtcNow();
        var from = duplicate.Status;
        duplicate.Status = ProposalStatus.Merged;
        duplicate.MergedIntoId = target.Id;
        duplicate.UpdatedAt = now;
        target.UpdatedAt = now;
        foreach (var author in duplicate.Authors.Where(a => a.MemberId is null || target.Authors.All(t => t.MemberId != a.MemberId)))
        {
            target.Authors.Add(new ProposalAuthor { MemberId = author.MemberId, Kind = author.Kind });
        }
        foreach (var link in duplicate.PlanLinks.Where(l => target.PlanLinks.All(t => t.PlanNodeId != l.PlanNodeId)))
        {
            target.PlanLinks.Add(new ProposalPlanLink { PlanNodeId = link.PlanNodeId });
        }
        target.Themes |= duplicate.Themes;
        target.AgeBands |= duplicate.AgeBands;

        var supporters = await db.Supports.Where(s => s.ProposalId == duplicateId).Select(s => s.MemberId).ToListAsync();
        var already = await db.Supports.Where(s => s.ProposalId == targetId).Select(s => s.MemberId).ToListAsync();
        foreach (var supporter in supporters.Except(already))
        {
            db.Supports.Add(new Support { ProposalId = targetId, MemberId = supporter, CreatedAt = now });
        }
        target.SupportCount = already.Union(supporters).Count();

        var why = Clean(reason);
        db.ProposalEvents.Add(new ProposalEvent
        {
            ProposalId = duplicate.Id, At = now, Kind = EventKind.StatusChanged, ActorId = actor.MemberId, ActorLabel = actor.PublicLabel,
            FromStatus = from, ToStatus = ProposalStatus.Merged, Reason = $"{why} (regroupée avec la proposition n° {target.Id})",
        });
        db.ProposalEvents.Add(new ProposalEvent
        {
            ProposalId = target.Id, At = now, Kind = EventKind.MergedIn, ActorId = actor.MemberId, ActorLabel = actor.PublicLabel,
            Reason = $"La proposition n° {duplicate.Id} « {duplicate.Title} » a été regroupée ici : {why}",
        });
        Notify(duplicate, $"Ta proposition « {duplicate.Title} » a été regroupée avec « {target.Title} », qui dit la même chose.", $"Votre proposition « {duplicate.Title} » a été regroupée avec « {target.Title} », qui dit la même chose.", now, target.Id);
        await db.SaveChangesAsync();
        stats.Invalidate();
        return CommandResult.Ok();
    }

    public async Task<CommandResult> SupportAsync(int id, Actor actor)
    {
        if (actor.MemberId is null || actor.IsStaff)
        {
            return CommandResult.Fail("", "Le soutien est réservé aux membres : jeunes, parents, professionnel·les.");
        }
        var proposal = await db.Proposals.Where(p => p.Id == id).Select(p => new { p.Status }).SingleOrDefaultAsync();
        if (proposal is null || !proposal.Status.IsPublic())
        {
            return CommandResult.Fail("", "Cette proposition n'existe pas.");
        }
        if (proposal.Status.IsFinal())
        {
            return CommandResult.Fail("", $"Cette proposition est « {proposal.Status.Label()} » : on ne peut plus la soutenir.");
        }
        if (await db.Supports.AnyAsync(s => s.ProposalId == id && s.MemberId == actor.MemberId))
        {
            return CommandResult.Fail("", "Tu soutiens déjà cette proposition.");
        }
        if (await db.ProposalAuthors.AnyAsync(a => a.ProposalId == id && a.MemberId == actor.MemberId))
        {
            return CommandResult.Fail("", "C'est ta proposition : ta voix y compte déjà.");
        }
        db.Supports.Add(new Support { ProposalId = id, MemberId = actor.MemberId, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return CommandResult.Fail("", "Tu soutiens déjà cette proposition.");
        }
        await RecountAsync(id);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> WithdrawSupportAsync(int id, Actor actor)
    {
        var removed = await db.Supports.Where(s => s.ProposalId == id && s.MemberId == actor.MemberId).ExecuteDeleteAsync();
        if (removed == 0)
        {
            return CommandResult.Fail("", "Tu ne soutenais pas cette proposition.");
        }
        await RecountAsync(id);
        return CommandResult.Ok();
    }

    private Task RecountAsync(int id) =>
        db.Proposals.Where(p => p.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.SupportCount, p => db.Supports.Count(s => s.ProposalId == p.Id)));

    /// <summary>What is missing or too much, counted for the writer: « encore 10 caractères », « enlève 12 caractères ».</summary>
    public static string? LengthError(int length, int min, int max, string what, bool tu)
    {
        if (length == 0)
        {
            return tu ? $"{what} est vide\u00A0: écris au moins {min} caractères." : $"{what} est vide\u00A0: écrivez au moins {min} caractères.";
        }
        if (length < min)
        {
            return $"{what} est trop court\u00A0: encore {min - length} caractère{Plural.S(min - length)}.";
        }
        if (length > max)
        {
            return tu
                ? $"{what} est trop long\u00A0: enlève {length - max} caractère{Plural.S(length - max)} ({max} au plus)."
                : $"{what} est trop long\u00A0: enlevez {length - max} caractère{Plural.S(length - max)} ({max} au plus).";
        }
        return null;
    }

    private async Task<string?> CheckPlanNodesAsync(IReadOnlyList<int> ids, bool tu = false)
    {
        if (ids.Count == 0)
        {
            return null;
        }
        var found = await db.PlanNodes.Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, n.IsLeaf, n.Plan!.IsPrimary }).ToListAsync();
        if (found.Count != ids.Distinct().Count())
        {
            return "Cette action du schéma n'existe pas.";
        }
        if (found.Any(n => !n.IsPrimary))
        {
            return tu ? "Choisis une action du schéma de ton Département." : "Choisissez une action du schéma du Département.";
        }
        return found.Any(n => !n.IsLeaf)
            ? tu ? "Choisis une action précise du schéma, pas une orientation entière." : "Choisissez une action précise du schéma, pas une orientation ou une priorité entière."
            : null;
    }

    /// <summary>Tells each author: young members in « tu », parents and professionals in « vous ».</summary>
    private void Notify(Proposal proposal, string young, string adult, DateTimeOffset now, int? proposalId = null, ProposalStatus? step = null)
    {
        var onRoad = step is { } reached ? Array.IndexOf(Lifecycle.Road, reached) : -1;
        foreach (var author in proposal.Authors.Where(a => a.MemberId is not null).DistinctBy(a => a.MemberId))
        {
            db.Notifications.Add(new Notification
            {
                MemberId = author.MemberId!, ProposalId = proposalId ?? proposal.Id, CreatedAt = now,
                Text = author.Kind == AuthorKind.YoungMember ? young : adult,
                Step = onRoad >= 0 ? onRoad + 1 : null, StepCount = onRoad >= 0 ? Lifecycle.Road.Length : null,
            });
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

internal static class ProvenanceExtensions
{
    public static string? OriginDetail(this Provenance provenance) =>
        string.IsNullOrWhiteSpace(provenance.Detail) ? null : provenance.Detail.Trim();
}

/// <summary>A photo of what was done, decoded and re-encoded without its metadata, and what it shows in words.</summary>
public sealed record DonePhotoUpload(ProcessedFile File, string? Alt);
