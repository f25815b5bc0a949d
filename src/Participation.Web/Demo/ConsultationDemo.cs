using Bogus;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Consultations;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Demo;

/// <summary>
/// Two consultations for the demo: one open to every parent by link, in French, FALC, Arabic and
/// English, already answered by sixty fictional families; one by invitation, with a batch of codes.
/// </summary>
public sealed class ConsultationDemo(ParticipationDb db, TimeProvider clock, Responses responses)
{
    private static readonly string[] Ideas =
    [
        "Être appelée avant chaque rendez-vous chez le médecin, pas après.",
        "Un seul numéro où quelqu'un répond, même le soir.",
        "Des visites le samedi, parce que je travaille en semaine.",
        "Qu'on m'explique les décisions avec des mots simples, et par écrit.",
        "Recevoir les bulletins scolaires comme les autres parents.",
        "Un lieu plus chaleureux pour les visites, avec des jeux.",
        "Pouvoir venir avec une personne de confiance aux réunions.",
        "Être invité aux fêtes et aux spectacles de l'école.",
        "Des nouvelles par message chaque semaine, même courtes.",
        "Rencontrer d'autres parents qui vivent la même chose.",
        "Que l'éducateur ne change pas tous les six mois.",
        "Une traduction quand je ne comprends pas bien le français.",
    ];

    public async Task SeedAsync(int seed, bool withProposals)
    {
        var now = clock.GetUtcNow();
        var random = new Randomizer(seed);

        var place = Question(QuestionKind.SingleChoice, "Aujourd'hui, votre enfant vit :", null, true,
            "dans une famille d'accueil", "dans un foyer ou une maison d'enfants", "chez un proche de la famille", "autre situation");
        var informed = Question(QuestionKind.Scale, "Vous sentez-vous informé·e de la vie de votre enfant au quotidien ?", null, true, QuestionnaireBuilder.DefaultScale);
        var project = Question(QuestionKind.YesNo, "Avez-vous participé à l'écriture du projet pour l'enfant (PPE) ?", "C'est le document qui fixe les objectifs de l'accompagnement.", true, "Oui", "Non");
        var obstacles = Question(QuestionKind.MultipleChoice, "Qu'est-ce qui vous en a empêché ?", null, false,
            "On ne me l'a pas proposé", "Les horaires ou la distance", "Je ne me sentais pas à l'aise", "Autre raison");
        var ties = Question(QuestionKind.MultipleChoice, "Comment gardez-vous le lien avec votre enfant ?", null, true,
            "Des visites", "Des appels", "Des messages", "Des sorties ou des week-ends");
        var priorities = Question(QuestionKind.Ranking, "Qu'est-ce qui compte le plus pour vous ?", null, true,
            "Être prévenu·e des rendez-vous importants", "Participer aux décisions sur l'école", "Avoir quelqu'un qui répond", "Voir mon enfant plus souvent");
        var meetings = Question(QuestionKind.Scale, "Les rencontres avec votre enfant se passent-elles dans de bonnes conditions ?", null, true, QuestionnaireBuilder.DefaultScale);
        var idea = Question(QuestionKind.FreeText, "Une idée pour que les parents soient mieux associés ?", "N'écrivez pas de nom.", false);

        var open = new Questionnaire
        {
            Slug = "parents-place",
            Title = "Votre place de parent quand votre enfant est accueilli",
            Intro = "Le Département veut mieux associer les parents à la vie de leurs enfants accueillis.\nVos réponses serviront à écrire les prochaines actions du schéma. Vous pouvez ne pas répondre à une question facultative.",
            Access = QuestionnaireAccess.OpenLink,
            OpensAt = now.AddDays(-20),
            ClosesAt = now.AddDays(40),
            PublishedAt = now.AddDays(-20),
            CreatedAt = now.AddDays(-25),
            Translations = ["falc", "ar", "en"],
            Sections =
            [
                new QuestionnaireSection { Title = "Vous et votre enfant", Position = 1, Questions = Numbered(place, informed, project, obstacles) },
                new QuestionnaireSection { Title = "Garder le lien", Position = 2, Questions = Numbered(ties, priorities, meetings) },
                new QuestionnaireSection { Title = "Vos idées", Position = 3, Questions = Numbered(idea) },
            ],
        };
        db.Questionnaires.Add(open);
        await db.SaveChangesAsync();
        obstacles.ShowWhenOptionId = project.Options[1].Id;
        await db.SaveChangesAsync();

        Translate(open, "falc", new()
        {
            ["titre"] = "Votre avis de parent",
            ["intro"] = "Votre enfant vit en dehors de chez vous.\nNous voulons savoir comment vous vivez cela.\nVos réponses vont nous aider à changer les choses.",
            [Key(open, 0)] = "Vous et votre enfant",
            [Key(open, 1)] = "Le lien avec votre enfant",
            [Key(open, 2)] = "Vos idées",
            [TextKeys.Question(place.Id)] = "Où vit votre enfant ?",
            [TextKeys.Option(place.Options[0].Id)] = "Dans une famille d'accueil",
            [TextKeys.Option(place.Options[1].Id)] = "Dans un foyer",
            [TextKeys.Option(place.Options[2].Id)] = "Chez quelqu'un de la famille",
            [TextKeys.Option(place.Options[3].Id)] = "Ailleurs",
            [TextKeys.Question(informed.Id)] = "Savez-vous ce que fait votre enfant chaque jour ?",
            [TextKeys.Question(project.Id)] = "Avez-vous aidé à écrire le projet de votre enfant ?",
            [TextKeys.Help(project.Id)] = "Le projet dit ce qui est prévu pour votre enfant.",
            [TextKeys.Question(obstacles.Id)] = "Pourquoi ?",
            [TextKeys.Option(obstacles.Options[0].Id)] = "Personne ne me l'a demandé",
            [TextKeys.Option(obstacles.Options[1].Id)] = "C'était trop loin ou pas à la bonne heure",
            [TextKeys.Option(obstacles.Options[2].Id)] = "J'avais peur ou j'étais gêné",
            [TextKeys.Option(obstacles.Options[3].Id)] = "Autre chose",
            [TextKeys.Question(ties.Id)] = "Comment êtes-vous en contact avec votre enfant ?",
            [TextKeys.Option(ties.Options[0].Id)] = "Je vais le voir",
            [TextKeys.Option(ties.Options[1].Id)] = "Je l'appelle",
            [TextKeys.Option(ties.Options[2].Id)] = "Je lui écris des messages",
            [TextKeys.Option(ties.Options[3].Id)] = "Il vient chez moi ou on sort ensemble",
            [TextKeys.Question(priorities.Id)] = "Qu'est-ce qui est le plus important pour vous ?",
            [TextKeys.Option(priorities.Options[0].Id)] = "Savoir quand il y a un rendez-vous",
            [TextKeys.Option(priorities.Options[1].Id)] = "Décider pour l'école",
            [TextKeys.Option(priorities.Options[2].Id)] = "Avoir quelqu'un qui répond",
            [TextKeys.Option(priorities.Options[3].Id)] = "Voir mon enfant plus souvent",
            [TextKeys.Question(meetings.Id)] = "Les visites avec votre enfant se passent bien ?",
            [TextKeys.Question(idea.Id)] = "Avez-vous une idée pour mieux aider les parents ?",
            [TextKeys.Help(idea.Id)] = "N'écrivez pas de nom.",
        });
        Translate(open, "ar", new()
        {
            ["titre"] = "مكانك كأب أو أم عندما يكون طفلك في الرعاية",
            ["intro"] = "تريد المحافظة أن تُشرك الآباء والأمهات أكثر في حياة أطفالهم المتكفَّل بهم.\nستساعد إجاباتك في كتابة الإجراءات القادمة.",
            [Key(open, 0)] = "أنت وطفلك",
            [Key(open, 1)] = "الحفاظ على الصلة",
            [Key(open, 2)] = "أفكارك",
            [TextKeys.Question(place.Id)] = "يعيش طفلك اليوم:",
            [TextKeys.Option(place.Options[0].Id)] = "عند عائلة مستقبِلة",
            [TextKeys.Option(place.Options[1].Id)] = "في دار أو مؤسسة للأطفال",
            [TextKeys.Option(place.Options[2].Id)] = "عند أحد الأقارب",
            [TextKeys.Option(place.Options[3].Id)] = "وضع آخر",
            [TextKeys.Question(informed.Id)] = "هل تشعر أنك على علم بحياة طفلك اليومية؟",
            [TextKeys.Option(informed.Options[0].Id)] = "أبدًا",
            [TextKeys.Option(informed.Options[1].Id)] = "قليلًا",
            [TextKeys.Option(informed.Options[2].Id)] = "متوسط",
            [TextKeys.Option(informed.Options[3].Id)] = "كثيرًا",
            [TextKeys.Option(informed.Options[4].Id)] = "تمامًا",
            [TextKeys.Question(project.Id)] = "هل شاركت في كتابة مشروع الطفل؟",
            [TextKeys.Help(project.Id)] = "هو الوثيقة التي تحدد أهداف المرافقة.",
            [TextKeys.Question(obstacles.Id)] = "ما الذي منعك من ذلك؟",
            [TextKeys.Option(obstacles.Options[0].Id)] = "لم يُعرض عليّ ذلك",
            [TextKeys.Option(obstacles.Options[1].Id)] = "المواعيد أو المسافة",
            [TextKeys.Option(obstacles.Options[2].Id)] = "لم أكن مرتاحًا",
            [TextKeys.Option(obstacles.Options[3].Id)] = "سبب آخر",
            [TextKeys.Question(ties.Id)] = "كيف تحافظ على الصلة مع طفلك؟",
            [TextKeys.Option(ties.Options[0].Id)] = "الزيارات",
            [TextKeys.Option(ties.Options[1].Id)] = "المكالمات",
            [TextKeys.Option(ties.Options[2].Id)] = "الرسائل",
            [TextKeys.Option(ties.Options[3].Id)] = "الخرجات أو عطل نهاية الأسبوع",
            [TextKeys.Question(priorities.Id)] = "ما الأهم بالنسبة لك؟",
            [TextKeys.Option(priorities.Options[0].Id)] = "أن أُبلَّغ بالمواعيد المهمة",
            [TextKeys.Option(priorities.Options[1].Id)] = "أن أشارك في قرارات المدرسة",
            [TextKeys.Option(priorities.Options[2].Id)] = "أن يكون هناك من يجيبني",
            [TextKeys.Option(priorities.Options[3].Id)] = "أن أرى طفلي أكثر",
            [TextKeys.Question(meetings.Id)] = "هل تجري اللقاءات مع طفلك في ظروف جيدة؟",
            [TextKeys.Option(meetings.Options[0].Id)] = "أبدًا",
            [TextKeys.Option(meetings.Options[1].Id)] = "قليلًا",
            [TextKeys.Option(meetings.Options[2].Id)] = "متوسط",
            [TextKeys.Option(meetings.Options[3].Id)] = "كثيرًا",
            [TextKeys.Option(meetings.Options[4].Id)] = "تمامًا",
            [TextKeys.Question(idea.Id)] = "هل لديك فكرة لإشراك الآباء والأمهات أكثر؟",
            [TextKeys.Help(idea.Id)] = "لا تكتب أي اسم.",
        });
        Translate(open, "en", new()
        {
            ["titre"] = "Your place as a parent when your child is in care",
            ["intro"] = "The Département wants parents to take a bigger part in the lives of their children in care.\nYour answers will help write the next actions of its plan.",
            [Key(open, 0)] = "You and your child",
            [Key(open, 1)] = "Keeping in touch",
            [Key(open, 2)] = "Your ideas",
            [TextKeys.Question(place.Id)] = "Today, your child lives:",
            [TextKeys.Option(place.Options[0].Id)] = "with a foster family",
            [TextKeys.Option(place.Options[1].Id)] = "in a children's home",
            [TextKeys.Option(place.Options[2].Id)] = "with a relative",
            [TextKeys.Option(place.Options[3].Id)] = "somewhere else",
            [TextKeys.Question(informed.Id)] = "Do you feel informed about your child's daily life?",
            [TextKeys.Option(informed.Options[0].Id)] = "Not at all",
            [TextKeys.Option(informed.Options[1].Id)] = "A little",
            [TextKeys.Option(informed.Options[2].Id)] = "Somewhat",
            [TextKeys.Option(informed.Options[3].Id)] = "A lot",
            [TextKeys.Option(informed.Options[4].Id)] = "Completely",
            [TextKeys.Question(project.Id)] = "Did you take part in writing your child's care plan (PPE)?",
            [TextKeys.Help(project.Id)] = "It is the document that sets the goals of the support.",
            [TextKeys.Question(obstacles.Id)] = "What stopped you?",
            [TextKeys.Option(obstacles.Options[0].Id)] = "Nobody offered",
            [TextKeys.Option(obstacles.Options[1].Id)] = "The times or the distance",
            [TextKeys.Option(obstacles.Options[2].Id)] = "I did not feel comfortable",
            [TextKeys.Option(obstacles.Options[3].Id)] = "Another reason",
            [TextKeys.Question(ties.Id)] = "How do you keep in touch with your child?",
            [TextKeys.Option(ties.Options[0].Id)] = "Visits",
            [TextKeys.Option(ties.Options[1].Id)] = "Calls",
            [TextKeys.Option(ties.Options[2].Id)] = "Messages",
            [TextKeys.Option(ties.Options[3].Id)] = "Outings or weekends",
            [TextKeys.Question(priorities.Id)] = "What matters most to you?",
            [TextKeys.Option(priorities.Options[0].Id)] = "Being told about important appointments",
            [TextKeys.Option(priorities.Options[1].Id)] = "Taking part in school decisions",
            [TextKeys.Option(priorities.Options[2].Id)] = "Having someone who answers",
            [TextKeys.Option(priorities.Options[3].Id)] = "Seeing my child more often",
            [TextKeys.Question(meetings.Id)] = "Do the meetings with your child take place in good conditions?",
            [TextKeys.Option(meetings.Options[0].Id)] = "Not at all",
            [TextKeys.Option(meetings.Options[1].Id)] = "A little",
            [TextKeys.Option(meetings.Options[2].Id)] = "Somewhat",
            [TextKeys.Option(meetings.Options[3].Id)] = "A lot",
            [TextKeys.Option(meetings.Options[4].Id)] = "Completely",
            [TextKeys.Question(idea.Id)] = "An idea so that parents are better involved?",
            [TextKeys.Help(idea.Id)] = "Do not write any names.",
        });

        // Sixty fictional families: most online in French, some in other languages, a few on paper.
        for (var n = 0; n < 60; n++)
        {
            var language = random.WeightedRandom(["fr", "falc", "ar", "en"], [0.7f, 0.1f, 0.12f, 0.08f]);
            var at = now.AddDays(-random.Double(0, 19));
            var response = new Response
            {
                QuestionnaireId = open.Id, Status = ResponseStatus.Submitted, Language = language,
                Channel = random.Bool(0.15f) ? ResponseChannel.Paper : ResponseChannel.Online, UpdatedAt = at, SubmittedAt = at,
            };
            void Choose(Question question, params QuestionOption[] options) =>
                response.Answers.AddRange(options.Select((o, i) => new Answer { QuestionId = question.Id, OptionId = o.Id, Rank = question.Kind == QuestionKind.Ranking ? i + 1 : null }));
            Choose(place, random.WeightedRandom(place.Options.ToArray(), [0.45f, 0.35f, 0.15f, 0.05f]));
            Choose(informed, informed.Options[random.WeightedRandom([0, 1, 2, 3, 4], [0.2f, 0.3f, 0.25f, 0.15f, 0.1f])]);
            var tookPart = random.Bool(0.4f);
            Choose(project, project.Options[tookPart ? 0 : 1]);
            if (!tookPart && random.Bool(0.8f))
            {
                Choose(obstacles, random.ListItems(obstacles.Options, random.Number(1, 2)).ToArray());
            }
            Choose(ties, random.ListItems(ties.Options, random.Number(1, 3)).ToArray());
            Choose(priorities, random.Shuffle(priorities.Options).ToArray());
            Choose(meetings, meetings.Options[random.WeightedRandom([0, 1, 2, 3, 4], [0.1f, 0.15f, 0.3f, 0.3f, 0.15f])]);
            if (random.Bool(0.45f))
            {
                response.Answers.Add(new Answer
                {
                    QuestionId = idea.Id, Text = random.ArrayElement(Ideas),
                    Themes = random.Bool(0.3f) ? Theme.FamilyTies : Theme.None,
                });
            }
            db.Responses.Add(response);
        }

        var invited = new Questionnaire
        {
            Slug = "rencontres-parents-professionnels",
            Title = "Rencontres entre parents et professionnels : votre avis",
            Intro = "Vous avez reçu ce questionnaire par courrier, avec un code. Il ne sert qu'une fois et ne dit pas qui vous êtes.",
            Access = QuestionnaireAccess.Invitation,
            OpensAt = now.AddDays(-5),
            ClosesAt = now.AddDays(25),
            PublishedAt = now.AddDays(-5),
            CreatedAt = now.AddDays(-6),
            Sections =
            [
                new QuestionnaireSection
                {
                    Title = "Les rencontres", Position = 1,
                    Questions = Numbered(
                        Question(QuestionKind.Scale, "Vous sentez-vous écouté·e pendant les rencontres avec les professionnels ?", null, true, QuestionnaireBuilder.DefaultScale),
                        Question(QuestionKind.SingleChoice, "Le moment des rencontres vous convient-il ?", null, true, "Oui, toujours", "Pas toujours", "Rarement"),
                        Question(QuestionKind.FreeText, "Qu'est-ce qui rendrait ces rencontres plus utiles pour vous ?", "N'écrivez pas de nom.", false)),
                },
            ],
        };
        db.Questionnaires.Add(invited);
        await db.SaveChangesAsync();
        await responses.CreateInvitationsAsync(invited.Id, "Courrier de novembre, secteur de Bellerive", 24);
        await SeedFinishedAsync(random, now, withProposals);
    }

    /// <summary>A consultation held last summer, whose answers have already become proposals.</summary>
    private async Task SeedFinishedAsync(Randomizer random, DateTimeOffset now, bool withProposals)
    {
        var feeling = Question(QuestionKind.Scale, "Les visites en présence d'un professionnel vous aident-elles à garder le lien ?", null, true, QuestionnaireBuilder.DefaultScale);
        var wish = Question(QuestionKind.FreeText, "Que faudrait-il changer pendant ces visites ?", "N'écrivez pas de nom.", false);
        var finished = new Questionnaire
        {
            Slug = "visites-en-presence-d-un-tiers",
            Title = "Les visites en présence d'un professionnel : votre expérience",
            Intro = "Pour améliorer les lieux et le déroulement des visites.",
            Access = QuestionnaireAccess.OpenLink,
            OpensAt = now.AddDays(-150),
            ClosesAt = now.AddDays(-110),
            PublishedAt = now.AddDays(-150),
            CreatedAt = now.AddDays(-155),
            Sections = [new QuestionnaireSection { Title = "Les visites", Position = 1, Questions = Numbered(feeling, wish) }],
        };
        db.Questionnaires.Add(finished);
        await db.SaveChangesAsync();
        string[] wishes =
        [
            "Une salle avec des jouets et un coin pour les devoirs, pas un bureau.",
            "Pouvoir partager un goûter avec mon fils pendant la visite.",
            "Des visites plus longues quand tout se passe bien.",
        ];
        var written = new List<Answer>();
        for (var n = 0; n < 23; n++)
        {
            var at = now.AddDays(-random.Double(111, 149));
            var response = new Response { QuestionnaireId = finished.Id, Status = ResponseStatus.Submitted, Language = "fr", Channel = random.Bool(0.3f) ? ResponseChannel.Paper : ResponseChannel.Online, UpdatedAt = at, SubmittedAt = at };
            response.Answers.Add(new Answer { QuestionId = feeling.Id, OptionId = feeling.Options[random.WeightedRandom([0, 1, 2, 3, 4], [0.15f, 0.25f, 0.3f, 0.2f, 0.1f])].Id });
            if (n < wishes.Length * 2)
            {
                var answer = new Answer { QuestionId = wish.Id, Text = wishes[n % wishes.Length], Themes = Theme.FamilyTies };
                response.Answers.Add(answer);
                written.Add(answer);
            }
            db.Responses.Add(response);
        }
        await db.SaveChangesAsync();
        // A demo asked for no proposals at all (Demo:Proposals = 0) gets none from here either.
        if (!withProposals)
        {
            return;
        }

        // Two written answers were taken up: one is already in the plan, the other is with the Département.
        // Both are about family ties: the action they join is one of the plan's on family ties.
        var action = (await db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).OrderBy(n => n.Id).Select(n => new { n.Id, n.Themes }).ToListAsync())
            .First(n => n.Themes.HasFlag(Theme.FamilyTies)).Id;
        Proposal Taken(Answer answer, string title, ProposalStatus status)
        {
            var created = finished.ClosesAt.AddDays(5);
            var proposal = new Proposal
            {
                Title = title, Text = answer.Text!, Status = status, Channel = Channel.Questionnaire,
                OriginReference = ConsultationResults.Reference(finished.Id, answer.Id), OriginDetail = finished.Title,
                Themes = Theme.FamilyTies, CreatedAt = created, UpdatedAt = created,
                Authors = [new ProposalAuthor { Kind = AuthorKind.Parent }],
            };
            proposal.Events.Add(new ProposalEvent { At = created, Kind = EventKind.Submitted, ActorLabel = "saisie par l'équipe pour un parent", ToStatus = ProposalStatus.Deposited });
            var previous = ProposalStatus.Deposited;
            foreach (var step in Lifecycle.Road.Skip(1).Take(Array.IndexOf(Lifecycle.Road, status)))
            {
                created = created.AddDays(7);
                if (step == ProposalStatus.Integrated)
                {
                    proposal.PlanLinks.Add(new ProposalPlanLink { PlanNodeId = action });
                }
                proposal.Events.Add(new ProposalEvent
                {
                    At = created, Kind = EventKind.StatusChanged, ActorLabel = Roles.Label(step == ProposalStatus.Published ? Roles.Moderator : Roles.Admin),
                    FromStatus = previous, ToStatus = step, Reason = step == ProposalStatus.Integrated ? "Les salles de visite seront réaménagées avec les familles." : null,
                });
                previous = step;
            }
            proposal.UpdatedAt = created;
            return proposal;
        }
        var rooms = Taken(written[0], "Des salles de visite accueillantes, avec des jeux", ProposalStatus.Integrated);
        var snack = Taken(written[1], "Partager un goûter pendant les visites", ProposalStatus.SentToDepartment);
        db.Proposals.AddRange(rooms, snack);
        await db.SaveChangesAsync();
        written[0].ProposalId = rooms.Id;
        written[1].ProposalId = snack.Id;
        await db.SaveChangesAsync();
    }

    private static Question Question(QuestionKind kind, string text, string? help, bool required, params string[] options) => new()
    {
        Kind = kind, Text = text, Help = help, Required = required,
        Options = (kind == QuestionKind.YesNo ? ["Oui", "Non"] : options).Select((o, i) => new QuestionOption { Text = o, Position = i + 1 }).ToList(),
    };

    private static List<Question> Numbered(params Question[] questions)
    {
        for (var i = 0; i < questions.Length; i++)
        {
            questions[i].Position = i + 1;
        }
        return [.. questions];
    }

    private static string Key(Questionnaire questionnaire, int section) => TextKeys.Section(questionnaire.Sections[section].Id);

    private void Translate(Questionnaire questionnaire, string language, Dictionary<string, string> texts) =>
        db.QuestionnaireTranslations.AddRange(texts.Select(t => new QuestionnaireTranslation { QuestionnaireId = questionnaire.Id, Language = language, Key = t.Key, Text = t.Value }));
}
